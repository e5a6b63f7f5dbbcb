/**
 * Graceful stop (issue #17): every message the consumer holds when stop() is called is
 * either finished (running handlers complete and ack) or nak'd (queued ones, and any
 * that arrive during the stop); none is handed to the stopped consumer, and a restarted
 * consumer gets each exactly once, in per-key order.
 */
import { describe, expect, it } from 'vitest';
import { fastRetryPolicy, sleep, testContracts, waitFor } from '#test/faults/support/contracts.ts';
import { createConsumerRuntime, type ConsumerRuntime } from './consumer.ts';
import { createMemoryTransport } from './memory-transport.ts';
import { createProducerRuntime } from './producer.ts';
import type { IncomingMessage, Transport } from './transport.ts';

const c = testContracts();

/** Wraps a transport so the test sees every ack and nak the consumer gives. */
function recording(inner: Transport) {
  const outcomes: Array<{ seq: number; outcome: 'ack' | 'nak' }> = [];
  const seqOf = (m: IncomingMessage) => (JSON.parse(new TextDecoder().decode(m.data)) as { payload: { seq: number } }).payload.seq;
  const transport: Transport = {
    prefix: inner.prefix,
    publish: (m) => inner.publish(m),
    close: () => inner.close(),
    subscribe: (options) =>
      inner.subscribe({
        ...options,
        onMessage: (m) =>
          options.onMessage({
            ...m,
            subject: m.subject,
            data: m.data,
            msgId: m.msgId,
            partitionKey: m.partitionKey,
            deliveryCount: m.deliveryCount,
            headers: m.headers,
            ack: () => (outcomes.push({ seq: seqOf(m), outcome: 'ack' }), m.ack()),
            nak: (d?: number) => (outcomes.push({ seq: seqOf(m), outcome: 'nak' }), m.nak(d)),
          }),
      }),
  };
  return { transport, outcomes };
}

function consumerOn(transport: Transport, handle: (seq: number) => void | Promise<void>): ConsumerRuntime {
  return createConsumerRuntime({
    transport,
    agent: 'evaluation-engine',
    contracts: [c.created, c.updated],
    handlers: { 'Prompt.Lifecycle.Created': (e) => handle(e.payload.seq), 'Prompt.Lifecycle.Updated': () => {} },
    retryPolicy: fastRetryPolicy,
    failureEvent: { contract: c.failed },
    concurrency: 1,
  });
}

describe('graceful stop', () => {
  it('finishes the running handler, naks the queued messages, and naks a message that arrives during the stop', async () => {
    const memory = createMemoryTransport({ prefix: 'evc' });
    const { transport, outcomes } = recording(memory);
    const producer = createProducerRuntime({ transport: memory, agent: 'prompt-studio', tenantId: 'acme', contracts: [c.created] });
    const handled: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumer = consumerOn(transport, async (seq) => {
      if (seq === 0) await gate; // the first event is still running when stop() is called
      handled.push(seq);
    });
    await consumer.start();
    for (let seq = 0; seq < 5; seq++) await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq });
    await waitFor(() => consumer.stats.received === 5, 'all five delivered');
    const stopped = consumer.stop();
    const receivedAtStop = consumer.stats.received;
    // Arrives while the stop waits for the running handler.
    await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 5 });
    await sleep(20);
    release();
    await stopped;
    expect(handled, 'the running handler was allowed to finish; nothing queued was started').toEqual([0]);
    expect(consumer.stats.received, 'the message that arrived during stop never reached the stopped consumer').toBe(receivedAtStop);
    const bySeq = new Map(outcomes.map((o) => [o.seq, o.outcome]));
    expect([...Array(6).keys()].map((s) => bySeq.get(s)), 'finished → ack; queued and late → nak, none left hanging').toEqual(['ack', 'nak', 'nak', 'nak', 'nak', 'nak']);

    const restarted = consumerOn(memory, (seq) => void handled.push(seq));
    await restarted.start();
    await waitFor(() => handled.length === 6, 'the rest after restart');
    expect(handled, 'nothing lost, nothing twice, in per-key order').toEqual([0, 1, 2, 3, 4, 5]);
    await restarted.stop();
  });
});
