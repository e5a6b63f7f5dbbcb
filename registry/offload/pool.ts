/**
 * CPU-heavy steps run off the request's event loop: a small pool of worker threads, one
 * task at a time per worker, each task with a time limit. A task over its limit has its
 * worker terminated (the only way to stop synchronous JavaScript) and replaced on demand;
 * the request gets the caller's timeout error. Other requests keep being served meanwhile
 * (test/faults/hostile-input.test.ts probes that). Workers are unref'd: they never keep
 * the process alive, and a crash of one (out of memory, a native abort) fails only its task.
 */
import { Worker } from 'node:worker_threads';

export interface TaskError {
  kind: string;
  message: string;
  [field: string]: unknown;
}

interface Job {
  task: string;
  input: unknown;
  timeoutMs: number;
  onTimeout: () => Error;
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy?: { id: number; job: Job; timer: NodeJS.Timeout };
}

export interface PoolOptions {
  /** Module URL exporting `tasks` (name → function) and `serializeError`. */
  tasks: URL;
  /** Rebuilds a typed error from its serialized form (worker → request thread). */
  deserializeError: (error: TaskError) => Error;
  /** The error a task gets when its worker dies under it (out of memory, a crash). */
  onCrash: (message: string) => Error;
  size?: number;
  /** Heap cap per worker: a task that allocates more fails alone. */
  maxHeapMb?: number;
}

const ENTRY = new URL('./worker.js', import.meta.url);

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  run<T>(task: string, input: unknown, limits: { timeoutMs: number; onTimeout: () => Error }): Promise<T> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ task, input, ...limits, resolve: resolve as (o: unknown) => void, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('worker pool closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < (this.options.size ?? 2)) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(() => this.fail(slot!, job.onTimeout()), job.timeoutMs);
      slot.busy = { id, job, timer };
      const target = slot;
      // The time limit includes a fresh worker's start-up (loading tsx and the task modules).
      void target.ready.then(() => target.busy?.id === id && target.worker.postMessage({ id, task: job.task, input: job.input }));
    }
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, {
      workerData: { tasks: this.options.tasks.href },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 },
    });
    worker.unref();
    let markReady!: () => void;
    const slot: Slot = { worker, ready: new Promise<void>((r) => (markReady = r)) };
    worker.on('message', (message: { ready?: boolean; id?: number; ok?: boolean; output?: unknown; error?: TaskError }) => {
      if (message.ready) return markReady();
      const busy = slot.busy;
      if (!busy || busy.id !== message.id) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      if (message.ok) busy.job.resolve(message.output);
      else busy.job.reject(this.options.deserializeError(message.error!));
      this.dispatch();
    });
    worker.on('error', (error) => this.fail(slot, this.options.onCrash(error.message)));
    worker.on('exit', (code) => this.fail(slot, this.options.onCrash(`exit code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  /** Ends the slot's task with `error`, terminates and forgets the worker. */
  private fail(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.job.reject(error);
    }
    void slot.worker.terminate();
    this.dispatch();
  }
}
