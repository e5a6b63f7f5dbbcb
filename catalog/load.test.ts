import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '#test/support/conformance.ts';
import { loadCatalog } from './load.ts';
import type { Catalog } from './model.ts';

const SEED = path.join(repoRoot, 'asyncapi/prompt-platform.yaml');

/** The 19 fixed event types every part of the product uses (prompts/apis.md). */
const EVENT_TYPES = [
  'Prompt.Creation.Requested', 'Evaluation.Execution.Requested', 'Workflow.Execution.Started',
  'Prompt.Draft.Created', 'Evaluation.Execution.Completed', 'Optimization.Execution.Requested', 'Prompt.Optimization.Completed',
  'Prompt.Creation.Failed', 'Prompt.Creation.RolledBack', 'Evaluation.Execution.Failed', 'Evaluation.Retry.Requested',
  'Optimization.Execution.Failed', 'Prompt.Version.Restored',
  'Prompt.Lifecycle.Created', 'Prompt.Lifecycle.Updated', 'Prompt.Lifecycle.Validated', 'Prompt.Lifecycle.Published', 'Prompt.Lifecycle.Archived',
  'Platform.Event.Failed',
];

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(SEED);
});

const event = (type: string) => {
  const found = catalog.events.find((e) => e.eventType === type);
  if (!found) throw new Error(`${type} missing`);
  return found;
};

describe('loadCatalog on the seed document', () => {
  it('finds exactly the 19 agreed event types, each once', () => {
    expect(catalog.events.map((e) => e.eventType).sort(), 'the event list is the agreed contract').toEqual([...EVENT_TYPES].sort());
  });

  it('is plain JSON: no parser objects, no cycles, no x-parser-* keys', () => {
    const json = JSON.stringify(catalog);
    expect(JSON.parse(json), 'serialising loses nothing').toEqual(catalog);
    expect(json, 'parser annotations must never leak').not.toMatch(/"x-parser-/);
  });

  it.each(EVENT_TYPES)('%s is enveloped, versioned 1.0.0, published by one agent, with subscribers and a partition key', (type) => {
    const e = event(type);
    expect(e.enveloped, 'every event is built on BaseEvent').toBe(true);
    expect(e.version).toBe('1.0.0');
    expect(e.publishers.length, 'every event has a publishing agent').toBeGreaterThan(0);
    expect(e.subscribers.length, 'every event has a consumer').toBeGreaterThan(0);
    expect(e.partitionKey, 'every event declares its partition key').toMatch(/^\//);
    expect(e.examples.length, 'generators and pacts need an example').toBeGreaterThan(0);
    expect(e.source.line, 'a message has a real source line').toBeGreaterThan(1);
  });

  it.each(EVENT_TYPES)('the examples of %s validate against its self-contained schema, and a broken copy does not', (type) => {
    const e = event(type);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(e.schema as object);
    for (const example of e.examples) expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    const broken = { ...(e.examples[0] as object), eventType: 'not-an-event-type' };
    expect(validate(broken), 'the eventType const/pattern must reject a wrong type').toBe(false);
    const validatePayload = ajv.compile(e.payloadSchema as object);
    expect(validatePayload((e.examples[0] as { payload: unknown }).payload), 'payloadSchema is the payload part').toBe(true);
  });

  it('keeps the seed roles and x-reads: the UI subscriber reads less than the handler', () => {
    const subs = event('Prompt.Creation.Requested').subscribers;
    const role = (agent: string) => subs.find((s) => s.agent === agent);
    expect(role('prompt-engineering-specialist')?.role).toBe('handler');
    expect(role('domain-modeller')?.role, 'the seed typo domain-modellerr is fixed').toBe('context-analysis');
    expect(role('ui-ux-designer')?.role).toBe('ui-update');
    expect(role('ui-ux-designer')!.reads!.length).toBeLessThan(role('prompt-engineering-specialist')!.reads!.length + 1);
    expect(catalog.agents.map((a) => a.id), 'the typo never becomes an agent id').not.toContain('domain-modellerr');
  });

  it('applies per-event overrides over the document-level retry policy and SLA', () => {
    expect(catalog.retryPolicy).toEqual({ maxAttempts: 3, backoff: 'exponential', initialDelayMs: 1000, maxDelayMs: 30000, retryableErrors: ['TIMEOUT', 'RATE_LIMIT', 'TEMPORARY_FAILURE'] });
    expect(catalog.sla).toEqual({ latencyP95Ms: 100, throughputPerSecond: 10000, delivery: 'at-least-once', ordering: 'partial-per-aggregate' });
    expect(event('Evaluation.Execution.Requested').retryPolicy, 'override merges field by field').toMatchObject({ maxAttempts: 5, maxDelayMs: 60000, initialDelayMs: 1000 });
    expect(event('Prompt.Creation.Requested').retryPolicy, 'no override: the document default').toEqual(catalog.retryPolicy);
  });

  it('reads the saga and the aggregate', () => {
    expect(catalog.sagas).toHaveLength(1);
    const saga = catalog.sagas[0]!;
    expect(saga.name).toBe('PromptOptimizationSaga');
    expect(saga.orchestrator).toBe('prompt-optimization-orchestrator');
    expect(saga.steps.map((s) => s.eventType), 'the seed step order').toEqual([
      'Prompt.Creation.Requested', 'Prompt.Draft.Created', 'Evaluation.Execution.Requested',
      'Evaluation.Execution.Completed', 'Optimization.Execution.Requested', 'Prompt.Optimization.Completed',
    ]);
    expect(saga.steps.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(saga.compensations.map((c) => `${c.onFailure}->${c.compensation}`)).toEqual([
      'Prompt.Creation.Failed->Prompt.Creation.RolledBack',
      'Evaluation.Execution.Failed->Evaluation.Retry.Requested',
      'Optimization.Execution.Failed->Prompt.Version.Restored',
    ]);
    const aggregate = catalog.aggregates[0]!;
    expect(aggregate).toMatchObject({ name: 'PromptAggregate', idField: 'promptId' });
    for (const type of aggregate.events) expect(event(type).partitionKey, 'aggregate events partition by the aggregate id').toBe('/payload/promptId');
  });

  it('keeps the recursive WorkflowStep as a $ref into $defs', () => {
    const schema = event('Workflow.Execution.Started').payloadSchema as { $defs: Record<string, { properties: { steps: { items: unknown } } }> };
    expect(schema.$defs.WorkflowStep!.properties.steps.items, 'recursion is a reference, not a cycle').toEqual({ $ref: '#/$defs/WorkflowStep' });
  });
});
