/**
 * The shared state of one diff run: which pairs may be skipped as equal, the memo key of a
 * pair (side, policy, identities), the swapped view used by `not`, and the nesting limit.
 */
import { describe, expect, it } from 'vitest';
import { CompatError } from './errors.ts';
import { createContext, enterDepth, leaveDepth, MAX_DEPTH, pairKey, rulePolicy, swapContext, unchanged, breaks } from './diff-context.ts';
import { createResolver } from './refs.ts';

const context = (stableDefs = false, policy: 'STRICT' | 'LENIENT' = 'LENIENT') =>
  createContext(createResolver({}, 'before'), createResolver({}, 'after'), stableDefs, policy);

describe('unchanged: equal text is skipped only when no $ref could make it differ', () => {
  it('equal subtrees without refs are skipped; different ones are not', () => {
    expect(unchanged(context(), { type: 'string' }, { type: 'string' })).toBe(true);
    expect(unchanged(context(), 'a', 'a')).toBe(true);
    expect(unchanged(context(), { type: 'string' }, { type: 'integer' })).toBe(false);
  });

  it('refs into $defs count as equal only when both roots have the same $defs', () => {
    const ref = () => ({ properties: { a: { $ref: '#/$defs/A' } } });
    expect(unchanged(context(true), ref(), ref())).toBe(true);
    expect(unchanged(context(false), ref(), ref())).toBe(false);
  });

  it('other refs are never skipped', () => {
    const ref = () => ({ items: { $ref: '#/properties/x' } });
    expect(unchanged(context(true), ref(), ref())).toBe(false);
    expect(unchanged(context(true), { $dynamicRef: '#meta' }, { $dynamicRef: '#meta' })).toBe(false);
  });
});

describe('pair keys', () => {
  it('name a pair by identity, side and policy', () => {
    const ctx = context();
    const a = {};
    const b = {};
    const key = pairKey(ctx, a, b);
    expect(pairKey(ctx, a, b)).toBe(key);
    expect(pairKey(ctx, b, a)).not.toBe(key);
    expect(pairKey(ctx, a, {})).not.toBe(key);
    expect(pairKey(ctx, false, b)).toBe(pairKey(ctx, false, b));
    expect(pairKey(ctx, false, false)).not.toBe(pairKey(ctx, a, a));
    expect(pairKey(swapContext(ctx), a, b), 'the swapped view is another pair').not.toBe(key);
    expect(pairKey(swapContext(ctx, 'STRICT'), a, b)).not.toBe(pairKey(swapContext(ctx), a, b));
  });

  it('give every new node its own number (nodes with equal text are still different nodes)', () => {
    const ctx = context();
    const keys = new Set(Array.from({ length: 20 }, () => pairKey(ctx, {}, {})));
    expect(keys.size).toBe(20);
  });
});

describe('swapContext', () => {
  it('swaps the resolvers, flips the side, keeps the shared state and, unless told, the policy', () => {
    const ctx = context(true, 'STRICT');
    const swapped = swapContext(ctx);
    expect(swapped).toMatchObject({ before: ctx.after, after: ctx.before, swapped: true, policy: 'STRICT', stableDefs: true });
    expect(swapped.shared).toBe(ctx.shared);
    expect(swapContext(swapped).swapped).toBe(false);
    expect(swapContext(ctx, 'LENIENT').policy).toBe('LENIENT');
    expect(ctx.swapped).toBe(false);
  });
});

describe('the verdict of a sub-diff follows the run\'s policy', () => {
  it('an optional property added to an open object breaks under STRICT only', () => {
    const change = { kind: 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL' as const, path: '/x', before: undefined, after: {} };
    expect(breaks(context(false, 'STRICT'), [change])).toBe(true);
    expect(breaks(context(false, 'LENIENT'), [change])).toBe(false);
    expect(breaks(context(false, 'STRICT'), [])).toBe(false);
    expect([rulePolicy('STRICT'), rulePolicy('LENIENT'), rulePolicy('CONSUMER_AWARE')]).toEqual(['STRICT', 'LENIENT', 'LENIENT']);
  });
});

describe('the nesting limit', () => {
  it(`allows ${MAX_DEPTH} levels, refuses one more with the pointer, and starts again after the error`, () => {
    const ctx = context();
    for (let i = 0; i < MAX_DEPTH; i++) enterDepth(ctx, '/anyOf/0');
    let error: unknown;
    try {
      enterDepth(ctx, `/${'anyOf/0/'.repeat(100)}`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompatError);
    expect((error as CompatError).message).toMatch(/^anyOf\/oneOf\/allOf\/not nested deeper than 300 levels/);
    expect((error as CompatError).pointer).toHaveLength(200);
    expect((error as CompatError).hint).toMatch(/flatten the schema with \$defs and \$ref/);
    expect(ctx.shared.depth, 'a later run on the same context is not poisoned').toBe(0);
  });

  it('leaving a level makes room for one more', () => {
    const ctx = context();
    for (let i = 0; i < MAX_DEPTH; i++) enterDepth(ctx, '');
    leaveDepth(ctx);
    expect(() => enterDepth(ctx, '')).not.toThrow();
    expect(() => enterDepth(ctx, '')).toThrow(CompatError);
  });
});
