/**
 * `npm run bench:saga` — the saga orchestrator and the aggregate reducer.
 *
 *  1. Sagas: SAGA_COUNT PromptOptimizationSagas through the real orchestrator (generated
 *     contracts, saga store with outbox) and instant step owners. Transport: NATS JetStream
 *     when NATS_URL is set, else in-memory; database: PostgreSQL when DATABASE_URL is set,
 *     else PGlite in memory. Reports sagas/s (first trigger → last completion) and
 *     p50/p95/p99 saga duration (trigger sent → `completed` committed), SAGA_WINDOW in flight;
 *     then SAGA_LATENCY_COUNT sagas one at a time (duration without queueing).
 *  2. The pure decider alone (no IO): sagas/s of `decide` over the same 4 inputs.
 *  3. Rehydration: `rehydratePrompt` over 10,000 PromptAggregate events (target < 50 ms),
 *     median/p95/max of REHYDRATE_RUNS runs, and loading the 10,000 events from the store.
 * Results are printed and written to test/bench/results/saga.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '#catalog/load.ts';
import { connect } from '#registry/db/connect.ts';
import { connectNatsTransport, createMemoryTransport, createProducerRuntime, type Transport } from '#runtime/index.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { startSagaAgents } from '#test/fixtures/patterns/saga-agents.ts';
import { promptAggregateIdOf, type PromptAggregateEvent } from '../../generated/patterns/prompt-aggregate.ts';
import { initialPromptState, rehydratePrompt, type PromptState } from '#patterns/aggregate/prompt-aggregate.ts';
import { decidePrompt, type PromptCommand } from '#patterns/aggregate/prompt-commands.ts';
import { catalogContracts } from '#patterns/catalog-contracts.ts';
import { migratePatterns } from '#patterns/db/migrate.ts';
import { createSagaDecider, type SagaPayloadBuilder } from '#patterns/saga/decide.ts';
import { createPromptOptimizationOrchestrator, promptOptimizationBuilders, promptOptimizationDefinition } from '#patterns/saga/prompt-optimization.ts';
import type { SagaInputEvent, SagaState } from '#patterns/saga/types.ts';
import { createEventStore } from '#patterns/store/event-store.ts';
import { createSagaStore } from '#patterns/store/saga-store.ts';

const sagaCount = Number(process.env.SAGA_COUNT ?? '500');
const windowSize = Number(process.env.SAGA_WINDOW ?? '50');
const rehydrateRuns = Number(process.env.REHYDRATE_RUNS ?? '200');
const latencyCount = Number(process.env.SAGA_LATENCY_COUNT ?? '30');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;

const catalog = await loadCatalog(`${repoRoot}/asyncapi/prompt-platform.yaml`);
const conn = await connect(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, max: 20 } : {});
await migratePatterns(conn);
const transport: Transport & { deleteStream?: () => Promise<void> } = process.env.NATS_URL
  ? await connectNatsTransport({ servers: process.env.NATS_URL, prefix: `evcbench${randomBytes(3).toString('hex')}` })
  : createMemoryTransport({ prefix: 'evcbench' });
const setup = `${process.env.NATS_URL ? 'NATS JetStream' : 'in-memory transport'}, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)'}`;

// ---- 1. sagas end to end ----
const completedAt = new Map<string, number>();
const store = createSagaStore(conn.db);
const orchestrator = createPromptOptimizationOrchestrator({
  store,
  transport,
  tenantId: 'bench',
  timeoutCheckMs: 1_000,
  hooks: { afterCommit: ({ sagaId, transition }) => void (transition === 'completed' && completedAt.set(sagaId, performance.now())) },
});
await orchestrator.start();
const agents = await startSagaAgents(catalog, transport, { observerEvents: ['Prompt.Creation.RolledBack'] });
const startedAt = new Map<string, number>();
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: windowSize }, async () => {
    while (next < sagaCount) {
      next++;
      const sentAt = performance.now();
      const trigger = await agents.startSaga();
      startedAt.set(trigger.correlationId, sentAt);
      while (!completedAt.has(trigger.correlationId)) await new Promise((r) => setTimeout(r, 1));
    }
  }),
);
const wall = performance.now() - t0;
const durations = [...startedAt].map(([id, start]) => completedAt.get(id)! - start).sort((a, b) => a - b);
// Latency without queueing: one saga at a time.
const solo: number[] = [];
for (let i = 0; i < latencyCount; i++) {
  const sentAt = performance.now();
  const trigger = await agents.startSaga();
  while (!completedAt.has(trigger.correlationId)) await new Promise((r) => setTimeout(r, 1));
  solo.push(completedAt.get(trigger.correlationId)! - sentAt);
}
solo.sort((a, b) => a - b);
await orchestrator.stop();
await agents.stop();

// ---- 2. the pure decider ----
const definition = promptOptimizationDefinition();
const decide = createSagaDecider(definition, promptOptimizationBuilders() as unknown as Record<string, SagaPayloadBuilder>);
const draft = { promptId: 'prm_1', revision: 1, title: 't', template: 'x', variables: [] };
const evaluated = { promptId: 'prm_1', revision: 1, results: [], summary: { passed: true, score: 1, casesRun: 1, casesPassed: 1, durationMs: 1 } };
const inputs = (i: number): SagaInputEvent[] => [
  { eventId: `a${i}`, eventType: 'Prompt.Creation.Requested', correlationId: `c${i}`, payload: { requirements: { description: 'd', context: [], constraints: {} }, priority: 'low' } },
  { eventId: `b${i}`, eventType: 'Prompt.Draft.Created', correlationId: `c${i}`, payload: draft },
  { eventId: `c${i}`, eventType: 'Evaluation.Execution.Completed', correlationId: `c${i}`, payload: evaluated },
  { eventId: `d${i}`, eventType: 'Prompt.Optimization.Completed', correlationId: `c${i}`, payload: { promptId: 'prm_1' } },
];
const pureCount = 20_000;
const pure0 = performance.now();
for (let i = 0; i < pureCount; i++) {
  let s: SagaState | undefined;
  for (const event of inputs(i)) s = decide(s, { kind: 'event', event }, new Date()).state;
  if (s?.status !== 'completed') throw new Error('pure saga did not complete');
}
const pureRate = pureCount / ((performance.now() - pure0) / 1000);

// ---- 3. rehydration ----
const producer = createProducerRuntime({ transport: createMemoryTransport(), agent: 'prompt-engineering-specialist', tenantId: 'bench', contracts: catalogContracts(catalog, catalog.aggregates[0]!.events) });
const cycle: PromptCommand[] = [
  { type: 'update', changes: { template: 'T {{x}}' }, by: 'u' },
  { type: 'validate', issues: [] },
  { type: 'publish', version: '1.0.0', by: 'u' },
];
let state: PromptState = initialPromptState;
const events: PromptAggregateEvent[] = [];
for (let i = 0; i < 10_000; i++) {
  const command: PromptCommand = i === 0 ? { type: 'create', name: 'n', template: 't', by: 'u' } : cycle[(i - 1) % cycle.length]!;
  const d = decidePrompt(state, 'prm_bench', command);
  state = d.state;
  events.push(producer.build(d.event.eventType, d.event.payload) as PromptAggregateEvent);
}
const times: number[] = [];
const c0 = performance.now();
rehydratePrompt(events);
const coldMs = performance.now() - c0;
for (let r = 0; r < 5; r++) rehydratePrompt(events); // warm-up, not measured
for (let r = 0; r < rehydrateRuns; r++) {
  const s0 = performance.now();
  const rebuilt = rehydratePrompt(events);
  times.push(performance.now() - s0);
  if (rebuilt.version !== 10_000) throw new Error('rehydration went wrong');
}
times.sort((a, b) => a - b);
const eventStore = createEventStore<PromptAggregateEvent>(conn.db, { aggregateType: 'PromptAggregate', idOf: promptAggregateIdOf, versionOf: (e) => e.payload.sequence });
const id = `prm_bench_${randomBytes(3).toString('hex')}`;
const stored = events.map((e) => ({ ...e, eventId: crypto.randomUUID(), payload: { ...e.payload, promptId: id } })) as PromptAggregateEvent[];
for (let i = 0; i < stored.length; i += 2_500) await eventStore.append(id, i, stored.slice(i, i + 2_500));
const l0 = performance.now();
const loaded = await eventStore.load(id);
const loadMs = performance.now() - l0;
const loadedTimes: number[] = [];
for (let r = 0; r < 20; r++) {
  const r0 = performance.now();
  rehydratePrompt(loaded.events);
  loadedTimes.push(performance.now() - r0);
}
loadedTimes.sort((a, b) => a - b);

await transport.deleteStream?.();
await transport.close();
await conn.close();

const lines = [
  '# bench:saga',
  '',
  `Date: ${new Date().toISOString()}  `,
  `Command: \`${[process.env.NATS_URL ? `NATS_URL=${process.env.NATS_URL}` : '', process.env.DATABASE_URL ? `DATABASE_URL=${process.env.DATABASE_URL}` : '', sagaCount !== 500 ? `SAGA_COUNT=${sagaCount}` : '', 'npm run bench:saga'].filter(Boolean).join(' ')}\`  `,
  `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${cpus().length} cores shared with other jobs (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end of the run)`,
  '',
  `## Sagas end to end (${setup})`,
  '',
  `${sagaCount} PromptOptimizationSagas, ${windowSize} in flight, instant step owners (runtime consumers/producers), every transition committed with its outbox.`,
  '',
  '| metric | value |',
  '|---|---|',
  `| sagas completed/s | ${(sagaCount / (wall / 1000)).toFixed(1)} |`,
  `| saga duration p50 | ${ms(pct(durations, 50))} |`,
  `| saga duration p95 | ${ms(pct(durations, 95))} |`,
  `| saga duration p99 | ${ms(pct(durations, 99))} |`,
  `| saga duration p50 / p95, one saga at a time (${latencyCount}) | ${ms(pct(solo, 50))} / ${ms(pct(solo, 95))} |`,
  `| events on the wire per saga | 6 (trigger, 3 outcomes, 2 requests) |`,
  '',
  '## Pure decider (no IO)',
  '',
  `| sagas decided/s (4 transitions each) | ${pureRate.toFixed(0)} |`,
  '|---|---|',
  '',
  '## PromptAggregate rehydration, 10,000 events (target < 50 ms)',
  '',
  '| metric | value |',
  '|---|---|',
  `| rehydrate (reduce) median of ${rehydrateRuns} warm runs | ${ms(pct(times, 50))} |`,
  `| rehydrate p95 | ${ms(pct(times, 95))} |`,
  `| rehydrate max | ${ms(times.at(-1)!)} |`,
  `| first (cold, unoptimised) run | ${ms(coldMs)} |`,
  `| load 10,000 events from the store (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}) | ${ms(loadMs)} |`,
  `| rehydrate the loaded events, median of 20 | ${ms(pct(loadedTimes, 50))} |`,
  '',
];
console.log(lines.join('\n'));
mkdirSync(`${repoRoot}/test/bench/results`, { recursive: true });
writeFileSync(`${repoRoot}/test/bench/results/saga.md`, lines.join('\n'));
process.exit(0);
