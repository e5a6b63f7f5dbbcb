/**
 * `npm run bench:runtime` — envelope build + validation per event (the producer's hot path,
 * `ProducerRuntime.build`) against bare Ajv standalone validation of pre-built events, on
 * the seed's generated validators, in the same process, single-threaded (one core).
 * Targets: ≥ 1,000,000 events/s and ≥ 0.5× bare.
 *
 * Options: BENCH_SECONDS (per round, default 2), BENCH_ROUNDS (default 5).
 */
import { createMemoryTransport, createProducerRuntime } from '#runtime/index.ts';
import type { EventEnvelope } from '#runtime/index.ts';
import { loadSeedEvents } from './runtime-seed.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? '2');
const rounds = Number(process.env.BENCH_ROUNDS ?? '5');

const seed = await loadSeedEvents();
const producer = createProducerRuntime({ transport: createMemoryTransport(), agent: 'bench-agent', tenantId: 'acme', contracts: seed.map((s) => s.contract) });
const types = seed.map((s) => s.contract.eventType);
const payloads = seed.map((s) => s.payload);
const validators = seed.map((s) => s.contract.validate);
const k = seed.length;
const options = { correlationId: 'req-bench' };
// The bare path validates a stream of *distinct* pre-built events (own ids and timestamps),
// as a consumer would see them: re-validating one object would flatter it (V8 keeps
// per-string work such as flattening and regexp state warm for a string it has seen).
const POOL = 18 * 1024;
const prebuilt: EventEnvelope[] = Array.from({ length: POOL }, (_, i) => producer.build(types[i % k]!, payloads[i % k], options));
const poolValidators = prebuilt.map((_, i) => validators[i % k]!);

// Sanity: the bare path must accept what it measures, or it would measure the error path.
for (let i = 0; i < POOL; i++) if (!poolValidators[i]!(prebuilt[i])) throw new Error(`${prebuilt[i]!.eventType}: pre-built event is invalid`);

function runtimePath(n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const j = i % k;
    sink += producer.build(types[j]!, payloads[j], options).eventId.length;
  }
  return sink;
}

function barePath(n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const j = i % POOL;
    if (poolValidators[j]!(prebuilt[j])) sink++;
  }
  return sink;
}

function measure(fn: (n: number) => number): number {
  const batch = 20_000;
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    fn(batch);
    count += batch;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm up both paths so the JIT has optimised them before anything is counted.
measure(runtimePath);
measure(barePath);
const runtimeRates: number[] = [];
const bareRates: number[] = [];
for (let r = 0; r < rounds; r++) {
  runtimeRates.push(measure(runtimePath)); // interleaved rounds: both see the same machine load
  bareRates.push(measure(barePath));
}
const rt = median(runtimeRates);
const bare = median(bareRates);
const ratio = rt / bare;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(`bench:runtime — ${k} seed event types (round robin), ${rounds} rounds × ${seconds}s, median, node ${process.version}`);
console.log(`| path | events/s (median) | min | max |`);
console.log(`|---|---:|---:|---:|`);
console.log(`| envelope build + validate (ProducerRuntime.build) | ${fmt(rt)} | ${fmt(Math.min(...runtimeRates))} | ${fmt(Math.max(...runtimeRates))} |`);
console.log(`| bare Ajv standalone validate (distinct pre-built events) | ${fmt(bare)} | ${fmt(Math.min(...bareRates))} | ${fmt(Math.max(...bareRates))} |`);
console.log(`ratio runtime / bare: ${ratio.toFixed(2)} (target ≥ 0.50) — ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
console.log(`runtime events/s per core: ${fmt(rt)} (target ≥ 1,000,000) — ${rt >= 1e6 ? 'met' : 'NOT met'}`);
