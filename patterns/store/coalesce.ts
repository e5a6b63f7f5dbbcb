/**
 * Group commit for one kind of write: calls that arrive while a write is in flight are joined
 * into the next one, so N concurrent callers cost one statement (and one commit) instead of N,
 * and a lone caller is written at once (no timer, no added latency). Each caller's promise
 * settles with the write that contains its items: resolved once they are stored, rejected with
 * that write's error. Writes run one at a time, at most `maxBatch` items each.
 *
 * The saga orchestrator marks every published command in its outbox (`published_at`); under
 * load that was one autocommitted UPDATE, and so one WAL flush, per transition.
 */
export type Coalesced<T> = (items: readonly T[]) => Promise<void>;

interface Batch<T> {
  items: T[];
  settle: { resolve: () => void; reject: (error: unknown) => void }[];
}

export function coalesceWrites<T>(write: (items: T[]) => Promise<void>, maxBatch = 500): Coalesced<T> {
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error(`maxBatch must be a positive integer, got ${maxBatch}`);
  const queue: Batch<T>[] = [];
  let writing = false;

  const drain = async (): Promise<void> => {
    writing = true;
    try {
      for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) {
        try {
          await write(batch.items);
          for (const s of batch.settle) s.resolve();
        } catch (error) {
          for (const s of batch.settle) s.reject(error);
        }
      }
    } finally {
      writing = false;
    }
  };

  return (items) => {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      // Join the last waiting batch while it has room; a caller's items are never split.
      let batch = queue.at(-1);
      if (batch === undefined || (batch.items.length > 0 && batch.items.length + items.length > maxBatch)) {
        batch = { items: [], settle: [] };
        queue.push(batch);
      }
      batch.items.push(...items);
      batch.settle.push({ resolve, reject });
      if (!writing) void drain();
    });
  };
}
