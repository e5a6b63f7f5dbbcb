import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from './idempotency.ts';

describe('createMemoryIdempotencyStore', () => {
  it('remembers added ids', () => {
    const store = createMemoryIdempotencyStore();
    expect(store.has('a'), 'unknown id').toBe(false);
    store.add('a');
    expect(store.has('a'), 'added id is a duplicate').toBe(true);
  });

  it('is bounded and evicts the least recently used id', () => {
    const store = createMemoryIdempotencyStore({ capacity: 3 });
    for (const id of ['a', 'b', 'c']) store.add(id);
    expect(store.has('a'), 'touching a makes b the oldest').toBe(true);
    store.add('d');
    expect(store.size, 'never exceeds capacity').toBe(3);
    expect(store.has('b'), 'b was least recently used and is evicted').toBe(false);
    expect(['a', 'c', 'd'].every((id) => store.has(id)), 'the rest are kept').toBe(true);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => createMemoryIdempotencyStore({ capacity: 0 })).toThrow(/positive integer/);
  });
});
