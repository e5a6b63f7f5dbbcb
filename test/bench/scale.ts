/**
 * `npm run bench:scale` (needs DATABASE_URL: PostgreSQL, and the nats-server binary).
 *  1. Cross-instance visibility: two `evc serve` processes on one fresh database; each round
 *     primes B's read cache, registers a new schema on A, then reads `…/versions/latest` on
 *     B until it shows the new id. Latency = A's answer → first read on B that sees it
 *     (and write start → seen). p50/p99 over BENCH_WRITES rounds (default 200).
 *  2. Read throughput, 1 vs 2 instances: autocannon on `GET /subjects/{s}/versions/latest`
 *     with every connection on A, then connections split across A and B (client-side round
 *     robin), BENCH_DURATION s each (default 10), BENCH_ROUNDS alternating rounds (default 2).
 *  3. Broker failover: a three-node JetStream cluster, R3 stream, steady per-aggregate events,
 *     the stream leader SIGKILLed (test/support/jetstream-failover.ts).
 * Prints a markdown section for test/bench/RESULTS.md.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { startServeProcess } from '#registry/testing/serve-process.ts';
import { runFailover } from '#test/support/jetstream-failover.ts';
import { startNatsCluster } from '#test/support/nats-cluster.ts';

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('bench:scale needs DATABASE_URL (PostgreSQL), e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:scale');
  process.exit(2);
}
const writes = Number(process.env.BENCH_WRITES ?? 200);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const token = randomBytes(24).toString('hex');
const auth = { authorization: `Bearer ${token}` };
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;
const ms = (x: number) => x.toFixed(2);

const dbName = `evc_bench_scale_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const lines: string[] = [];
const out = (line = '') => {
  lines.push(line);
  console.error(line);
};

console.error('bench:scale: starting two instances …');
const a = await startServeProcess({ database: { url: url.toString() }, token });
const b = await startServeProcess({ database: { url: url.toString() }, token });
try {
  const S = 'Bench.Scale.Visibility';
  const schema = (i: number) => JSON.stringify({ type: 'object', properties: { id: { type: 'string' }, [`f${i}`]: { type: 'string' } } });
  const register = async (i: number) => {
    const res = await fetch(`${a.url}/subjects/${S}/versions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ schemaType: 'JSON', schema: schema(i) }) });
    return ((await res.json()) as { id: number }).id;
  };
  const latestOnB = async () => ((await (await fetch(`${b.url}/subjects/${S}/versions/latest`)).json()) as { id: number }).id;
  await register(0);
  const fromAnswer: number[] = [];
  const fromStart: number[] = [];
  const readDurations: number[] = [];
  let staleFirstReads = 0;
  for (let i = 1; i <= writes; i++) {
    await latestOnB();
    await latestOnB(); // primed: B now holds the old answer in its read cache
    const started = performance.now();
    const id = await register(i);
    const answered = performance.now();
    // Visibility lag = when the first read on B that returns the new id *started*, after A
    // answered (0 when the very first read sees it); the read's own duration is reported apart.
    let readStarted = performance.now();
    let first = true;
    while ((await latestOnB()) !== id) {
      if (first) staleFirstReads++;
      first = false;
      readStarted = performance.now();
    }
    const seen = performance.now();
    fromAnswer.push(Math.max(0, readStarted - answered));
    fromStart.push(answered - started);
    readDurations.push(seen - readStarted);
  }

  const S2 = 'Bench.Scale.Reads';
  await fetch(`${a.url}/subjects/${S2}/versions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ schemaType: 'JSON', schema: schema(0) }) });
  const path = `/subjects/${S2}/versions/latest`;
  const reads: Record<'one' | 'two', number[]> = { one: [], two: [] };
  for (let r = 0; r < rounds; r++) {
    for (const mode of ['one', 'two'] as const) {
      const urls = mode === 'one' ? [`${a.url}${path}`] : [`${a.url}${path}`, `${b.url}${path}`];
      const result = (await autocannon({ url: urls, connections: 20, duration } as never)) as { requests: { average: number }; non2xx: number; errors: number };
      if (result.non2xx || result.errors) throw new Error(`read load had ${result.non2xx} non-2xx and ${result.errors} errors`);
      reads[mode].push(result.requests.average);
    }
  }

  console.error('bench:scale: three-node JetStream cluster failover …');
  const cluster = await startNatsCluster(3);
  let failover;
  try {
    failover = await runFailover(cluster, { aggregates: 10, eventsPerAggregate: 200, intervalMs: 20 });
  } finally {
    await cluster.stop();
  }

  const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  out(`### Run of ${new Date().toISOString().slice(0, 16)}Z — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at the end, shared with other engineers' test runs`);
  out();
  out(`Cross-instance visibility (${writes} writes on A, B's cache primed before each):`);
  out();
  out('| measured from | p50 ms | p99 ms | max ms |');
  out('|---|---|---|---|');
  out(`| visibility lag: A's answer → start of the first read on B that returns the write | ${ms(pct(fromAnswer, 0.5))} | ${ms(pct(fromAnswer, 0.99))} | ${ms(Math.max(...fromAnswer))} |`);
  out(`| (for scale) the write on A, start → answer, including waiting for B's acknowledgement | ${ms(pct(fromStart, 0.5))} | ${ms(pct(fromStart, 0.99))} | ${ms(Math.max(...fromStart))} |`);
  out(`| (for scale) that read on B, start → answer | ${ms(pct(readDurations, 0.5))} | ${ms(pct(readDurations, 0.99))} | ${ms(Math.max(...readDurations))} |`);
  out();
  out(`First read on B after A answered was stale in ${staleFirstReads} of ${writes} rounds.`);
  out();
  out(`Read throughput, \`GET ${'/subjects/{s}/versions/latest'}\`, 20 connections, ${duration} s × ${rounds} rounds each:`);
  out();
  out('| instances | req/s per round | mean req/s |');
  out('|---|---|---|');
  out(`| 1 | ${reads.one.map((x) => Math.round(x)).join(', ')} | ${Math.round(avg(reads.one))} |`);
  out(`| 2 | ${reads.two.map((x) => Math.round(x)).join(', ')} | ${Math.round(avg(reads.two))} |`);
  out();
  out(`Ratio 2/1: ${(avg(reads.two) / avg(reads.one)).toFixed(2)}.`);
  out();
  out('JetStream failover (3 nodes, R3 stream, 10 aggregates × 200 events, one every 20 ms per aggregate, stream leader SIGKILLed at 35 %):');
  out();
  out('| events lost | handled once | out of order | failover: kill → first new event handled | p95 before | p95 in the 10 s after the kill | slowest event | rate before | rate after the kill | publish retries | redeliveries absorbed |');
  out('|---|---|---|---|---|---|---|---|---|---|---|');
  out(`| ${failover.lost} | ${failover.handled}/${failover.sent} | ${failover.outOfOrder.length} | ${failover.failoverMs} ms | ${failover.p95BeforeMs} ms | ${failover.p95DuringFailoverMs} ms | ${failover.maxLatencyMs} ms | ${failover.ratePerSecondBefore}/s | ${failover.ratePerSecondDuringFailover}/s | ${failover.publishRetries} | ${failover.duplicatesAbsorbed} |`);
  // (The section is also printed to stderr line by line as it is built.)
  console.log(lines.join('\n'));
} finally {
  await a.stop('SIGTERM');
  await b.stop('SIGTERM');
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
