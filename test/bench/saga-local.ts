/**
 * bench:saga's in-process parts: the pure saga decider (no IO) and PromptAggregate
 * rehydration over 10,000 events, plus loading those events from the store.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Catalog } from '#catalog/model.ts';
import type { Database } from '#registry/db/connect.ts';
import { createMemoryTransport, createProducerRuntime } from '#runtime/index.ts';
import { promptAggregateIdOf, type PromptAggregateEvent } from '../../generated/patterns/prompt-aggregate.ts';
import { initialPromptState, rehydratePrompt, type PromptState } from '#patterns/aggregate/prompt-aggregate.ts';
import { decidePrompt, type PromptCommand } from '#patterns/aggregate/prompt-commands.ts';
import { catalogContracts } from '#patterns/catalog-contracts.ts';
import { createSagaDecider, type SagaPayloadBuilder } from '#patterns/saga/decide.ts';
import { promptOptimizationBuilders, promptOptimizationDefinition } from '#patterns/saga/prompt-optimization.ts';
import type { SagaInputEvent, SagaState } from '#patterns/saga/types.ts';
import { createEventStore } from '#patterns/store/event-store.ts';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Markdown sections with the figures. */
export async function benchLocal(catalog: Catalog, db: Database, rehydrateRuns: number, storeName: string): Promise<string[]> {
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
  const eventStore = createEventStore<PromptAggregateEvent>(db, { aggregateType: 'PromptAggregate', idOf: promptAggregateIdOf, versionOf: (e) => e.payload.sequence });
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

  return [
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
    `| load 10,000 events from the store (${storeName}) | ${ms(loadMs)} |`,
    `| rehydrate the loaded events, median of 20 | ${ms(pct(loadedTimes, 50))} |`,
    '',
  ];
}
