/**
 * `npm run bench:runtime` — envelope build + validation per event (the producer's hot path,
 * `ProducerRuntime.build` with the seed's generated clients, 18 event types round robin)
 * against bare Ajv standalone validation of distinct pre-built events, in the same run,
 * each measured single-threaded (one core). Targets: ≥ 1,000,000 events/s and ≥ 0.5× bare.
 *
 * The bare baseline is compiled here from the same catalog schemas with plain ajv +
 * ajv-formats (runtime-bare.ts), not taken from our generated validators, so generator work
 * on speed cannot improve it. It is measured with ajv-formats' default ("full") formats and
 * with its "fast" ones; the ratio target is judged against the faster.
 *
 * Two layouts, both reported: each path in its own worker thread (own V8 isolate and heap),
 * and all three in this one isolate (the layout of earlier versions of this bench). Rounds
 * are interleaved within a layout so all paths see the same machine load. The shared layout
 * used to halve the producer's rate: the baseline's 18k retained pre-built events came from
 * the envelope builder's allocation site, so V8 pretenured it (runtime-paths.ts now keeps
 * shallow copies). A real producer shares its isolate with other code too, so the verdicts
 * are given for both layouts.
 *
 * Options: BENCH_SECONDS (per round, default 2), BENCH_ROUNDS (default 5),
 * BENCH_LAYOUTS (`isolated,shared` by default; one of them to run only that one).
 */
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { setupPath } from './runtime-paths.ts';
import type { PathName, Rate } from './runtime-paths.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? '2');
const rounds = Number(process.env.BENCH_ROUNDS ?? '5');
const layouts = (process.env.BENCH_LAYOUTS ?? 'isolated,shared').split(',') as ('isolated' | 'shared')[];
const names: PathName[] = ['runtime', 'bare-full', 'bare-fast'];

type Measure = (seconds: number) => Promise<Rate>;
interface Path {
  measure: Measure;
  stop: () => Promise<number>;
}

async function inWorker(name: PathName): Promise<Path> {
  // tsx's loader hooks are registered per thread: the worker registers its own, then loads the path module.
  const entry = new URL('./runtime-paths.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { benchPath: name } });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  await next(); // 'ready'
  return {
    measure: async (s) => {
      const reply = next();
      worker.postMessage(s);
      return (await reply) as Rate;
    },
    stop: () => worker.terminate(),
  };
}

async function inThisIsolate(name: PathName): Promise<Path> {
  const measure = await setupPath(name);
  return { measure: async (s) => measure(s), stop: async () => 0 };
}

/** Wall and CPU rates per path (index as `names`), after one warm-up window each. */
async function measureLayout(layout: 'isolated' | 'shared'): Promise<Rate[][]> {
  const paths: Path[] = [];
  for (const name of names) paths.push(await (layout === 'isolated' ? inWorker(name) : inThisIsolate(name)));
  for (const path of paths) await path.measure(seconds); // warm-up: the JIT optimises before anything counts
  const rates: Rate[][] = names.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Interleaved rounds, one path at a time: all paths see the same machine load.
    for (const [i, path] of paths.entries()) rates[i]!.push(await path.measure(seconds));
  }
  await Promise.all(paths.map((p) => p.stop()));
  return rates;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const labels = [
  'envelope build + validate (ProducerRuntime.build, generated clients)',
  'bare Ajv standalone validate, ajv-formats default (full) formats (distinct pre-built events)',
  'bare Ajv standalone validate, ajv-formats fast formats (distinct pre-built events)',
];
const describe = { isolated: 'each path in its own worker thread (isolate)', shared: 'all paths in one isolate' };

console.log(`bench:runtime — 18 seed event types (round robin), ${rounds} rounds × ${seconds}s, median, node ${process.version}`);
for (const layout of layouts) {
  const before = load();
  const rates = await measureLayout(layout);
  const wall = rates.map((rs) => rs.map((r) => r.wall));
  const cpu = rates.map((rs) => rs.map((r) => r.cpu));
  const [rt, full, fast] = wall.map(median) as [number, number, number];
  const ratio = rt / Math.max(full, fast);
  console.log(`\n${describe[layout]} — load average ${before} → ${load()}`);
  // The last column divides by the CPU time the process got (less sensitive to other load on a
  // shared machine; it also counts GC and compiler threads, so it does not flatter).
  console.log(`| path | events/s (median) | min | max | events per CPU-second (median) |`);
  console.log(`|---|---:|---:|---:|---:|`);
  labels.forEach((label, i) => console.log(`| ${label} | ${fmt(median(wall[i]!))} | ${fmt(Math.min(...wall[i]!))} | ${fmt(Math.max(...wall[i]!))} | ${fmt(median(cpu[i]!))} |`));
  console.log(`ratio runtime / bare: ${ratio.toFixed(2)} against the faster bare path (${(rt / Math.min(full, fast)).toFixed(2)} against the slower) (target ≥ 0.50) — ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
  console.log(`runtime events/s per core: ${fmt(rt)} (target ≥ 1,000,000) — ${rt >= 1e6 ? 'met' : 'NOT met'}`);
}
