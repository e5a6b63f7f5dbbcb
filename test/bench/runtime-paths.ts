/**
 * The measured paths of bench:runtime. Each one is set up on its own (in its own worker
 * thread by default, see runtime.ts) and then measured on request, one timed window at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ContractViolationError } from '#runtime/index.ts';
import type { EventEnvelope, Validator } from '#runtime/index.ts';
import { compileBareValidators } from './runtime-bare.ts';
import { seedProducer } from './runtime-seed.ts';

export type PathName = 'runtime' | 'bare-full' | 'bare-fast';
export interface Rate {
  /** Events per wall-clock second. */
  wall: number;
  /** Events per CPU-second of the process (user + system, all threads: GC and compiler included). */
  cpu: number;
}

export async function setupPath(name: PathName): Promise<(seconds: number) => Rate> {
  const { seed, producer, types, payloads, k, options } = await seedProducer();
  let run: (n: number) => number;
  if (name === 'runtime') {
    // Sanity: the runtime path must reject an invalid payload, or it would not be measuring validation.
    for (const type of types) {
      let rejected = false;
      try {
        producer.build(type, null, options);
      } catch (error) {
        rejected = error instanceof ContractViolationError && error.violations[0]?.pointer === '/payload';
      }
      if (!rejected) throw new Error(`${type}: ProducerRuntime.build accepted a null payload`);
    }
    run = (n) => {
      let sink = 0;
      for (let i = 0; i < n; i++) {
        const j = i % k;
        sink += producer.build(types[j]!, payloads[j], options).eventId.length;
      }
      return sink;
    };
  } else {
    const validators = compileBareValidators(seed.map((s) => s.schema), name === 'bare-full' ? 'full' : 'fast');
    // The bare path validates a stream of *distinct* pre-built events (own ids and timestamps),
    // as a consumer would see them: re-validating one object would flatter it (V8 keeps
    // per-string work such as flattening and regexp state warm for a string it has seen).
    const POOL = 18 * 1024;
    // Kept as shallow copies (same strings and payloads). 18k retained objects from the
    // builder's own allocation site make V8 pretenure that site, so every later event is
    // allocated in old space. In the shared layout that halved the runtime path (1.62M vs
    // 0.66–0.80M events/s with and without --no-allocation-site-pretenuring, 15:58 UTC): the
    // baseline's data skewing the producer, not the producer's cost. The originals die young.
    // In the isolated layout the copies are as fast for the bare path as the originals
    // (a structuredClone was ~7 % slower).
    const prebuilt: EventEnvelope[] = Array.from({ length: POOL }, (_, i) => ({ ...producer.build(types[i % k]!, payloads[i % k], options) }));
    const pool: Validator[] = prebuilt.map((_, i) => validators[i % k]!);
    // Sanity: the bare path must accept what it measures, or it would measure the error path.
    for (let i = 0; i < POOL; i++) {
      if (!pool[i]!(prebuilt[i])) throw new Error(`${prebuilt[i]!.eventType}: pre-built event is invalid for bare Ajv (${name}): ${JSON.stringify(pool[i]!.errors)}`);
    }
    run = (n) => {
      let sink = 0;
      for (let i = 0; i < n; i++) {
        const j = i % POOL;
        if (pool[j]!(prebuilt[j])) sink++;
      }
      return sink;
    };
  }
  return (seconds) => {
    const batch = 20_000;
    let count = 0;
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(seconds * 1e9));
    let now = start;
    while (now < end) {
      run(batch);
      count += batch;
      now = process.hrtime.bigint();
    }
    const used = process.cpuUsage(cpu);
    return { wall: count / (Number(now - start) / 1e9), cpu: count / ((used.user + used.system) / 1e6) };
  };
}

// As a worker: set up the path named in workerData, then answer each { seconds } with a Rate.
if (parentPort !== null && (workerData as { benchPath?: PathName } | undefined)?.benchPath !== undefined) {
  const port = parentPort;
  const measure = await setupPath((workerData as { benchPath: PathName }).benchPath);
  port.on('message', (seconds: number) => port.postMessage(measure(seconds)));
  port.postMessage('ready');
}
