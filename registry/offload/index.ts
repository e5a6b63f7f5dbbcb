/**
 * The request thread's side of the offloaded work: one typed call per task, each with its
 * time limit (a row of OFFLOAD_LIMITS, shown in registry/README.md "Limits"). One pool per
 * process, created on first use, shared by every app instance.
 */
import type { Catalog, JsonSchema } from '#catalog/model.ts';
import { RegistryError } from '../errors.ts';
import { WorkerPool } from './pool.ts';
import { deserializeError, tasks, type TaskName } from './tasks.ts';

/** Wall-clock limit per task, including a fresh worker's start-up (~1 s on a loaded machine). */
export const OFFLOAD_LIMITS: Record<TaskName, { timeoutMs: number; what: string; status: 422 | 503 }> = {
  warm: { timeoutMs: 120_000, what: 'starting a worker', status: 503 },
  document: { timeoutMs: 60_000, what: 'reading and checking a document', status: 422 },
  schema: { timeoutMs: 30_000, what: 'checking a schema', status: 422 },
  bundle: { timeoutMs: 120_000, what: 'building a client bundle', status: 503 },
};

/**
 * Inputs up to these sizes are checked on the request thread: handing them to a worker costs
 * more than the work (the 100 KB seed reads and validates in tens of milliseconds), and the
 * input limits already bound what they can cost. Bigger ones always go to a worker.
 */
export const INLINE_BELOW = { documentBytes: 128 * 1024, schemaChars: 16 * 1024 };

export interface Offload {
  document(text: string, file: string): Promise<Catalog>;
  schema(schema: JsonSchema, prefix?: string): Promise<void>;
  bundle(documentText: string, file: string, agent: string, documentVersion: string): Promise<Buffer>;
  /** Starts the workers and loads the schema checks, so the first request does not pay for it. */
  warm(): Promise<void>;
}

export const offloadTimeout = (task: TaskName, timeoutMs: number): RegistryError => {
  const { what, status } = OFFLOAD_LIMITS[task];
  return status === 503
    ? new RegistryError(503, 50302, `Timed out after ${timeoutMs / 1000} s ${what}; the work was stopped. Retry later; if it keeps failing, report it to the registry's operators.`, { limit: `${task}-time` })
    : new RegistryError(422, 42201, `Refused: ${what} took longer than ${timeoutMs / 1000} s (limit ${task}-time); the work was stopped. Make the input smaller or simpler.`, { limit: `${task}-time` });
};

export function createOffload(options: { timeouts?: Partial<Record<TaskName, number>>; size?: number; inlineBelow?: typeof INLINE_BELOW } = {}): Offload & { close(): Promise<void> } {
  const inline = options.inlineBelow ?? INLINE_BELOW;
  const pool = new WorkerPool({
    tasks: new URL('./tasks.ts', import.meta.url),
    deserializeError,
    onCrash: (message) => new RegistryError(503, 50303, `The worker processing this request failed (${message}); nothing was stored. Retry; if the input is very large, make it smaller.`),
    ...(options.size ? { size: options.size } : {}),
  });
  const run = <T>(task: TaskName, input: unknown): Promise<T> => {
    const timeoutMs = options.timeouts?.[task] ?? OFFLOAD_LIMITS[task].timeoutMs;
    return pool.run<T>(task, input, { timeoutMs, onTimeout: () => offloadTimeout(task, timeoutMs) });
  };
  return {
    document: (text, file) => (Buffer.byteLength(text, 'utf8') <= inline.documentBytes ? tasks.document({ text, file }) : run('document', { text, file })),
    schema: async (schema, prefix) => {
      if (JSON.stringify(schema).length <= inline.schemaChars) await tasks.schema({ schema, ...(prefix ? { prefix } : {}) });
      else await run('schema', { schema, prefix });
    },
    bundle: async (text, file, agent, documentVersion) => Buffer.from(await run<Uint8Array>('bundle', { text, file, agent, documentVersion })),
    warm: async () => {
      await Promise.all(Array.from({ length: options.size ?? 2 }, () => run('warm', {}).catch(() => undefined)));
    },
    close: () => pool.close(),
  };
}

let shared: ReturnType<typeof createOffload> | undefined;
export const sharedOffload = () => (shared ??= createOffload());
