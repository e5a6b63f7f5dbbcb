/**
 * Faults over the real NATS server: a poison event, an invalid event on the wire, and
 * per-aggregate order under concurrency with retries. Each test uses its own stream.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { connectNatsTransport, createConsumerRuntime, createProducerRuntime, HandlerError, subjectFilter, subjectFor } from '#runtime/index.ts';
import type { ConsumerRuntime, FailureEvent, Handler, NatsTransport } from '#runtime/index.ts';
import { fastRetryPolicy, sleep, testContracts, waitFor } from './support/contracts.ts';

const servers = process.env.NATS_URL;
const c = testContracts();

describe.skipIf(!servers)('faults over NATS JetStream', () => {
  let transport: NatsTransport | undefined;
  let consumer: ConsumerRuntime | undefined;
  afterEach(async () => {
    await consumer?.stop();
    await transport?.deleteStream();
    await transport?.close();
    consumer = transport = undefined;
  });

  async function setup(handler: Handler, concurrency = 16) {
    transport = await connectNatsTransport({ servers: servers!, prefix: `evcf${randomUUID().slice(0, 8)}` });
    const t = transport;
    const failures: FailureEvent[] = [];
    await t.subscribe({
      durable: 'failure-observer',
      subjects: [subjectFilter(t.prefix, 'Platform.Event.Failed')],
      onMessage: (m) => {
        failures.push(JSON.parse(new TextDecoder().decode(m.data)) as FailureEvent);
        m.ack();
      },
    });
    consumer = createConsumerRuntime({
      transport: t,
      agent: 'evaluation-engine',
      contracts: [c.created],
      handlers: { 'Prompt.Lifecycle.Created': handler },
      retryPolicy: { ...fastRetryPolicy, initialDelayMs: 50 },
      failureEvent: { contract: c.failed },
      concurrency,
    });
    await consumer.start();
    const producer = createProducerRuntime({ transport: t, agent: 'prompt-studio', tenantId: 'acme', contracts: [c.created] });
    return { t, producer, failures, consumer };
  }

  it('a poison event produces exactly one FailureEvent after maxAttempts', async () => {
    const attempts: number[] = [];
    const { producer, failures } = await setup((_e, ctx) => {
      attempts.push(ctx.attempt);
      throw new HandlerError('TIMEOUT', 'model timed out', { retryable: true });
    });
    const poison = await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 });
    await waitFor(() => failures.length >= 1, 'the FailureEvent');
    await sleep(800); // several backoff periods: a redelivery loop would show up here
    expect(attempts, 'delayed naks redelivered it until maxAttempts, then it was acked').toEqual([1, 2, 3]);
    expect(failures, 'exactly one FailureEvent').toHaveLength(1);
    expect(failures[0]).toMatchObject({ causationId: poison.eventId, correlationId: poison.correlationId, error: { code: 'TIMEOUT', retryable: true } });
    expect(failures[0]!.originalEvent).toEqual(poison);
  });

  it('an invalid event on the wire produces a CONTRACT_VIOLATION FailureEvent', async () => {
    let calls = 0;
    const { t, producer, failures } = await setup(() => {
      calls++;
    });
    const event = producer.build('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 });
    const tampered = { ...event, payload: { promptId: 'p-1' } }; // seq removed after validation
    await t.publish({ subject: subjectFor(t.prefix, event.eventType, 'p-1'), data: new TextEncoder().encode(JSON.stringify(tampered)), msgId: event.eventId, partitionKey: 'p-1' });
    await waitFor(() => failures.length >= 1, 'the FailureEvent');
    await sleep(300);
    expect(calls, 'the handler never saw it').toBe(0);
    expect(failures, 'exactly one').toHaveLength(1);
    expect(failures[0]!.error.code).toBe('CONTRACT_VIOLATION');
    expect(failures[0]!.error.details.violations).toEqual([{ pointer: '/payload/seq', message: 'is required', keyword: 'required' }]);
    expect(failures[0]!.causationId).toBe(event.eventId);
  });

  it('keeps order per aggregate under concurrency, with retries, and loses nothing', async () => {
    const byKey = new Map<string, number[]>();
    const retried = new Set<string>();
    const { producer, consumer: running } = await setup(async (e) => {
      if (e.payload.seq % 11 === 5 && !retried.has(e.eventId)) {
        retried.add(e.eventId);
        throw new HandlerError('RATE_LIMIT', 'slow down', { retryable: true });
      }
      if (Math.random() < 0.1) await sleep(2);
      const list = byKey.get(e.payload.promptId) ?? [];
      list.push(e.payload.seq);
      byKey.set(e.payload.promptId, list);
    }, 32);
    const keys = 100;
    const perKey = 30;
    for (let seq = 0; seq < perKey; seq++) {
      await Promise.all(Array.from({ length: keys }, (_, k) => producer.send('Prompt.Lifecycle.Created', { promptId: `p-${k}`, seq })));
    }
    await waitFor(() => running.stats.handled === keys * perKey, 'all events handled', 60_000);
    for (let k = 0; k < keys; k++) {
      expect(byKey.get(`p-${k}`), `p-${k} handled once each, in order`).toEqual([...Array(perKey).keys()]);
    }
    expect(running.stats.retried, 'retries happened in the middle of the streams').toBeGreaterThan(0);
  }, 90_000);
});
