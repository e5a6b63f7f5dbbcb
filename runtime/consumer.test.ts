import { describe, expect, it } from 'vitest';
import { fastRetryPolicy, sleep, testContracts, waitFor } from '#test/faults/support/contracts.ts';
import { createConsumerRuntime } from './consumer.ts';
import type { ConsumerRuntimeOptions, HandlerSet } from './consumer.ts';
import { HandlerError } from './errors.ts';
import { createFailureBuilder } from './failure.ts';
import type { FailureEvent } from './failure.ts';
import { createMemoryTransport } from './memory-transport.ts';
import { createProducerRuntime } from './producer.ts';
import { subjectFilter, subjectFor } from './subjects.ts';
import type { EventEnvelope } from './types.ts';

const c = testContracts();
const decoder = new TextDecoder();
const encoder = new TextEncoder();

async function setup(handlers: Record<string, HandlerSet>, extra: Partial<ConsumerRuntimeOptions> = {}) {
  const transport = createMemoryTransport({ prefix: 'evc' });
  const producer = createProducerRuntime({ transport, agent: 'prompt-studio', tenantId: 'acme', contracts: [c.created, c.updated] });
  const failures: FailureEvent[] = [];
  await transport.subscribe({
    durable: 'observer',
    subjects: [subjectFilter('evc', 'Platform.Event.Failed')],
    onMessage: (m) => {
      failures.push(JSON.parse(decoder.decode(m.data)) as FailureEvent);
      m.ack();
    },
  });
  const errors: unknown[] = [];
  const consumer = createConsumerRuntime({
    transport,
    agent: 'evaluation-engine',
    contracts: [c.created, c.updated],
    handlers,
    retryPolicy: fastRetryPolicy,
    failureEvent: { contract: c.failed },
    onError: (e) => errors.push(e),
    ...extra,
  });
  await consumer.start();
  const raw = (body: string, key = 'p-1', msgId = `raw-${Math.random()}`) =>
    transport.publish({ subject: subjectFor('evc', 'Prompt.Lifecycle.Created', key), data: encoder.encode(body), msgId, partitionKey: key });
  return { transport, producer, consumer, failures, errors, raw };
}

describe('createConsumerRuntime', () => {
  it('hands every valid event to its handler once and acks it', async () => {
    const seen: EventEnvelope[] = [];
    const { producer, consumer } = await setup({ 'Prompt.Lifecycle.Created': (e) => { seen.push(e); }, 'Prompt.Lifecycle.Updated': () => {} });
    const sent = await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 });
    await waitFor(() => consumer.stats.handled === 1, 'the event handled');
    expect(seen, 'the handler got the event as sent').toEqual([sent]);
    await sleep(50);
    expect(consumer.stats, 'acked: no redelivery, nothing failed').toMatchObject({ received: 1, handled: 1, retried: 0, failed: 0, invalid: 0 });
  });

  it('dispatches by major version', async () => {
    const got: string[] = [];
    const transport = createMemoryTransport({ prefix: 'evc' });
    const consumer = createConsumerRuntime({
      transport,
      agent: 'evaluation-engine',
      contracts: [c.created, c.createdV2],
      handlers: { 'Prompt.Lifecycle.Created': { 1: (e) => { got.push(`v1 ${e.version}`); }, 2: (e) => { got.push(`v2 ${e.version}`); } } },
      retryPolicy: fastRetryPolicy,
      failureEvent: { contract: c.failed },
    });
    await consumer.start();
    const v1 = createProducerRuntime({ transport, agent: 'a', tenantId: 't', contracts: [c.created] });
    const v2 = createProducerRuntime({ transport, agent: 'b', tenantId: 't', contracts: [c.createdV2] });
    await v1.send('Prompt.Lifecycle.Created', { promptId: 'p', seq: 1 });
    await v2.send('Prompt.Lifecycle.Created', { promptId: 'p', seq: 2, owner: 'o' });
    await waitFor(() => got.length === 2, 'both handled');
    expect(got, 'each major went to its own handler, validated by its own schema').toEqual(['v1 1.0.0', 'v2 2.1.0']);
  });

  it('retries a retryable error with backoff, then succeeds without a FailureEvent', async () => {
    const attempts: { attempt: number; at: number }[] = [];
    const { producer, consumer, failures } = await setup({
      'Prompt.Lifecycle.Created': (_e, ctx) => {
        attempts.push({ attempt: ctx.attempt, at: Date.now() });
        if (ctx.attempt < 3) throw new HandlerError('TEMPORARY_FAILURE', 'db busy', { retryable: true });
      },
      'Prompt.Lifecycle.Updated': () => {},
    });
    await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 });
    await waitFor(() => consumer.stats.handled === 1, 'success on the third attempt');
    expect(attempts.map((a) => a.attempt), 'attempts counted by delivery').toEqual([1, 2, 3]);
    expect(attempts[1]!.at - attempts[0]!.at, 'first backoff = initialDelay').toBeGreaterThanOrEqual(18);
    expect(attempts[2]!.at - attempts[1]!.at, 'second backoff doubles').toBeGreaterThanOrEqual(38);
    await sleep(50);
    expect(failures, 'a recovered event produces no FailureEvent').toHaveLength(0);
  });

  it('publishes exactly one FailureEvent for a poison event after maxAttempts, then acks', async () => {
    let calls = 0;
    const { producer, consumer, failures, transport } = await setup({
      'Prompt.Lifecycle.Created': () => {
        calls++;
        throw new HandlerError('TIMEOUT', 'model did not answer', { retryable: true, details: { timeoutMs: 5 } });
      },
      'Prompt.Lifecycle.Updated': () => {},
    });
    const sent = await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 }, { correlationId: 'req-9' });
    await waitFor(() => failures.length === 1, 'the FailureEvent');
    await sleep(300);
    expect(calls, 'maxAttempts handler calls, no more').toBe(3);
    expect(failures, 'exactly one FailureEvent').toHaveLength(1);
    const f = failures[0]!;
    expect(f.eventType).toBe('Platform.Event.Failed');
    expect(f.causationId, 'caused by the failed event').toBe(sent.eventId);
    expect(f.correlationId, 'correlation inherited from the failed event').toBe('req-9');
    expect(f.metadata, 'published by the consumer, in the event tenant').toEqual({ source: 'evaluation-engine', tenantId: 'acme' });
    expect(f.error).toMatchObject({ code: 'TIMEOUT', message: 'model did not answer', retryable: true, details: { timeoutMs: 5, attempts: 3, exhausted: true } });
    expect(f.payload, 'the exhausted event went to the dead-letter stream').toEqual({ handler: 'evaluation-engine', attempts: 3, deadLettered: true });
    const letters = transport.stored.filter((m) => m.subject.startsWith('evc_dlq.'));
    expect(letters.map((m) => [m.subject, m.headers['Evc-Failure-Id']]), 'one dead letter, named by the FailureEvent').toEqual([['evc_dlq.evaluation-engine.Prompt.Lifecycle.Created', f.eventId]]);
    expect(JSON.parse(decoder.decode(letters[0]!.data)), 'carrying the original as received').toEqual(sent);
    expect(f.originalEvent, 'the original event travels with the failure').toEqual(sent);
    expect(consumer.stats).toMatchObject({ retried: 2, failed: 1, handled: 0 });
  });

  it.each([
    { description: 'a plain Error', error: new Error('bug'), code: 'HANDLER_ERROR' },
    { description: 'a retryable code the handler did not mark retryable', error: new HandlerError('TIMEOUT', 'slow'), code: 'TIMEOUT' },
    { description: 'a code the policy does not retry', error: new HandlerError('PROMPT_REJECTED', 'no', { retryable: true }), code: 'PROMPT_REJECTED' },
  ])('fails at once, without retry, on $description', async ({ error, code }) => {
    let calls = 0;
    const { producer, failures } = await setup({ 'Prompt.Lifecycle.Created': () => { calls++; throw error; }, 'Prompt.Lifecycle.Updated': () => {} });
    await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 });
    await waitFor(() => failures.length === 1, 'the FailureEvent');
    await sleep(100);
    expect(calls, 'one attempt only').toBe(1);
    expect(failures[0]!.error.code).toBe(code);
    expect(failures[0]!.payload.attempts).toBe(1);
  });

  it.each([
    { description: 'payload breaks the schema', body: (e: EventEnvelope) => JSON.stringify({ ...e, payload: { promptId: 'p-1', seq: 'x' } }), pointer: '/payload/seq', repaired: undefined },
    { description: 'unknown major version', body: (e: EventEnvelope) => JSON.stringify({ ...e, version: '7.0.0' }), pointer: '/version', repaired: undefined },
    // why: versions are release versions everywhere (shared/version.ts); a pre-release of a known major is not routed to it.
    { description: 'pre-release version of a known major', body: (e: EventEnvelope) => JSON.stringify({ ...e, version: '1.0.0-rc.1' }), pointer: '/version', repaired: undefined, message: /"1\.0\.0-rc\.1" is not a release version/ },
    { description: 'not JSON at all', body: (_e: EventEnvelope) => '{"eventId": nope', pointer: '', repaired: true },
    { description: 'JSON but no envelope', body: (_e: EventEnvelope) => JSON.stringify({ hello: 'world' }), pointer: '', repaired: true },
  ] as { description: string; body: (e: EventEnvelope) => string; pointer: string; repaired: true | undefined; message?: RegExp }[])('turns an invalid event on the wire into one CONTRACT_VIOLATION FailureEvent: $description', async ({ body, pointer, repaired, message }) => {
    let calls = 0;
    const { producer, consumer, failures, raw } = await setup({ 'Prompt.Lifecycle.Created': () => { calls++; }, 'Prompt.Lifecycle.Updated': () => {} });
    const valid = producer.build('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 });
    await raw(body(valid));
    await waitFor(() => failures.length === 1, 'the FailureEvent');
    await sleep(50);
    expect(calls, 'an invalid event never reaches the handler').toBe(0);
    const f = failures[0]!;
    expect(f.error.code).toBe('CONTRACT_VIOLATION');
    expect(f.error.retryable, 'a contract violation is not retryable').toBe(false);
    expect((f.error.details.violations as { pointer: string }[]).map((v) => v.pointer), 'the pointer is reported').toContain(pointer);
    if (message) expect(f.error.message, 'the reason is named').toMatch(message);
    if (repaired) expect(f.error.details.raw, 'the exact bytes are kept when the original is not an event').toBe(body(valid));
    else expect(f.causationId, 'caused by the invalid event').toBe(valid.eventId);
    expect(consumer.stats).toMatchObject({ invalid: 1, handled: 0 });
    expect(failures, 'acked: exactly one').toHaveLength(1);
  });

  it('absorbs a duplicate of an event already handled', async () => {
    let calls = 0;
    const { producer, consumer, raw } = await setup({ 'Prompt.Lifecycle.Created': () => { calls++; }, 'Prompt.Lifecycle.Updated': () => {} });
    const event = producer.build('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 });
    await raw(JSON.stringify(event), 'p-1', 'first');
    await waitFor(() => consumer.stats.handled === 1, 'first copy');
    await raw(JSON.stringify(event), 'p-1', 'second'); // same eventId, another broker message
    await waitFor(() => consumer.stats.duplicates === 1, 'the duplicate');
    expect(calls, 'the handler ran once').toBe(1);
  });

  it('keeps strict order per partition key under concurrency, retries included', async () => {
    const byKey = new Map<string, number[]>();
    const failedOnce = new Set<string>();
    const { producer, consumer, failures } = await setup(
      {
        'Prompt.Lifecycle.Created': async (e, ctx) => {
          await sleep(Math.random() * 3);
          if (e.payload.seq % 7 === 3 && ctx.attempt === 1 && !failedOnce.has(e.eventId)) {
            failedOnce.add(e.eventId);
            throw new HandlerError('RATE_LIMIT', 'slow down', { retryable: true });
          }
          const list = byKey.get(e.payload.promptId) ?? [];
          list.push(e.payload.seq);
          byKey.set(e.payload.promptId, list);
        },
        'Prompt.Lifecycle.Updated': () => {},
      },
      { concurrency: 8 },
    );
    const keys = Array.from({ length: 20 }, (_, i) => `p-${i}`);
    const sends: Promise<unknown>[] = [];
    for (let seq = 0; seq < 25; seq++) for (const promptId of keys) sends.push(producer.send('Prompt.Lifecycle.Created', { promptId, seq }));
    await Promise.all(sends);
    await waitFor(() => consumer.stats.handled === 500, 'all 500 events', 20_000);
    for (const key of keys) expect(byKey.get(key), `${key}: every event once, in order, even around retries`).toEqual([...Array(25).keys()]);
    expect(consumer.stats.retried, 'retries did happen').toBeGreaterThan(0);
    expect(failures).toHaveLength(0);
  });

  it('hands queued events back on stop, and a restarted consumer handles them', async () => {
    const handled: number[] = [];
    const { transport, producer, consumer } = await setup({
      'Prompt.Lifecycle.Created': async (e) => { await sleep(5); handled.push(e.payload.seq); },
      'Prompt.Lifecycle.Updated': () => {},
    }, { concurrency: 1 });
    for (let seq = 0; seq < 40; seq++) await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq });
    await waitFor(() => handled.length >= 3, 'a few handled');
    await consumer.stop();
    const before = handled.length;
    expect(before, 'stop did not drain the whole queue').toBeLessThan(40);
    const restarted = createConsumerRuntime({
      transport,
      agent: 'evaluation-engine',
      contracts: [c.created, c.updated],
      handlers: { 'Prompt.Lifecycle.Created': (e) => { handled.push(e.payload.seq); }, 'Prompt.Lifecycle.Updated': () => {} },
      retryPolicy: fastRetryPolicy,
      failureEvent: { contract: c.failed },
    });
    await restarted.start();
    await waitFor(() => handled.length === 40, 'the rest after restart');
    expect(handled, 'nothing lost, nothing twice, in order').toEqual([...Array(40).keys()]);
  });

  it('does not answer a failed FailureEvent with another one (no loop)', async () => {
    const transport = createMemoryTransport({ prefix: 'evc' });
    const errors: unknown[] = [];
    const consumer = createConsumerRuntime({
      transport,
      agent: 'observability-engineer',
      contracts: [c.failed],
      handlers: { 'Platform.Event.Failed': () => { throw new Error('alerting is down'); } },
      retryPolicy: fastRetryPolicy,
      failureEvent: { contract: c.failed },
      onError: (e) => errors.push(e),
    });
    await consumer.start();
    const producer = createProducerRuntime({ transport, agent: 'evaluation-engine', tenantId: 'acme', contracts: [c.failed] });
    const original = createProducerRuntime({ transport, agent: 'x', tenantId: 'acme', contracts: [c.created] }).build('Prompt.Lifecycle.Created', { promptId: 'p', seq: 1 });
    const failure = createFailureBuilder(c.failed, 'evaluation-engine')({
      agent: 'evaluation-engine', original, raw: new Uint8Array(), attempts: 1, tenantId: 'acme',
      error: { code: 'TIMEOUT', message: 'slow', details: {}, retryable: true },
    });
    await producer.publish(failure);
    await waitFor(() => consumer.stats.failed === 1, 'gave up');
    await sleep(50);
    expect(transport.stored.filter((m) => m.subject.startsWith('evc.')), 'no failure answers the failure event').toHaveLength(1);
    const letters = transport.stored.filter((m) => m.subject.startsWith('evc_dlq.'));
    expect(letters.map((m) => m.subject), 'but it is not dropped either: it goes to the dead-letter stream').toEqual(['evc_dlq.observability-engineer.Platform.Event.Failed']);
    expect(String(errors[0]), 'and the give-up is reported to onError').toMatch(/alerting is down/);
  });

  it('never drops the original when no valid FailureEvent can be built: it stays unacked and is redelivered, loudly', async () => {
    let calls = 0;
    const rejectAll = Object.assign(() => false, { errors: [{ instancePath: '/error', message: 'rejected by a broken failure schema' }] });
    const { producer, errors, transport } = await setup(
      { 'Prompt.Lifecycle.Created': () => { calls++; throw new Error('bug'); }, 'Prompt.Lifecycle.Updated': () => {} },
      { failureEvent: { contract: { ...c.failed, validate: rejectAll } } },
    );
    await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 });
    await waitFor(() => calls >= 2, 'a redelivery of the original');
    expect(String(errors[0]), 'says what could not be built, why, and that the event is kept').toMatch(/could not build a Platform.Event.Failed .*HANDLER_ERROR: bug.*stays unacknowledged.*rejected by a broken failure schema/);
    expect(transport.stored.filter((m) => m.subject.includes('Platform')), 'nothing invalid was published').toHaveLength(0);
  });

  it.each<{ description: string; handlers: Record<string, HandlerSet>; message: RegExp }>([
    { description: 'a handler is missing', handlers: { 'Prompt.Lifecycle.Created': () => {} }, message: /has no handler for it: add handlers\["Prompt.Lifecycle.Updated"\]/ },
    { description: 'a major has no handler', handlers: { 'Prompt.Lifecycle.Created': { 2: () => {} }, 'Prompt.Lifecycle.Updated': () => {} }, message: /handlers\["Prompt.Lifecycle.Created"\]\[1\]/ },
    { description: 'a handler for an event it does not receive', handlers: { 'Prompt.Lifecycle.Created': () => {}, 'Prompt.Lifecycle.Updated': () => {}, 'Nope.Not.Here': () => {} }, message: /does not receive it; it receives: Prompt.Lifecycle.Created, Prompt.Lifecycle.Updated/ },
  ])('refuses to start when $description', ({ handlers, message }) => {
    expect(() =>
      createConsumerRuntime({ transport: createMemoryTransport(), agent: 'a', contracts: [c.created, c.updated], handlers, retryPolicy: fastRetryPolicy, failureEvent: { contract: c.failed } }),
    ).toThrow(message);
  });
});
