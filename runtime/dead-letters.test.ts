/**
 * A real dead-letter stream on NATS JetStream: an event a consumer gives up on is copied
 * there with its FailureEvent's id (and the FailureEvent says deadLettered: true), `evc
 * dead-letters list` shows it, and `evc dead-letters replay` brings it back to the consumer
 * once the handler is fixed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

import { runCli } from '#cli/test-io.ts';
import { fastRetryPolicy, testContracts, waitFor } from '#test/faults/support/contracts.ts';
import { needsNats, skipWithout } from '#test/support/requirements.ts';
import { createConsumerRuntime } from './consumer.ts';
import type { FailureEvent } from './failure.ts';
import { listDeadLetters } from './dead-letters.ts';
import { connectNatsTransport } from './nats-transport.ts';
import type { NatsTransport } from './nats-transport.ts';
import { createProducerRuntime } from './producer.ts';
import { subjectFilter } from './subjects.ts';

const c = testContracts();
const decoder = new TextDecoder();

describe.skipIf(skipWithout(needsNats))('dead letters on NATS JetStream', () => {
  const servers = process.env.NATS_URL!;
  const prefix = `evcdlq${randomUUID().slice(0, 8)}`;
  let transport: NatsTransport;
  afterAll(async () => {
    await transport?.deleteStream();
    await transport?.close();
  });

  it('copies a given-up event to the dead-letter stream, lists it, and replays it to the fixed handler', async () => {
    transport = await connectNatsTransport({ servers, prefix, ackWaitMs: 2000 });
    const failures: FailureEvent[] = [];
    await transport.subscribe({
      durable: 'failure-observer',
      subjects: [subjectFilter(prefix, 'Platform.Event.Failed')],
      onMessage: (m) => {
        failures.push(JSON.parse(decoder.decode(m.data)) as FailureEvent);
        m.ack();
      },
    });
    let fixed = false;
    const handled: string[] = [];
    const consumer = createConsumerRuntime({
      transport,
      agent: 'evaluation-engine',
      contracts: [c.created, c.updated],
      handlers: {
        'Prompt.Lifecycle.Created': (e) => {
          if (!fixed) throw new Error('bug in the handler');
          handled.push(e.eventId);
        },
        'Prompt.Lifecycle.Updated': () => {},
      },
      retryPolicy: fastRetryPolicy,
      failureEvent: { contract: c.failed },
      onError: () => {},
    });
    await consumer.start();
    const producer = createProducerRuntime({ transport, agent: 'prompt-studio', tenantId: 'acme', contracts: [c.created] });
    const sent = await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-1', seq: 0 });

    await waitFor(() => failures.length === 1, 'the FailureEvent');
    const failure = failures[0]!;
    expect(failure.payload.deadLettered, 'true exactly when the event was dead-lettered').toBe(true);
    const letters = await listDeadLetters(transport);
    expect(letters.map((l) => [l.agent, l.eventId, l.failureId]), 'one dead letter, named by the FailureEvent').toEqual([['evaluation-engine', sent.eventId, failure.eventId]]);
    expect(JSON.parse(decoder.decode(letters[0]!.data)), 'the original bytes').toEqual(sent);

    const listed = await runCli(['dead-letters', 'list', '--nats', servers, '--prefix', prefix, '--format', 'json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ agent: 'evaluation-engine', eventId: sent.eventId, failureId: failure.eventId, code: 'HANDLER_ERROR' })]);

    fixed = true;
    const replay = await runCli(['dead-letters', 'replay', '--nats', servers, '--prefix', prefix, '--agent', 'evaluation-engine']);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/replayed 1 dead letter/);
    await waitFor(() => handled.length === 1, 'the replayed event handled');
    expect(handled, 'the same event, handled once the bug is fixed').toEqual([sent.eventId]);
    expect(await listDeadLetters(transport), 'nothing left in the dead-letter stream').toEqual([]);
    await consumer.stop();
  });

  it('says what to do when no NATS server is given', async () => {
    const result = await runCli(['dead-letters', 'list'], { env: { NATS_URL: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Pass --nats/);
  });
});
