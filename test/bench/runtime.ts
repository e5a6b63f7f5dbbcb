/**
 * `npm run bench:runtime` — envelope build + validation per event (the producer's hot path,
 * `ProducerRuntime.build` with the seed's generated clients) against bare Ajv standalone
 * validation of pre-built events, in the same process, single-threaded (one core).
 * The bare baseline is compiled here from the same catalog schemas with plain ajv +
 * ajv-formats (runtime-bare.ts), not taken from our generated validators, so generator
 * work on speed cannot improve the baseline; it is measured with ajv-formats' default
 * ("full") formats and with its "fast" ones, and the ratio target is judged on the faster.
 * Targets: ≥ 1,000,000 events/s and ≥ 0.5× bare.
 *
 * Options: BENCH_SECONDS (per round, default 2), BENCH_ROUNDS (default 5).
 */
import { createMemoryTransport, createProducerRuntime } from '#runtime/index.ts';
import type { EventEnvelope } from '#runtime/index.ts';
import { compileBareValidators } from './runtime-bare.ts';
import { loadSeedEvents } from './runtime-seed.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? '2');
const rounds = Number(process.env.BENCH_ROUNDS ?? '5');

const seed = await loadSeedEvents();
const producer = createProducerRuntime({ transport: createMemoryTransport(), agent: 'bench-agent', tenantId: 'acme', contracts: seed.map((s) => s.contract) });
const types = seed.map((s) => s.contract.eventType);
const payloads = seed.map((s) => s.payload);
const bareFull = compileBareValidators(seed.map((s) => s.schema), 'full');
const bareFast = compileBareValidators(seed.map((s) => s.schema), 'fast');
const k = seed.length;
const options = { correlationId: 'req-bench' };
// The bare path validates a stream of *distinct* pre-built events (own ids and timestamps),
// as a consumer would see them: re-validating one object would flatter it (V8 keeps
// per-string work such as flattening and regexp state warm for a string it has seen).
const POOL = 18 * 1024;
const prebuilt: EventEnvelope[] = Array.from({ length: POOL }, (_, i) => producer.build(types[i % k]!, payloads[i % k], options));
const poolFull = prebuilt.map((_, i) => bareFull[i % k]!);
const poolFast = prebuilt.map((_, i) => bareFast[i % k]!);

// Sanity: the bare paths must accept what they measure, or they would measure the error path.
for (const [name, pool] of [['full', poolFull], ['fast', poolFast]] as const) {
  for (let i = 0; i < POOL; i++) if (!pool[i]!(prebuilt[i])) throw new Error(`${prebuilt[i]!.eventType}: pre-built event is invalid for bare Ajv (${name} formats): ${JSON.stringify(pool[i]!.errors)}`);
}

function runtimePath(n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const j = i % k;
    sink += producer.build(types[j]!, payloads[j], options).eventId.length;
  }
  return sink;
}

const barePath = (pool: typeof poolFull) => (n: number): number => {
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const j = i % POOL;
    if (pool[j]!(prebuilt[j])) sink++;
  }
  return sink;
};
const bareFullPath = barePath(poolFull);
const bareFastPath = barePath(poolFast);

/** Events per CPU-second of this process in the last `measure` (user + system, all threads). */
let lastCpuRate = 0;

function measure(fn: (n: number) => number): number {
  const batch = 20_000;
  let count = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    fn(batch);
    count += batch;
    now = process.hrtime.bigint();
  }
  const used = process.cpuUsage(cpu);
  lastCpuRate = count / ((used.user + used.system) / 1e6);
  return count / (Number(now - start) / 1e9);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm up every path so the JIT has optimised them before anything is counted.
measure(runtimePath);
measure(bareFullPath);
measure(bareFastPath);
const runtimeRates: number[] = [];
const fullRates: number[] = [];
const fastRates: number[] = [];
const cpuRates: [number[], number[], number[]] = [[], [], []];
for (let r = 0; r < rounds; r++) {
  // Interleaved rounds: all paths see the same machine load.
  [runtimeRates, fullRates, fastRates].forEach((rates, p) => {
    rates.push(measure([runtimePath, bareFullPath, bareFastPath][p]!));
    cpuRates[p]!.push(lastCpuRate);
  });
}
const rt = median(runtimeRates);
const full = median(fullRates);
const fast = median(fastRates);
const bare = Math.max(full, fast);
const ratio = rt / bare;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const row = (name: string, rates: number[], p: number) => `| ${name} | ${fmt(median(rates))} | ${fmt(Math.min(...rates))} | ${fmt(Math.max(...rates))} | ${fmt(median(cpuRates[p]!))} |`;
const { loadavg } = await import('node:os');

console.log(`bench:runtime — ${k} seed event types (round robin), ${rounds} rounds × ${seconds}s, median, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
// The last column divides by the CPU time this process got (less sensitive to other load
// on a shared machine; it also counts the GC and compiler threads, so it is not flattering).
console.log(`| path | events/s (median) | min | max | events per CPU-second (median) |`);
console.log(`|---|---:|---:|---:|---:|`);
console.log(row('envelope build + validate (ProducerRuntime.build, generated clients)', runtimeRates, 0));
console.log(row('bare Ajv standalone validate, ajv-formats default (full) formats (distinct pre-built events)', fullRates, 1));
console.log(row('bare Ajv standalone validate, ajv-formats fast formats (distinct pre-built events)', fastRates, 2));
console.log(`ratio runtime / bare: ${ratio.toFixed(2)} against the faster bare path (${(rt / Math.min(full, fast)).toFixed(2)} against the slower) (target ≥ 0.50) — ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
console.log(`runtime events/s per core: ${fmt(rt)} (target ≥ 1,000,000) — ${rt >= 1e6 ? 'met' : 'NOT met'}`);
