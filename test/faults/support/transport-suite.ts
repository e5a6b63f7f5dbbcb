/**
 * The one test suite every Transport adapter must pass (in-memory and NATS JetStream).
 * Each test gets a fresh transport with its own subject prefix, so runs never collide.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage, Transport } from '#runtime/index.ts';
import { subjectFilter, subjectFor } from '#runtime/index.ts';
import { sleep, waitFor } from './contracts.ts';

export interface TransportHarness {
  transport: Transport;
  /** A second, independent connection to the same broker and prefix (a restarted process). */
  reconnect(): Promise<Transport>;
  cleanup(): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (m: IncomingMessage) => decoder.decode(m.data);

export function describeTransportSuite(name: string, create: () => Promise<TransportHarness>, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip ?? false)(`Transport contract: ${name}`, () => {
    let harness: TransportHarness | undefined;
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });
    const setup = async () => (harness = await create());
    const send = (t: Transport, type: string, key: string, body: string, msgId = `${type}-${key}-${body}`) =>
      t.publish({ subject: subjectFor(t.prefix, type, key), data: encoder.encode(body), msgId, partitionKey: key, headers: { 'X-Test': body } });

    it('delivers published messages with subject, msgId, partition key and headers', async () => {
      const { transport: t } = await setup();
      const got: IncomingMessage[] = [];
      await t.subscribe({ durable: 'agent-a', subjects: [subjectFilter(t.prefix, 'A.B.C')], onMessage: (m) => { got.push(m); m.ack(); } });
      await send(t, 'A.B.C', 'k 1', 'one');
      await waitFor(() => got.length === 1, 'one delivery');
      const m = got[0]!;
      expect(m.subject, 'subject carries the key token').toBe(subjectFor(t.prefix, 'A.B.C', 'k 1'));
      expect(m.msgId, 'msgId survives the trip').toBe('A.B.C-k 1-one');
      expect(m.partitionKey, 'the raw partition key survives the trip').toBe('k 1');
      expect(m.headers['X-Test'], 'custom headers survive').toBe('one');
      expect(m.deliveryCount, 'first delivery').toBe(1);
      expect(text(m)).toBe('one');
    });

    it('drops a second message with the same msgId (publisher de-duplication)', async () => {
      const { transport: t } = await setup();
      const got: string[] = [];
      await send(t, 'A.B.C', 'k', 'first', 'same-id');
      await send(t, 'A.B.C', 'k', 'second', 'same-id');
      await send(t, 'A.B.C', 'k', 'third', 'other-id');
      await t.subscribe({ durable: 'agent-a', subjects: [subjectFilter(t.prefix, 'A.B.C')], onMessage: (m) => { got.push(text(m)); m.ack(); } });
      await waitFor(() => got.length >= 2, 'two deliveries');
      await sleep(100);
      expect(got, 'the duplicate msgId was not stored').toEqual(['first', 'third']);
    });

    it('filters a durable to its subjects and preserves publish order', async () => {
      const { transport: t } = await setup();
      const got: string[] = [];
      await t.subscribe({
        durable: 'agent-a',
        subjects: [subjectFilter(t.prefix, 'A.B.C'), subjectFilter(t.prefix, 'X.Y.Z')],
        onMessage: (m) => { got.push(text(m)); m.ack(); },
      });
      for (let i = 0; i < 20; i++) await send(t, i % 3 === 2 ? 'Not.Mine.At' : i % 2 ? 'A.B.C' : 'X.Y.Z', 'k', String(i));
      const expected = Array.from({ length: 20 }, (_, i) => i).filter((i) => i % 3 !== 2).map(String);
      await waitFor(() => got.length >= expected.length, 'filtered deliveries');
      await sleep(100);
      expect(got, 'only subscribed event types, in publish order').toEqual(expected);
    });

    it('gives every durable its own copy', async () => {
      const { transport: t } = await setup();
      const a: string[] = [];
      const b: string[] = [];
      const subjects = [subjectFilter(t.prefix, 'A.B.C')];
      await t.subscribe({ durable: 'agent-a', subjects, onMessage: (m) => { a.push(text(m)); m.ack(); } });
      await t.subscribe({ durable: 'agent-b', subjects, onMessage: (m) => { b.push(text(m)); m.ack(); } });
      await send(t, 'A.B.C', 'k', 'x');
      await waitFor(() => a.length === 1 && b.length === 1, 'a copy each');
    });

    it('redelivers after nak(delay), not before, with the delivery count increased', async () => {
      const { transport: t } = await setup();
      const deliveries: { at: number; count: number }[] = [];
      await t.subscribe({
        durable: 'agent-a',
        subjects: [subjectFilter(t.prefix, 'A.B.C')],
        onMessage: (m) => {
          deliveries.push({ at: Date.now(), count: m.deliveryCount });
          if (m.deliveryCount === 1) m.nak(300);
          else m.ack();
        },
      });
      await send(t, 'A.B.C', 'k', 'x');
      await waitFor(() => deliveries.length === 2, 'the redelivery');
      expect(deliveries.map((d) => d.count), 'delivery count goes 1 → 2').toEqual([1, 2]);
      expect(deliveries[1]!.at - deliveries[0]!.at, 'the delay is honoured').toBeGreaterThanOrEqual(250);
      await sleep(150);
      expect(deliveries, 'acked: no third delivery').toHaveLength(2);
    });

    it('redelivers unacked messages to the next subscriber of the durable, and not acked ones', async () => {
      const { transport: t } = await setup();
      const subjects = [subjectFilter(t.prefix, 'A.B.C')];
      const first: string[] = [];
      const sub = await t.subscribe({ durable: 'agent-a', subjects, onMessage: (m) => { first.push(text(m)); if (text(m) === 'acked') m.ack(); } });
      await send(t, 'A.B.C', 'k', 'acked');
      await send(t, 'A.B.C', 'k', 'unacked');
      await waitFor(() => first.length === 2, 'both delivered once');
      await sub.stop();
      const t2 = await harness!.reconnect();
      const second: IncomingMessage[] = [];
      await t2.subscribe({ durable: 'agent-a', subjects, onMessage: (m) => { second.push(m); m.ack(); } });
      await send(t2, 'A.B.C', 'k', 'later');
      await waitFor(() => second.length >= 2, 'redelivery and the new message');
      await sleep(100);
      // At-least-once: JetStream may hand the unacked message out more than once here (a
      // pull request of the stopped subscriber stays open on a 2.9 server until it expires),
      // so compare first occurrences; the runtime's idempotency store absorbs the repeats.
      expect([...new Set(second.map(text))], 'the acked message is not redelivered; the unacked one comes first').toEqual(['unacked', 'later']);
      // Not asserted as 2: nats-server 2.9 does not count a delivery handed back by a nak
      // without an open pull request. A crashed subscriber's redelivery (ack wait) is
      // counted; the SIGKILL fault test covers that path.
      expect(second[0]!.deliveryCount, 'a redelivery carries a delivery count').toBeGreaterThanOrEqual(1);
    });

    it('honours maxInFlight: no more unacked messages than allowed', async () => {
      const { transport: t } = await setup();
      const held: IncomingMessage[] = [];
      await t.subscribe({ durable: 'agent-a', subjects: [subjectFilter(t.prefix, 'A.B.C')], maxInFlight: 5, onMessage: (m) => held.push(m) });
      for (let i = 0; i < 12; i++) await send(t, 'A.B.C', 'k', String(i));
      await waitFor(() => held.length === 5, 'five deliveries');
      await sleep(200);
      expect(held, 'the sixth waits for an ack').toHaveLength(5);
      held.splice(0).forEach((m) => m.ack());
      await waitFor(() => held.length === 5, 'the next five');
      expect(held.map(text), 'continues in order after acks').toEqual(['5', '6', '7', '8', '9']);
      held.forEach((m) => m.ack());
    });
  });
}
