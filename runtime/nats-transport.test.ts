import { randomUUID } from 'node:crypto';
import { AckPolicy, jetstreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { subjectFilter, subjectFor } from './subjects.ts';
import type { IncomingMessage } from './transport.ts';
import { needsNats, skipWithout } from '#test/support/requirements.ts';
import { connectNatsTransport, deliveryCountOf } from './nats-transport.ts';
import { isStoredAck } from './nats-publisher.ts';
import type { NatsTransport } from './nats-transport.ts';
import { describeTransportSuite } from '#test/faults/support/transport-suite.ts';

const servers = process.env.NATS_URL;

describeTransportSuite(
  'NATS JetStream',
  async () => {
    const prefix = `evct${randomUUID().slice(0, 8)}`;
    // A short ack wait: a subscriber that finds unacked messages waits one ack wait first.
    const transport = await connectNatsTransport({ servers: servers!, prefix, ackWaitMs: 2000 });
    const others: NatsTransport[] = [];
    return {
      transport,
      reconnect: async () => {
        const t = await connectNatsTransport({ servers: servers!, prefix, ackWaitMs: 2000 });
        others.push(t);
        return t;
      },
      cleanup: async () => {
        await transport.deleteStream();
        for (const t of others) await t.close();
        await transport.close();
      },
    };
  },
  { skip: !servers },
);

describe.skipIf(!servers)('NATS JetStream adapter specifics', () => {
  it('creates the stream and one durable per agent, filtered, with explicit acks and de-dup', async () => {
    const prefix = `evct${randomUUID().slice(0, 8)}`;
    const transport = await connectNatsTransport({ servers: servers!, prefix, ackWaitMs: 2000 });
    try {
      const jsm = await jetstreamManager(transport.connection);
      const stream = await jsm.streams.info(transport.stream);
      expect(stream.config.subjects, 'the stream captures the whole namespace').toEqual([`${prefix}.>`]);
      expect(stream.config.duplicate_window, 'Nats-Msg-Id de-dup window is 2 minutes').toBe(nanos(120_000));
      const one = await transport.subscribe({ durable: 'evaluation-engine', subjects: [subjectFilter(prefix, 'A.B.C')], maxInFlight: 77, onMessage: (m) => m.ack() });
      const info = await jsm.consumers.info(transport.stream, 'evaluation-engine');
      expect(info.config.durable_name, 'durable named after the agent').toBe('evaluation-engine');
      expect(info.config.ack_policy, 'explicit acks').toBe(AckPolicy.Explicit);
      expect(info.config.filter_subject, 'filtered to the agent subject').toBe(`${prefix}.A.B.C.*`);
      expect(info.config.max_ack_pending, 'maxInFlight is max_ack_pending').toBe(77);
      expect(info.config.ack_wait).toBe(nanos(2000));
      await one.stop();
      // Several event types: filter_subjects on nats-server ≥ 2.10, else the namespace (client-side filter).
      const two = await transport.subscribe({ durable: 'ui-ux-designer', subjects: [subjectFilter(prefix, 'A.B.C'), subjectFilter(prefix, 'X.Y.Z')], onMessage: (m) => m.ack() });
      const info2 = await jsm.consumers.info(transport.stream, 'ui-ux-designer');
      const [major = 0, minor = 0] = (transport.connection.info?.version ?? '0.0').split('.').map(Number);
      if (major > 2 || minor >= 10) expect(info2.config.filter_subjects).toEqual([`${prefix}.A.B.C.*`, `${prefix}.X.Y.Z.*`]);
      else expect(info2.config.filter_subject).toBe(`${prefix}.>`);
      await two.stop();
    } finally {
      await transport.deleteStream();
      await transport.close();
    }
  });
});

describe('delivery count and PubAck read without parsing', () => {
  const noInfo = { get deliveryCount(): number { throw new Error('fell back to m.info'); } };
  it.each([
    ['old 9-token ack subject', '$JS.ACK.EVC.agent.3.120.77.1700000000000000000.5', 3],
    ['domain/account ack subject (11 tokens)', '$JS.ACK.hub.ACCHASH.EVC.agent.12.120.77.1700000000000000000.5', 12],
    ['domain/account ack subject with trailing token (12 tokens)', '$JS.ACK._.ACCHASH.EVC.agent.1.120.77.1700000000000000000.0.r4nd', 1],
  ])('%s', (_, reply, expected) => {
    expect(deliveryCountOf({ reply, info: noInfo } as never), 'the delivered token, as m.info.deliveryCount would give').toBe(expected);
  });

  it('falls back to m.info for a subject it does not recognise', () => {
    expect(deliveryCountOf({ reply: 'not.an.ack', info: { deliveryCount: 4 } } as never), 'm.info decides').toBe(4);
  });

  const bytes = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['a stored message', '{"stream":"EVC","seq":12}', true],
    ['a duplicate, acknowledged but not stored again', '{"stream":"EVC","seq":12,"duplicate":true}', true],
    ['with a domain', '{"stream":"EVC","domain":"hub","seq":3}', true],
    ['an error response', '{"error":{"code":503,"err_code":10077,"description":"maximum messages exceeded"},"stream":"EVC","seq":0}', false],
    ['an error member after the stream', '{"stream":"EVC","seq":0,"error":{"code":400}}', false],
    ['an empty stream name', '{"stream":"","seq":1}', false],
    ['not JSON', 'nope', false],
  ])('%s', (_, json, expected) => {
    expect(isStoredAck(bytes(json)), expected ? 'settled without JSON.parse' : 'left to the full parse').toBe(expected);
  });
});

describe.skipIf(skipWithout(needsNats))('graceful stop on JetStream hands unfinished messages back', () => {
  it('naks a delivered, unacked message on stop: it is queued for redelivery at once, not after the 30 s ack wait', async () => {
    const prefix = `evct${randomUUID().slice(0, 8)}`;
    const transport = await connectNatsTransport({ servers: servers!, prefix, ackWaitMs: 30_000 });
    try {
      const jsm = await jetstreamManager(transport.connection);
      const held: IncomingMessage[] = [];
      const subjects = [subjectFilter(prefix, 'A.B.C')];
      const first = await transport.subscribe({ durable: 'agent-a', subjects, onMessage: (m) => void held.push(m) });
      await transport.publish({ subject: subjectFor(prefix, 'A.B.C', 'k'), data: new TextEncoder().encode('one'), msgId: 'one', partitionKey: 'k' });
      await expect.poll(() => held.length, { timeout: 5000 }).toBe(1);
      expect((await jsm.consumers.info(transport.stream, 'agent-a')).num_ack_pending, 'the handler holds the message: one ack pending').toBe(1);
      await first.stop();
      // The nak queues it for redelivery now (num_pending: waiting for the next pull). Without
      // it the server keeps it out of the queue until the ack wait (30 s) expires.
      const queue = async () => {
        const info = await jsm.consumers.info(transport.stream, 'agent-a');
        return { waitingForPull: info.num_pending, redelivered: info.num_redelivered };
      };
      await expect.poll(queue, { timeout: 3000, interval: 100 }).toEqual({ waitingForPull: 1, redelivered: 1 });
      const again: IncomingMessage[] = [];
      const second = await transport.subscribe({ durable: 'agent-a', subjects, onMessage: (m) => (again.push(m), m.ack()) });
      await expect.poll(() => again.length, { timeout: 5000 }).toBeGreaterThan(0);
      // At-least-once: what matters here is that the held message comes back, as a redelivery.
      expect([again[0]!.msgId, again[0]!.deliveryCount > 1], 'the same message, delivered again').toEqual(['one', true]);
      await second.stop();
    } finally {
      await transport.deleteStream();
      await transport.close();
    }
  });
});
