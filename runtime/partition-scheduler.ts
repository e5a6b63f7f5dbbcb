/**
 * Runs work items strictly one after another per partition key, different keys concurrently
 * up to a limit. A key can be *blocked* until a given message id arrives again (a message
 * nak'd for a delayed retry): later items of that key wait, and the retried item jumps to
 * the front when it is redelivered, so a retry never lets a later event overtake it.
 */
export interface BlockRequest {
  /** The message id whose redelivery unblocks the key. */
  untilId: string;
  /** Safety valve: unblock anyway after this long (the redelivery may go to another instance). */
  timeoutMs: number;
}

export type Worker<T> = (item: T) => Promise<BlockRequest | void>;

interface Lane<T> {
  key: string;
  queue: T[];
  running: boolean;
  ready: boolean;
  blockedBy?: string | undefined;
  timer?: ReturnType<typeof setTimeout> | undefined;
  /** The lane's settle callbacks, made once per lane (not twice per item). */
  done: (block: BlockRequest | void) => void;
  failed: (error: unknown) => void;
}

const SPARE_LANES = 1024;

export class PartitionScheduler<T> {
  private readonly lanes = new Map<string, Lane<T>>();
  private readonly ready: Lane<T>[] = [];
  /** Idle lanes kept for reuse: with many keys, most items would otherwise allocate a lane. */
  private readonly spare: Lane<T>[] = [];
  private active = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly worker: Worker<T>,
    private readonly onError: (error: unknown) => void,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
    }
  }

  /** Number of items queued or running. */
  get size(): number {
    let n = this.active;
    for (const lane of this.lanes.values()) n += lane.queue.length;
    return n;
  }

  enqueue(key: string, item: T, id: string): void {
    if (this.closed) return;
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = this.spare.pop() ?? this.newLane();
      lane.key = key;
      this.lanes.set(key, lane);
    }
    if (lane.blockedBy !== undefined && lane.blockedBy === id) {
      lane.queue.unshift(item);
      this.unblock(lane);
    } else {
      lane.queue.push(item);
    }
    this.markReady(lane);
    this.pump();
  }

  /** Stops starting new items; resolves when running ones have finished. */
  async close(): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) if (lane.timer) clearTimeout(lane.timer);
    if (this.active === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Removes and returns every item not started yet, each key's items in their order
   * (for a graceful stop: the caller hands them back to the broker).
   */
  takeQueued(): T[] {
    const items: T[] = [];
    for (const lane of this.lanes.values()) items.push(...lane.queue.splice(0));
    this.ready.length = 0;
    return items;
  }

  private markReady(lane: Lane<T>): void {
    if (!lane.ready && !lane.running && lane.blockedBy === undefined && lane.queue.length > 0) {
      lane.ready = true;
      this.ready.push(lane);
    }
  }

  private unblock(lane: Lane<T>): void {
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = undefined;
    lane.blockedBy = undefined;
  }

  private pump(): void {
    while (!this.closed && this.active < this.concurrency && this.ready.length > 0) {
      const lane = this.ready.shift()!;
      lane.ready = false;
      if (lane.running || lane.blockedBy !== undefined || lane.queue.length === 0) continue;
      this.run(lane);
    }
  }

  private run(lane: Lane<T>): void {
    const item = lane.queue.shift()!;
    lane.running = true;
    this.active++;
    this.worker(item).then(lane.done, lane.failed);
  }

  private newLane(): Lane<T> {
    const lane: Lane<T> = {
      key: '',
      queue: [],
      running: false,
      ready: false,
      done: (block) => this.finish(lane, block),
      failed: (error) => {
        this.onError(error);
        this.finish(lane, undefined);
      },
    };
    return lane;
  }

  private finish(lane: Lane<T>, block: BlockRequest | void): void {
    lane.running = false;
    this.active--;
    if (block && !this.closed) {
      lane.blockedBy = block.untilId;
      lane.timer = setTimeout(() => {
        this.unblock(lane);
        this.markReady(lane);
        this.pump();
      }, block.timeoutMs);
      lane.timer.unref?.();
    }
    if (lane.queue.length === 0 && lane.blockedBy === undefined) {
      this.lanes.delete(lane.key);
      if (this.spare.length < SPARE_LANES) this.spare.push(lane);
    } else this.markReady(lane);
    if (this.closed && this.active === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    this.pump();
  }
}
