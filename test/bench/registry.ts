/**
 * `npm run bench:registry` (needs DATABASE_URL: PostgreSQL). In one run, against servers
 * in one child process:
 *  1. autocannon: raw Hono serving a 2 KB JSON vs `GET /schemas/ids/{id}` vs
 *     `GET /v1/events/{e}/versions/latest` (req/s, p50, p99);
 *  2. registering the full seed document, dry run and real, p50/p95 over N runs, both with
 *     the same text (parsed catalog cached) and with a unique text per run (parsed each time).
 * Writes test/bench/results/registry.md. BENCH_DURATION (s, default 10), BENCH_RUNS (default 30).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { repoRoot } from '#test/support/conformance.ts';

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('bench:registry needs DATABASE_URL (PostgreSQL), e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:registry');
  process.exit(2);
}
const duration = Number(process.env.BENCH_DURATION ?? 10);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const dbName = `evc_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;

console.error('bench: starting servers and registering the seed …');
const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/bench/registry-servers.ts')], {
  cwd: repoRoot,
  env: { ...process.env, BENCH_DATABASE_URL: url.toString() },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = await new Promise<{ rawPort: number; registryPort: number; schemaId: number; eventType: string; adminToken: string; payloadBytes: number }>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (line) resolve(JSON.parse(line));
  });
  child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
});

async function cannon(target: string) {
  const r = await autocannon({ url: target, connections, duration });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${target}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r;
}

// The machine is shared, so load shifts between runs: interleave the targets over
// several rounds and report medians, so each sees the same conditions.
const registry = `http://127.0.0.1:${info.registryPort}`;
const endpoints = [
  { name: `GET /schemas/ids/${info.schemaId}`, url: `${registry}/schemas/ids/${info.schemaId}` },
  { name: `GET /v1/events/${info.eventType}/versions/latest`, url: `${registry}/v1/events/${info.eventType}/versions/latest` },
];
// The baseline is raw Hono with a 2 KB JSON; the registry's bodies are larger (a
// schema with the envelope is 3–6 KB), so raw Hono also sends a body of each one's size.
const sizes = await Promise.all(endpoints.map(async (e) => (await (await fetch(e.url)).arrayBuffer()).byteLength));
const targets = [
  { name: `raw Hono, ${info.payloadBytes}-byte JSON`, url: `http://127.0.0.1:${info.rawPort}/payload` },
  ...endpoints.flatMap((e, i) => [e, { name: `raw Hono, ${sizes[i]}-byte JSON (same body size as the row above)`, url: `http://127.0.0.1:${info.rawPort}/bytes/${sizes[i]}` }]),
];
for (const t of targets) await autocannon({ url: t.url, connections: 10, duration: 1 }); // warm-up
const samples = targets.map(() => [] as Awaited<ReturnType<typeof cannon>>[]);
for (let round = 0; round < rounds; round++) {
  for (const [i, t] of targets.entries()) {
    console.error(`bench: round ${round + 1}/${rounds}: ${t.name} …`);
    samples[i]!.push(await cannon(t.url));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const http = targets.map((t, i) => ({
  name: t.name,
  rps: Math.round(median(samples[i]!.map((r) => r.requests.average))),
  p50: median(samples[i]!.map((r) => r.latency.p50)),
  p99: median(samples[i]!.map((r) => r.latency.p99)),
  all: samples[i]!.map((r) => Math.round(r.requests.average)).join(' / '),
  bytes: Math.round(median(samples[i]!.map((r) => r.throughput.average / Math.max(1, r.requests.average)))),
}));

const seed = readFileSync(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'), 'utf8');
const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function timeRegistration(dryRun: boolean, unique: boolean) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // The whole seed against an empty registry each time (19 events would be / are registered); reset not timed.
    await db.unsafe('TRUNCATE evc_versions, evc_subjects, evc_schemas, evc_documents RESTART IDENTITY CASCADE');
    const text = unique ? `${seed}\n# run ${i} ${randomBytes(4).toString('hex')}\n` : seed;
    const started = performance.now();
    const res = await fetch(`${registry}/v1/documents?dryRun=${dryRun}&file=seed.yaml`, { method: 'POST', headers: { authorization: `Bearer ${info.adminToken}` }, body: text });
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status !== (dryRun ? 200 : 201)) throw new Error(`registration answered ${res.status}`);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const registration = [];
for (const unique of [false, true]) {
  for (const dryRun of [true, false]) {
    console.error(`bench: registration dryRun=${dryRun} unique=${unique} …`);
    const t = await timeRegistration(dryRun, unique);
    registration.push({ name: `${dryRun ? 'dry run' : 'real'}, ${unique ? 'new text each run (parsed)' : 'same text (parsed once, cached)'}`, ...t });
  }
}

child.kill('SIGTERM');
await db.end();
await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.end();

const rawRps = http[0]!.rps;
const fmt = (n: number) => n.toFixed(1);
const md = [
  '# Registry benchmark',
  '',
  `Command: \`DATABASE_URL=${base.replace(/\/\/[^@]*@/, '//…@')} npm run bench:registry\` (BENCH_DURATION=${duration}, BENCH_ROUNDS=${rounds}, BENCH_CONNECTIONS=${connections}, BENCH_RUNS=${runs})`,
  `Date: ${new Date().toISOString()}  ·  Node ${process.version}  ·  ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
  '',
  `autocannon runs in this process (${connections} connections); the raw Hono app and the registry (PostgreSQL) share one child process. The targets are measured interleaved over ${rounds} rounds of ${duration} s; figures are medians (req/s of each round in the last column).`,
  '',
  '| Endpoint | bytes/response | req/s | × raw Hono | p50 ms | p99 ms | req/s per round |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...http.map((h) => `| ${h.name} | ${h.bytes} | ${h.rps} | ${(h.rps / rawRps).toFixed(2)} | ${h.p50} | ${h.p99} | ${h.all} |`),
  '',
  'Targets: ≥ 0.6× raw Hono (the 2 KB row), ≥ 10k req/s, p99 < 10 ms.',
  '',
  ...endpoints.map((e, i) => {
    const own = http.find((h) => h.name === e.name)!;
    const same = http[2 + 2 * i]!;
    return `- ${e.name}: ${(own.rps / rawRps).toFixed(2)}× raw Hono with 2 KB (target ≥ 0.6: ${own.rps / rawRps >= 0.6 ? 'met' : 'NOT met'}), ${(own.rps / same.rps).toFixed(2)}× raw Hono sending the same ${sizes[i]} bytes; ${own.rps} req/s (≥ 10k: ${own.rps >= 10_000 ? 'met' : 'NOT met'}), p99 ${own.p99} ms (< 10: ${own.p99 < 10 ? 'met' : 'NOT met'}).`;
  }),
  '',
  `Registering the full seed document (19 events) on PostgreSQL, ${runs} runs each, end to end over HTTP:`,
  '',
  '| Registration | p50 ms | p95 ms |',
  '| --- | ---: | ---: |',
  ...registration.map((r) => `| ${r.name} | ${fmt(r.p50)} | ${fmt(r.p95)} |`),
  '',
  'Target: p95 < 100 ms. "New text each run" includes reading, validating (AsyncAPI 3.0 schema + core rules) and cataloguing the document (catalog/load.ts); "same text" hits the per-process catalog cache.',
  '',
].join('\n');
writeFileSync(path.join(repoRoot, 'test/bench/results/registry.md'), md);
console.log(md);
