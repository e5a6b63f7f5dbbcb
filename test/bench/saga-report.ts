/**
 * bench:saga's report: the sweep tables, the baselines, the orchestrator's own cost per saga
 * and per event (its CPU minus the raw client work it cannot avoid), and the ceilings each
 * resource puts on sagas/s on this machine. Pure: figures in, markdown lines out.
 */
import type { JetStreamBaseline, Measured } from './saga-baseline.ts';

export interface SweepPoint {
  window: number;
  count: number;
  workMs: number;
  wallMs: number;
  /** Sorted saga durations (ms). */
  durations: number[];
  /** Events on the wire per saga: the orchestrator's inputs (trigger, outcomes) and its commands. */
  eventsPerSaga: number;
  /** CPU ms during the point. */
  cpu: { orchestrator: number; agents: number; driver: number; nats?: number; postgres?: number; machineBusy?: number; machineTotal?: number };
  orchestratorElu: number;
  agentsElu: number;
  commits: number;
}

export interface SagaReportInput {
  date: string;
  command: string;
  machine: string;
  pool: number;
  eventBytes: number;
  zeroWork: SweepPoint[];
  withWork: SweepPoint[];
  raw: { jetstream: JetStreamBaseline; postgres: { window: number; m: Measured }[] };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(1));
const f2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(2));
const per = (total: number | undefined, n: number) => (total === undefined ? undefined : total / n);
const rate = (n: number, ms: number) => n / (ms / 1000);

/** CPU ms per saga of every process the sagas run in. */
function totalPerSaga(p: SweepPoint): number {
  const { orchestrator, agents, driver, nats = 0, postgres = 0 } = p.cpu;
  return (orchestrator + agents + driver + nats + postgres) / p.count;
}

function sweepTable(points: SweepPoint[]): string[] {
  return [
    '| in flight | sagas | sagas/s | events/s | p50 | p95 | orchestrator CPU ms/saga | step owners | driver | nats-server | PostgreSQL | all | machine busy | orchestrator event loop busy | commits/saga |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...points.map((p) => {
      const busy = p.cpu.machineBusy !== undefined && p.cpu.machineTotal ? `${((100 * p.cpu.machineBusy) / p.cpu.machineTotal).toFixed(0)} %` : 'n/a';
      return `| ${p.window} | ${p.count} | ${f1(rate(p.count, p.wallMs))} | ${f1(rate(p.count * p.eventsPerSaga, p.wallMs))} | ${f2(pct(p.durations, 50))} ms | ${f2(pct(p.durations, 95))} ms | ${f2(p.cpu.orchestrator / p.count)} | ${f2(p.cpu.agents / p.count)} | ${f2(p.cpu.driver / p.count)} | ${f2(per(p.cpu.nats, p.count))} | ${f2(per(p.cpu.postgres, p.count))} | ${f2(totalPerSaga(p))} | ${busy} | ${(100 * p.orchestratorElu).toFixed(0)} % | ${f1(p.commits / p.count)} |`;
    }),
  ];
}

export function renderSagaReport(r: SagaReportInput): string[] {
  const js = r.raw.jetstream;
  const us = (ms: number | undefined, n: number) => (ms === undefined ? 'n/a' : `${((1000 * ms) / n).toFixed(0)} µs`);
  // The orchestrator per saga consumes 4 events (trigger, 3 outcomes), publishes 2 requests and makes one saga's writes.
  const rawClient = (w: number) => {
    const pg = r.raw.postgres.find((p) => p.window === w) ?? r.raw.postgres.at(-1)!;
    return (4 * js.consume.clientCpuMs) / js.consume.count + (2 * js.publish.clientCpuMs) / js.publish.count + pg.m.clientCpuMs / pg.m.count;
  };
  const top = r.zeroWork.reduce((a, b) => (rate(b.count, b.wallMs) > rate(a.count, a.wallMs) ? b : a));
  const orchPerSaga = top.cpu.orchestrator / top.count;
  const own = orchPerSaga - rawClient(top.window);
  const pgBest = r.raw.postgres.reduce((a, b) => (rate(b.m.count, b.m.wallMs) > rate(a.m.count, a.m.wallMs) ? b : a));
  const jsRate = Math.min(rate(js.publish.count, js.publish.wallMs), rate(js.consume.count, js.consume.wallMs));
  const limits = [
    { what: 'the orchestrator process (one Node thread: 1,000 CPU ms per second)', sagas: 1000 / orchPerSaga },
    { what: `the whole machine (${'2'} cores: 2,000 CPU ms per second over every process of the path)`, sagas: 2000 / totalPerSaga(top) },
    { what: `PostgreSQL alone: the saga's writes in plain SQL, best of the sweep (${pgBest.window} in flight)`, sagas: rate(pgBest.m.count, pgBest.m.wallMs) },
    { what: 'JetStream alone: raw publish or consume rate (each saga puts 6 events on the wire, 7 deliveries)', sagas: jsRate / 7 },
  ].sort((a, b) => a.sagas - b.sagas);

  return [
    '# bench:saga',
    '',
    `Date: ${r.date}  `,
    `Command: \`${r.command}\`  `,
    `Machine: ${r.machine}`,
    '',
    '## Sagas end to end (NATS JetStream, PostgreSQL)',
    '',
    `PromptOptimizationSagas through the real orchestrator (its own process; saga store with outbox, pool of ${r.pool} connections), step owners in a second process (runtime consumers/producers), triggers from the driver process; a fresh database and stream. Duration: trigger sent → \`completed\` committed. CPU per saga from process.cpuUsage of each process and /proc for nats-server and PostgreSQL (shared machine: server figures include other clients). Events on the wire per saga, counted: ${f1(top.eventsPerSaga)} (trigger, 3 outcomes, 2 requests).`,
    '',
    '### (a) step owners answer at once: the orchestrator path alone',
    '',
    ...sweepTable(r.zeroWork),
    '',
    ...(r.withWork.length ? [`### (b) step owners work ${r.withWork[0]!.workMs} ms per step (3 steps)`, '', ...sweepTable(r.withWork), ''] : []),
    '## Baselines, same run',
    '',
    `JetStream through the transport adapter (no envelope, validation or runtime), ${r.eventBytes}-byte messages (a real saga command), ${js.publish.count} messages, 128 in flight:`,
    '',
    '| | per second | client CPU per message | nats-server CPU per message | latency p50 / p95 |',
    '|---|---|---|---|---|',
    `| publish (PubAck awaited) | ${f1(rate(js.publish.count, js.publish.wallMs))} | ${us(js.publish.clientCpuMs, js.publish.count)} | ${us(js.publish.natsCpuMs, js.publish.count)} | ${f2(pct(js.publish.latencies, 50))} / ${f2(pct(js.publish.latencies, 95))} ms |`,
    `| consume + ack | ${f1(rate(js.consume.count, js.consume.wallMs))} | ${us(js.consume.clientCpuMs, js.consume.count)} | ${us(js.consume.natsCpuMs, js.consume.count)} | |`,
    `| one hop: publish → delivered, one at a time (${js.hop.count}) | ${f1(rate(js.hop.count, js.hop.wallMs))} | ${us(js.hop.clientCpuMs, js.hop.count)} | ${us(js.hop.natsCpuMs, js.hop.count)} | ${f2(pct(js.hop.latencies, 50))} / ${f2(pct(js.hop.latencies, 95))} ms |`,
    '',
    "PostgreSQL: one saga's writes in plain SQL through postgres.js (4 transactions as the saga store makes them, 2 outbox `published_at` updates), the real state and command JSON:",
    '',
    '| in flight | sagas/s | writes p50 / p95 per saga | client CPU ms/saga | PostgreSQL CPU ms/saga | commits/saga | commits/s |',
    '|---|---|---|---|---|---|---|',
    ...r.raw.postgres.map(({ window, m }) => `| ${window} | ${f1(rate(m.count, m.wallMs))} | ${f2(pct(m.latencies, 50))} / ${f2(pct(m.latencies, 95))} ms | ${f2(m.clientCpuMs / m.count)} | ${f2(per(m.postgresCpuMs, m.count))} | ${f1((m.commits ?? NaN) / m.count)} | ${f1(rate(m.commits ?? NaN, m.wallMs))} |`),
    '',
    `## The orchestrator's own cost (at ${top.window} in flight, the best sweep point)`,
    '',
    '| | CPU ms per saga | per event handled (4 per saga) |',
    '|---|---|---|',
    `| orchestrator process, measured | ${f2(orchPerSaga)} | ${f2(orchPerSaga / 4)} |`,
    `| raw client work it cannot avoid: 4 consumes + 2 publishes + the saga's writes (baselines) | ${f2(rawClient(top.window))} | ${f2(rawClient(top.window) / 4)} |`,
    `| **orchestrator's own overhead** (runtime, validation, drizzle, decider) | **${f2(own)}** | **${f2(own / 4)}** |`,
    `| ratio measured / raw | ${f2(orchPerSaga / rawClient(top.window))}× | |`,
    '',
    '## What limits sagas/s on this machine',
    '',
    '| resource | sagas/s it allows |',
    '|---|---|',
    ...limits.map((l) => `| ${l.what} | ${f1(l.sagas)} |`),
    `| measured, best point (${top.window} in flight) | ${f1(rate(top.count, top.wallMs))} |`,
    '',
  ];
}
