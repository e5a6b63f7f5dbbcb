/**
 * The bench:runtime hot path alone, for profiling (no baseline in the same process):
 * `node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof test/bench/runtime-profile.ts`.
 * Prints events per wall-second and per CPU-second. PROFILE_MS (default 4000).
 */
import { createMemoryTransport, createProducerRuntime } from '#runtime/index.ts';
import { loadSeedEvents } from './runtime-seed.ts';

const seed = await loadSeedEvents();
const producer = createProducerRuntime({ transport: createMemoryTransport(), agent: 'bench-agent', tenantId: 'acme', contracts: seed.map((s) => s.contract) });
const types = seed.map((s) => s.contract.eventType);
const payloads = seed.map((s) => s.payload);
const k = seed.length;
const options = { correlationId: 'req-bench' };
const ms = Number(process.env.PROFILE_MS ?? '4000');

let sink = 0;
let n = 0;
const cpu = process.cpuUsage();
const t0 = Date.now();
while (Date.now() - t0 < ms) {
  for (let i = 0; i < 20_000; i++) {
    const j = i % k;
    sink += producer.build(types[j]!, payloads[j], options).eventId.length;
  }
  n += 20_000;
}
const used = process.cpuUsage(cpu);
console.log(`${Math.round(n / ((Date.now() - t0) / 1000))} events/s, ${Math.round(n / ((used.user + used.system) / 1e6))} events per CPU-second (sink ${sink})`);
