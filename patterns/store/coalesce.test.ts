import { describe, expect, it } from 'vitest';
import { coalesceWrites } from './coalesce.ts';

/** A write that records its batches and finishes when the test says so. */
function controlledWrite(fail?: (items: string[]) => boolean) {
  const batches: string[][] = [];
  const finish: (() => void)[] = [];
  const write = (items: string[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push([...items]);
      finish.push(() => (fail?.(items) ? reject(new Error(`write of ${items.join(',')} failed`)) : resolve()));
    });
  const tick = () => new Promise((r) => setImmediate(r));
  return { batches, write, finishNext: async () => (finish.shift()!(), await tick()), tick };
}

describe('coalesceWrites (group commit of one kind of write)', () => {
  it('writes a lone call at once, without waiting for company', async () => {
    const w = controlledWrite();
    const mark = coalesceWrites(w.write);
    const done = mark(['a']);
    expect(w.batches, 'the write starts synchronously').toEqual([['a']]);
    await w.finishNext();
    await expect(done).resolves.toBeUndefined();
  });

  it('joins every call made while a write is in flight into one next write', async () => {
    const w = controlledWrite();
    const mark = coalesceWrites(w.write);
    const first = mark(['a']);
    const rest = [mark(['b']), mark(['c', 'd']), mark(['e'])];
    expect(w.batches, 'nothing else starts while the first write runs').toEqual([['a']]);
    let settled = 0;
    for (const p of rest) void p.then(() => settled++);
    await w.finishNext();
    await first;
    expect(settled, 'the joined callers are not resolved before their own write').toBe(0);
    expect(w.batches, 'three callers, one write').toEqual([['a'], ['b', 'c', 'd', 'e']]);
    await w.finishNext();
    await Promise.all(rest);
    expect(settled).toBe(3);
  });

  it('rejects exactly the callers of a failed write, and keeps writing later ones', async () => {
    const w = controlledWrite((items) => items.includes('bad'));
    const mark = coalesceWrites(w.write);
    const first = mark(['a']);
    // Settled into values at once: a rejection nobody listens to yet would be unhandled.
    const failed = [mark(['bad']), mark(['b'])].map((p) => p.then(() => 'written', (e: Error) => e.message));
    await w.finishNext();
    await first;
    const later = mark(['c']);
    await w.finishNext();
    expect(await Promise.all(failed), 'each caller of the failed write hears of it').toEqual(['write of bad,b failed', 'write of bad,b failed']);
    await w.finishNext();
    await expect(later, 'a failure does not stop the writer').resolves.toBeUndefined();
    expect(w.batches).toEqual([['a'], ['bad', 'b'], ['c']]);
  });

  it('caps a write at maxBatch items without splitting a caller', async () => {
    const w = controlledWrite();
    const mark = coalesceWrites(w.write, 3);
    const all = [mark(['a']), mark(['b', 'c']), mark(['d']), mark(['e', 'f']), mark([])];
    await w.finishNext();
    await w.finishNext();
    await w.finishNext();
    await Promise.all(all);
    expect(w.batches, 'b+c+d fill one write of 3; e+f go to the next').toEqual([['a'], ['b', 'c', 'd'], ['e', 'f']]);
  });
});
