/**
 * The seed's runtime semantics, checked with the generated clients of the seed document on the
 * in-memory transport (the NATS adapter passes the same transport suite): every failure
 * reaches the bus as a valid FailureEvent, and context flows from a handled event to the
 * events its handler produces. Written from ../shared/seed/event-contracts.md and the
 * document's BaseEvent text, not from the implementation.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { BUNDLED_DOCUMENT_PATH } from '#catalog/bundled.ts';
import { loadCatalog } from '#catalog/load.ts';
import type { Catalog } from '#catalog/model.ts';
import { waitFor } from '#test/faults/support/contracts.ts';
import { createConsumer, createProducer, platformEventFailedContract } from '../generated/evaluation-engine/index.ts';
import type { Handlers } from '../generated/evaluation-engine/index.ts';
import { createProducer as createOrchestrator } from '../generated/prompt-optimization-orchestrator/index.ts';
import { createMemoryTransport } from './memory-transport.ts';
import type { MemoryTransport } from './memory-transport.ts';
import { subjectFilter, subjectFor } from './subjects.ts';
import type { EventEnvelope } from './types.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const fast = { maxAttempts: 1, backoff: 'fixed' as const, initialDelayMs: 10, maxDelayMs: 10, retryableErrors: [] };

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(BUNDLED_DOCUMENT_PATH);
});

/** The document's own example of an event (envelope + payload). */
function example(eventType: string): EventEnvelope {
  const event = catalog.events.find((e) => e.eventType === eventType);
  if (!event) throw new Error(`no ${eventType} in the seed`);
  return structuredClone(event.examples[0]) as EventEnvelope;
}

async function harness(handlers: Partial<Handlers>, transport: MemoryTransport = createMemoryTransport({ prefix: 'evc' })) {
  const failures: EventEnvelope[] = [];
  const completed: EventEnvelope[] = [];
  await transport.subscribe({
    durable: 'observer',
    subjects: [subjectFilter('evc', 'Platform.Event.Failed'), subjectFilter('evc', 'Evaluation.Execution.Completed')],
    onMessage: (m) => {
      const event = JSON.parse(decoder.decode(m.data)) as EventEnvelope;
      (event.eventType === 'Platform.Event.Failed' ? failures : completed).push(event);
      m.ack();
    },
  });
  const errors: unknown[] = [];
  const consumer = createConsumer({
    transport,
    handlers: { 'Evaluation.Execution.Requested': () => {}, 'Evaluation.Retry.Requested': () => {}, ...handlers },
    retryPolicy: fast,
    tenantId: 'evaluation-team',
    onError: (e) => errors.push(e),
  });
  await consumer.start();
  const orchestrator = createOrchestrator({ transport, tenantId: 'acme' });
  const publishRaw = (body: unknown) =>
    transport.publish({
      subject: subjectFor('evc', 'Evaluation.Execution.Requested', 'prm_1'),
      data: encoder.encode(JSON.stringify(body)),
      msgId: `raw-${Math.random()}`,
      partitionKey: 'prm_1',
    });
  return { transport, consumer, failures, completed, errors, orchestrator, publishRaw };
}

const validFailure = (event: EventEnvelope): boolean => platformEventFailedContract.validate(event) === true;

describe('every failure reaches the bus as a valid FailureEvent', () => {
  it.each([
    { description: 'a database driver code (digits only)', code: '23505', expected: 'E_23505' },
    { description: 'a lower_snake library code', code: 'not_found', expected: 'NOT_FOUND' },
    { description: 'a kebab-case code', code: 'socket-hang-up', expected: 'SOCKET_HANG_UP' },
    { description: 'a numeric errno', code: -2, expected: 'E_2' },
  ])('$description: one failure event, code normalised, original kept in details', async ({ code, expected }) => {
    const h = await harness({
      'Evaluation.Execution.Requested': () => {
        throw Object.assign(new Error('duplicate key value violates unique constraint'), { code });
      },
    });
    await h.publishRaw(example('Evaluation.Execution.Requested'));
    await waitFor(() => h.failures.length === 1, 'the FailureEvent reached the bus');
    const [failure] = h.failures as (EventEnvelope & { error: { code: string; details: Record<string, unknown> } })[];
    expect(validFailure(failure!), 'the failure event passes its own contract').toBe(true);
    expect(failure!.error.code, 'UPPER_SNAKE as ErrorInfo.code requires').toBe(expected);
    expect(failure!.error.details.originalCode, 'the thrown code is not lost').toBe(code);
    await h.consumer.stop();
  });

  it('a thrown value without a message still produces a failure with a message', async () => {
    const h = await harness({
      'Evaluation.Execution.Requested': () => {
        throw Object.assign(Object.create(null), { code: 'timeout' });
      },
    });
    await h.publishRaw(example('Evaluation.Execution.Requested'));
    await waitFor(() => h.failures.length === 1, 'the FailureEvent reached the bus');
    expect(validFailure(h.failures[0]!)).toBe(true);
  });

  it('an invalid event with a malformed correlationId yields a CONTRACT_VIOLATION with fresh ids', async () => {
    const h = await harness({});
    const broken = { ...example('Evaluation.Execution.Requested'), correlationId: 'not a valid id!', payload: {} };
    await h.publishRaw(broken);
    await waitFor(() => h.failures.length === 1, 'the CONTRACT_VIOLATION reached the bus');
    const failure = h.failures[0]! as EventEnvelope & { error: { code: string }; originalEvent: Record<string, unknown> };
    expect(validFailure(failure), 'valid by construction').toBe(true);
    expect(failure.error.code).toBe('CONTRACT_VIOLATION');
    expect(failure.correlationId, 'the unusable id is not copied into the failure envelope').not.toBe('not a valid id!');
    expect(h.errors, 'reported on the bus, not only to onError').toEqual([]);
  });

  it.each([
    { description: 'a tenantId longer than the 64 characters the envelope allows', tenantId: 't'.repeat(65) },
    { description: 'an empty tenantId', tenantId: '' },
    { description: 'a tenantId that is not a string', tenantId: 42 },
  ])('an event with $description yields a CONTRACT_VIOLATION under the consumer’s own tenant, and is acked', async ({ tenantId }) => {
    const h = await harness({});
    const broken = example('Evaluation.Execution.Requested');
    (broken.metadata as unknown as Record<string, unknown>).tenantId = tenantId;
    await h.publishRaw(broken);
    await waitFor(() => h.failures.length === 1, 'the CONTRACT_VIOLATION reached the bus');
    const failure = h.failures[0]! as EventEnvelope & { error: { code: string; details: Record<string, unknown> } };
    expect(validFailure(failure), 'valid by construction').toBe(true);
    expect(failure.error.code).toBe('CONTRACT_VIOLATION');
    expect(failure.metadata.tenantId, 'the unusable tenant is not copied into the failure envelope').toBe('evaluation-team');
    expect(h.errors, 'reported on the bus and acked (an unbuildable failure would stay unacknowledged and be reported here)').toEqual([]);
    await h.consumer.stop();
  });

  it('a consumer created without a tenantId still reports an event whose tenant cannot be carried (tenant "unknown"), and acks it', async () => {
    const transport = createMemoryTransport({ prefix: 'evc' });
    const failures: EventEnvelope[] = [];
    await transport.subscribe({ durable: 'observer', subjects: [subjectFilter('evc', 'Platform.Event.Failed')], onMessage: (m) => (failures.push(JSON.parse(decoder.decode(m.data)) as EventEnvelope), m.ack()) });
    const errors: unknown[] = [];
    const consumer = createConsumer({ transport, handlers: { 'Evaluation.Execution.Requested': () => {}, 'Evaluation.Retry.Requested': () => {} }, retryPolicy: fast, onError: (e) => errors.push(e) });
    await consumer.start();
    const broken = example('Evaluation.Execution.Requested');
    (broken.metadata as unknown as Record<string, unknown>).tenantId = 't'.repeat(65);
    await transport.publish({ subject: subjectFor('evc', 'Evaluation.Execution.Requested', 'prm_1'), data: encoder.encode(JSON.stringify(broken)), msgId: 'long-tenant', partitionKey: 'prm_1' });
    await waitFor(() => failures.length === 1, 'the CONTRACT_VIOLATION reached the bus');
    const failure = failures[0]! as EventEnvelope & { error: { code: string; details: Record<string, unknown> } };
    expect(validFailure(failure), 'valid by construction').toBe(true);
    expect([failure.error.code, failure.metadata.tenantId, failure.error.details.originalContextUnusable]).toEqual(['CONTRACT_VIOLATION', 'unknown', true]);
    expect(errors, 'nothing left unacknowledged').toEqual([]);
    await consumer.stop();
  });

  it('the original is acked only after the FailureEvent is stored: a failing publish leaves it unacked', async () => {
    const transport = createMemoryTransport({ prefix: 'evc' });
    const publish = transport.publish.bind(transport);
    let refusals = 2;
    transport.publish = async (message) => {
      if (message.subject.startsWith('evc.Platform.Event.Failed') && refusals > 0) {
        refusals--;
        throw new Error('broker unavailable');
      }
      return publish(message);
    };
    let attempts = 0;
    const h = await harness(
      {
        'Evaluation.Execution.Requested': () => {
          attempts++;
          throw new Error('boom');
        },
      },
      transport,
    );
    await h.publishRaw(example('Evaluation.Execution.Requested'));
    await waitFor(() => h.failures.length === 1, 'the failure got through once the broker took it', 10_000);
    expect(attempts, 'redelivered after each refused failure publish, so nothing was dropped').toBe(3);
    expect(String(h.errors[0]), 'and it said so').toMatch(/stays unacknowledged/);
  });
});

describe('context flows through every event', () => {
  it('a follow-up produced inside a handler inherits correlation, causation, tenant, user and session', async () => {
    let producer: ReturnType<typeof createProducer> | undefined;
    const completion = example('Evaluation.Execution.Completed').payload;
    const h = await harness({
      'Evaluation.Execution.Requested': async () => {
        await new Promise((r) => setTimeout(r, 5)); // across an await, too
        await producer!.send.evaluationExecutionCompleted(completion as never);
      },
    });
    producer = createProducer({ transport: h.transport, tenantId: 'acme' });
    const request = await h.orchestrator.send.evaluationExecutionRequested(example('Evaluation.Execution.Requested').payload as never, {
      correlationId: 'req-42',
      tenantId: 'tenant-x',
      userId: 'user-7',
      sessionId: 'sess-9',
    });
    await waitFor(() => h.completed.length === 1, 'the follow-up was sent');
    const followUp = h.completed[0]!;
    expect(followUp.correlationId, 'same flow').toBe('req-42');
    expect(followUp.causationId, 'caused by the handled event').toBe(request.eventId);
    expect(followUp.metadata, 'the flow stays in tenant-x with its user and session').toEqual({
      source: 'evaluation-engine',
      tenantId: 'tenant-x',
      userId: 'user-7',
      sessionId: 'sess-9',
    });
  });

  it('overriding is explicit: a tenant option wins, root: true starts a new flow', async () => {
    const transport = createMemoryTransport({ prefix: 'evc' });
    const producer = createProducer({ transport, tenantId: 'acme' });
    const { runWithCause } = await import('./flow-context.ts');
    const cause = { eventId: '5b0c7a1e-2d3f-4a5b-9c6d-7e8f9a0b1c2d', correlationId: 'req-1', metadata: { tenantId: 'tenant-x', userId: 'u' } };
    const completion = example('Evaluation.Execution.Completed').payload as never;
    const overridden = runWithCause(cause, () => producer.build.evaluationExecutionCompleted(completion, { tenantId: 'tenant-y' }));
    expect(overridden.metadata.tenantId).toBe('tenant-y');
    expect(overridden.metadata.userId, 'the rest is still inherited').toBe('u');
    const root = runWithCause(cause, () => producer.build.evaluationExecutionCompleted(completion, { root: true }));
    expect(root.correlationId, 'a new flow').toBe(root.eventId);
    expect(root.metadata.tenantId, "the producer's own tenant").toBe('acme');
  });

  it("a root event's causationId is its correlationId, as the document's BaseEvent says", async () => {
    const producer = createProducer({ transport: createMemoryTransport({ prefix: 'evc' }), tenantId: 'acme' });
    const completion = example('Evaluation.Execution.Completed').payload as never;
    const withCorrelation = producer.build.evaluationExecutionCompleted(completion, { correlationId: 'req-7' });
    expect(withCorrelation.causationId).toBe('req-7');
    const bare = producer.build.evaluationExecutionCompleted(completion);
    expect(bare.causationId, 'no correlation given: the event starts the flow').toBe(bare.correlationId);
    expect(bare.correlationId).toBe(bare.eventId);
  });
});
