/**
 * `npm run bench:saga` (needs NATS_URL and DATABASE_URL) — the saga path on NATS JetStream +
 * PostgreSQL, with the orchestrator's own cost separated from everything around it.
 *
 *  1. Sagas: PromptOptimizationSagas through the real orchestrator (generated contracts, saga
 *     store with outbox) in a process of its own, step owners (runtime consumers/producers) in
 *     another, triggers sent from this one; a fresh database. Swept over in-flight sagas
 *     (SAGA_WINDOWS, default 1,8,32,128): (a) step owners answer at once, (b) after SAGA_WORK_MS
 *     of simulated work per step (default 25 ms; SAGA_WORK_WINDOWS, default 1,32,128).
 *     Per point: sagas/s, events/s, p50/p95 saga duration (trigger sent → `completed`
 *     committed), CPU ms per saga of orchestrator, step owners, this driver, nats-server and
 *     PostgreSQL (/proc), the orchestrator's event-loop utilisation and commits per saga.
 *  2. Baselines in the same run (test/bench/saga-baseline.ts): raw JetStream publish, consume
 *     and round trip, and one saga's writes in plain SQL, so the orchestrator's own cost per
 *     saga is its CPU minus what the raw client work costs.
 *  3. The pure decider and PromptAggregate rehydration (test/bench/saga-local.ts).
 * Results: test/bench/results/saga.md (text after the `notes` marker is kept across runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { loadCatalog } from '#catalog/load.ts';
import { connectNatsTransport, createProducerRuntime } from '#runtime/index.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { openTestDatabase } from '#test/support/db.ts';
import { catalogContracts } from '#patterns/catalog-contracts.ts';
import { migratePatterns } from '#patterns/db/migrate.ts';
import { cpuBetween, snapshotCpu } from './proc-cpu.ts';
import { jetStreamBaseline, postgresBaseline, type Measured } from './saga-baseline.ts';
import { benchLocal } from './saga-local.ts';
import type { RoleStats } from './saga-roles.ts';
import { renderSagaReport, type SweepPoint } from './saga-report.ts';

const natsUrl = process.env.NATS_URL;
const databaseUrl = process.env.DATABASE_URL;
if (!natsUrl || !databaseUrl) {
  console.error('bench:saga measures the saga path on NATS JetStream and PostgreSQL: set NATS_URL and DATABASE_URL (e.g. nats://127.0.0.1:4222, postgres://postgres@127.0.0.1:5432/test)');
  process.exit(2);
}
const list = (v: string | undefined, d: string) => (v ?? d).split(',').map(Number);
const windows = list(process.env.SAGA_WINDOWS, '1,8,32,128');
const workWindows = list(process.env.SAGA_WORK_WINDOWS, '1,32,128');
const workMs = Number(process.env.SAGA_WORK_MS ?? '25');
const pool = Number(process.env.SAGA_POOL ?? '20');
const countFor = (w: number) => Number(process.env.SAGA_COUNT ?? '0') || (w === 1 ? 100 : Math.max(400, 6 * w));
const now = () => performance.timeOrigin + performance.now();

const catalog = await loadCatalog(`${repoRoot}/asyncapi/prompt-platform.yaml`);
const conn = await openTestDatabase();
await migratePatterns(conn);
const prefix = `evcbench${randomBytes(3).toString('hex')}`;
const transport = await connectNatsTransport({ servers: natsUrl, prefix });
const studio = createProducerRuntime({ transport, agent: 'prompt-studio', tenantId: 'acme', contracts: catalogContracts(catalog, ['Prompt.Creation.Requested']) });
const sql = postgres(conn.url!, { max: 1, onnotice: () => {} });

// ---- the two other processes ----
interface Role { child: ChildProcess; stats(): Promise<RoleStats>; stop(): Promise<void> }
const completed = new Map<string, (at: number) => void>();
async function startRole(role: 'orchestrator' | 'agents', env: Record<string, string> = {}): Promise<Role> {
  // SAGA_CPU_PROF=<dir>: a V8 CPU profile of the orchestrator process (open it in Chrome DevTools).
  const profile = role === 'orchestrator' && process.env.SAGA_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SAGA_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'test/bench/saga-roles.ts', role], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: conn.url!, SAGA_PREFIX: prefix, SAGA_POOL: String(pool), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let onStats: ((s: RoleStats) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before it was ready`)));
    child.on('message', (m: { ready?: string; done?: string; at?: number; stats?: RoleStats }) => {
      if (m.ready) resolve();
      else if (m.done) completed.get(m.done)?.(m.at!);
      else if (m.stats) onStats?.(m.stats);
    });
  });
  await ready;
  return {
    child,
    stats: () => new Promise((resolve) => ((onStats = resolve), child.send({ cmd: 'stats' }))),
    stop: () => new Promise((resolve) => (child.removeAllListeners('exit'), child.once('exit', () => resolve()), child.send({ cmd: 'stop' }))),
  };
}

/** Runs `count` sagas with `window` in flight; returns the point's figures. */
async function sweepPoint(orchestrator: Role, agents: Role, window: number, count: number, work: number): Promise<SweepPoint> {
  const durations: number[] = [];
  const [o0, a0] = [await orchestrator.stats(), await agents.stats()];
  const s0 = snapshotCpu();
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: window }, async () => {
    while (next < count) {
      next++;
      const correlationId = `saga-${randomBytes(6).toString('hex')}`;
      const done = new Promise<number>((r) => completed.set(correlationId, r));
      const sentAt = now();
      await studio.send('Prompt.Creation.Requested', { requirements: { description: 'Summarise tickets', context: [], constraints: {} }, priority: 'medium' }, { correlationId, userId: 'user-1' });
      durations.push((await done) - sentAt);
      completed.delete(correlationId);
    }
  }));
  const wallMs = performance.now() - t0;
  const u = process.cpuUsage(u0);
  const servers = cpuBetween(s0, snapshotCpu());
  const [o1, a1] = [await orchestrator.stats(), await agents.stats()];
  const delta = (k: string) => (o1.counters[k] ?? 0) - (o0.counters[k] ?? 0);
  const inputs = Object.keys(o1.counters).filter((k) => k.startsWith('transition:')).reduce((n, k) => n + delta(k), 0);
  durations.sort((a, b) => a - b);
  const busy = (s: RoleStats, p: RoleStats) => (s.elu.active - p.elu.active) / (s.elu.active - p.elu.active + s.elu.idle - p.elu.idle);
  return {
    window, count, workMs: work, wallMs, durations,
    eventsPerSaga: (inputs + delta('published')) / count,
    cpu: { orchestrator: o1.cpuMs - o0.cpuMs, agents: a1.cpuMs - a0.cpuMs, driver: (u.user + u.system) / 1000, ...servers },
    orchestratorElu: busy(o1, o0),
    agentsElu: busy(a1, a0),
    commits: delta('commits'),
  };
}

async function sweep(work: number, ws: number[]): Promise<SweepPoint[]> {
  const orchestrator = await startRole('orchestrator');
  const agents = await startRole('agents', { SAGA_WORK_MS: String(work) });
  const points: SweepPoint[] = [];
  try {
    await sweepPoint(orchestrator, agents, 8, 60, work); // warm-up (JIT, pool connections), not reported
    for (const w of ws) {
      const point = await sweepPoint(orchestrator, agents, w, countFor(w), work);
      console.log(`work ${work} ms, ${w} in flight: ${(point.count / (point.wallMs / 1000)).toFixed(1)} sagas/s`);
      points.push(point);
    }
  } finally {
    await orchestrator.stop();
    await agents.stop();
  }
  return points;
}

const started = new Date();
const zeroWork = await sweep(0, windows);
const withWork = workMs > 0 ? await sweep(workMs, workWindows) : [];

// Baselines with a real completed saga's state and one of its commands.
const [real] = await sql`select i.state, o.event from evc_saga_instances i join evc_saga_outbox o using (saga_id) where i.status = 'completed' limit 1`;
const eventBytes = Buffer.from(JSON.stringify(real!.event));
const raw = { postgres: [] as { window: number; m: Measured }[], jetstream: await jetStreamBaseline(natsUrl, eventBytes, 5_000, 128) };
for (const w of windows) raw.postgres.push({ window: w, m: await postgresBaseline(conn.url!, real!.state, real!.event, countFor(w), w, pool) });
const local = await benchLocal(catalog, conn.db, Number(process.env.REHYDRATE_RUNS ?? '200'), 'PostgreSQL');
const load = loadavg();

await sql.end();
await transport.deleteStream();
await transport.close();
await conn.close();

const file = `${repoRoot}/test/bench/results/saga.md`;
const marker = '<!-- notes: kept across runs -->';
const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
const notes = old.includes(marker) ? old.slice(old.indexOf(marker)) : `${marker}\n`;
const masked = (url: string) => { const u = new URL(url); if (u.password) u.password = '***'; return u.toString().replace(/\/$/, ''); };
const command = [`NATS_URL=${natsUrl} DATABASE_URL=${masked(databaseUrl)}`, ...['SAGA_WINDOWS', 'SAGA_WORK_WINDOWS', 'SAGA_WORK_MS', 'SAGA_COUNT', 'SAGA_POOL'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`), 'npm run bench:saga'].join(' ');
const report = renderSagaReport({
  date: started.toISOString(),
  command,
  machine: `${process.platform} ${process.arch}, Node ${process.version}, ${cpus().length} cores shared with other jobs (load average ${load.map((l) => l.toFixed(1)).join(' ')} at the end of the run)`,
  pool,
  eventBytes: eventBytes.length,
  zeroWork,
  withWork,
  raw,
});
const text = [...report, ...local, notes].join('\n');
console.log(text);
writeFileSync(file, text);
process.exit(0);
