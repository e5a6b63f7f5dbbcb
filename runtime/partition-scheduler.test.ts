import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '#test/faults/support/contracts.ts';
import { PartitionScheduler } from './partition-scheduler.ts';
import type { BlockRequest } from './partition-scheduler.ts';

interface Item {
  key: string;
  n: number;
}

describe('PartitionScheduler', () => {
  it('runs one key strictly in order and different keys concurrently up to the limit', async () => {
    const done: Item[] = [];
    let running = 0;
    let peak = 0;
    const runningKeys = new Set<string>();
    let sameKeyOverlap = false;
    const scheduler = new PartitionScheduler<Item>(4, async (item) => {
      if (runningKeys.has(item.key)) sameKeyOverlap = true;
      runningKeys.add(item.key);
      peak = Math.max(peak, ++running);
      await sleep(Math.random() * 4);
      running--;
      runningKeys.delete(item.key);
      done.push(item);
    }, (e) => { throw e; });
    for (let n = 0; n < 50; n++) for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) scheduler.enqueue(key, { key, n }, `${key}${n}`);
    await waitFor(() => done.length === 300, 'all items');
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) {
      expect(done.filter((i) => i.key === key).map((i) => i.n), `key ${key} ran in enqueue order`).toEqual([...Array(50).keys()]);
    }
    expect(sameKeyOverlap, 'a key never runs two items at once').toBe(false);
    expect(peak, 'concurrency reached the limit (so keys did run in parallel)').toBe(4);
  });

  it('holds a blocked key until the blocking id is enqueued again, then runs it first', async () => {
    const done: string[] = [];
    let failOnce = true;
    const scheduler = new PartitionScheduler<string>(8, async (id): Promise<BlockRequest | void> => {
      if (id === 'k1' && failOnce) {
        failOnce = false;
        return { untilId: 'k1', timeoutMs: 10_000 };
      }
      done.push(id);
    }, (e) => { throw e; });
    scheduler.enqueue('k', 'k1', 'k1');
    scheduler.enqueue('k', 'k2', 'k2');
    scheduler.enqueue('other', 'o1', 'o1');
    await sleep(30);
    expect(done, 'k2 waits behind the blocked k1; other keys go on').toEqual(['o1']);
    scheduler.enqueue('k', 'k1', 'k1'); // the redelivery
    await waitFor(() => done.length === 3, 'k1 then k2');
    expect(done, 'the retried k1 runs before k2').toEqual(['o1', 'k1', 'k2']);
  });

  it('unblocks after the safety timeout when the redelivery never comes', async () => {
    const done: string[] = [];
    const scheduler = new PartitionScheduler<string>(1, async (id) => {
      if (id === 'k1') return { untilId: 'k1', timeoutMs: 40 };
      done.push(id);
    }, (e) => { throw e; });
    scheduler.enqueue('k', 'k1', 'k1');
    scheduler.enqueue('k', 'k2', 'k2');
    await waitFor(() => done.length === 1, 'k2 after the timeout');
    expect(done).toEqual(['k2']);
  });

  it('close() waits for running items and starts no new ones', async () => {
    const started: number[] = [];
    let finished = 0;
    const scheduler = new PartitionScheduler<number>(2, async (n) => {
      started.push(n);
      await sleep(30);
      finished++;
    }, (e) => { throw e; });
    for (let n = 0; n < 6; n++) scheduler.enqueue(`k${n}`, n, String(n));
    await sleep(5);
    await scheduler.close();
    expect(finished, 'the two running items finished before close resolved').toBe(2);
    await sleep(50);
    expect(started, 'nothing else was started after close').toEqual([0, 1]);
  });

  it('reports a worker crash and carries on with the key', async () => {
    const errors: unknown[] = [];
    const done: number[] = [];
    const scheduler = new PartitionScheduler<number>(1, async (n) => {
      if (n === 0) throw new Error('boom');
      done.push(n);
    }, (e) => errors.push(e));
    scheduler.enqueue('k', 0, '0');
    scheduler.enqueue('k', 1, '1');
    await waitFor(() => done.length === 1, 'the next item');
    expect(errors, 'the crash is reported').toHaveLength(1);
  });

  it('reuses an idle lane for another key without carrying state over', async () => {
    const done: string[] = [];
    let blockOnce = true;
    const scheduler = new PartitionScheduler<string>(1, async (id): Promise<BlockRequest | void> => {
      if (id === 'a1' && blockOnce) {
        blockOnce = false;
        return { untilId: 'a1', timeoutMs: 10_000 };
      }
      done.push(id);
    }, (e) => { throw e; });
    scheduler.enqueue('a', 'a1', 'a1'); // blocks key a
    // The redelivery comes after the nak (the consumer folds a redelivery that arrives while the
    // first delivery is still queued or running into it): let the worker's block take effect.
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.enqueue('a', 'a1', 'a1'); // its redelivery unblocks and runs it
    await waitFor(() => done.length === 1, 'a1 retried');
    // key a's lane is now idle and spare; keys b and c must start clean with it.
    for (const id of ['b1', 'b2', 'c1']) scheduler.enqueue(id[0]!, id, id);
    await waitFor(() => done.length === 4, 'b and c');
    expect([...done].sort(), 'a reused lane is neither blocked nor holding old items').toEqual(['a1', 'b1', 'b2', 'c1']);
    expect(done.indexOf('b1') < done.indexOf('b2'), 'key b still runs in order').toBe(true);
    expect(scheduler.size, 'nothing left queued').toBe(0);
  });
});
