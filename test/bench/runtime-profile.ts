/**
 * The bench:runtime hot path alone, for profiling (no baseline in the same process):
 * `node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof test/bench/runtime-profile.ts`.
 * Prints events per wall-second and per CPU-second. PROFILE_MS (default 4000).
 */
import { seedProducer } from './runtime-seed.ts';

const { producer, types, payloads, k, options } = await seedProducer();
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
