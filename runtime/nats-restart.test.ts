/**
 * Restarts on a real JetStream (issues #16 and #17), with the default 30 s ack wait:
 * - a consumer whose process died holding unacked messages is replaced by one that gets
 *   them at once, first and in per-key order (before: it slept a whole ack wait);
 * - a graceful stop under a steady stream of events loses nothing and hands nothing to
 *   the stopped consumer, so the next one starts at once too.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fastRetryPolicy, sleep, testContracts, waitFor } from '#test/faults/support/contracts.ts';
import { natsUrl } from '#test/support/db.ts';
import { needsNats, skipWithout } from '#test/support/requirements.ts';
import { createConsumerRuntime } from './consumer.ts';
import { connectNatsTransport, type NatsTransport } from './nats-transport.ts';
import { createProducerRuntime } from './producer.ts';
import type { Transport } from './transport.ts';

const c = testContracts();

function consumerOn(transport: Transport, handle: (promptId: string, seq: number) => void | Promise<void>) {
  return createConsumerRuntime({
    transport,
    agent: 'evaluation-engine',
    contracts: [c.created, c.updated],
    handlers: { 'Prompt.Lifecycle.Created': (e) => handle(e.payload.promptId, e.payload.seq), 'Prompt.Lifecycle.Updated': () => {} },
    retryPolicy: fastRetryPolicy,
    failureEvent: { contract: c.failed },
    onError: () => {},
  });
}

const inOrder = (log: Array<[string, number]>) => {
  const byKey = new Map<string, number[]>();
  for (const [key, seq] of log) byKey.set(key, [...(byKey.get(key) ?? []), seq]);
  return byKey;
};

describe.skipIf(skipWithout(needsNats))('consumer restarts on JetStream (30 s ack wait)', () => {
  const open: NatsTransport[] = [];
  const connectFresh = async (prefix: string) => {
    const t = await connectNatsTransport({ servers: natsUrl()!, prefix });
    open.push(t);
    return t;
  };
  const cleanup = async () => {
    await open[0]?.deleteStream();
    for (const t of open.splice(0)) await t.close().catch(() => undefined);
  };

  it('a consumer replacing a crashed one gets its unacked messages at once, first, in order', async () => {
    const prefix = `evcrs${randomUUID().slice(0, 8)}`;
    try {
      const crashed = await connectFresh(prefix);
      const producer = createProducerRuntime({ transport: crashed, agent: 'prompt-studio', tenantId: 'acme', contracts: [c.created] });
      let held = 0;
      // The first process takes messages and never finishes them, then dies.
      const first = consumerOn(crashed, () => {
        held++;
        return new Promise<void>(() => {});
      });
      await first.start();
      for (let seq = 0; seq < 10; seq++) for (const key of ['a', 'b']) await producer.send('Prompt.Lifecycle.Created', { promptId: key, seq });
      await waitFor(() => held >= 2, 'the first consumer holds messages');
      await crashed.connection.close(); // a crash: no nak, no ack
      const log: Array<[string, number]> = [];
      const replacement = await connectFresh(prefix);
      const started = performance.now();
      const second = consumerOn(replacement, (key, seq) => void log.push([key, seq]));
      await second.start();
      await waitFor(() => log.length === 20, 'all 20 events on the replacement', 15_000);
      const elapsed = performance.now() - started;
      expect(elapsed, `resumed in ${Math.round(elapsed)} ms, not after the 30 s ack wait`).toBeLessThan(10_000);
      const byKey = inOrder(log);
      expect(byKey.get('a'), 'per-key order kept: the held messages came first').toEqual([...Array(10).keys()]);
      expect(byKey.get('b')).toEqual([...Array(10).keys()]);
      await second.stop();
    } finally {
      await cleanup();
    }
  }, 60_000);

  it('a graceful stop under a steady stream loses nothing and the next consumer starts at once', async () => {
    const prefix = `evcgs${randomUUID().slice(0, 8)}`;
    try {
      const t1 = await connectFresh(prefix);
      const producer = createProducerRuntime({ transport: t1, agent: 'prompt-studio', tenantId: 'acme', contracts: [c.created] });
      const log: Array<[string, number]> = [];
      const handle = async (key: string, seq: number) => {
        log.push([key, seq]);
        await sleep(1);
      };
      const first = consumerOn(t1, handle);
      await first.start();
      const total = 300;
      let stop = false;
      const publishing = (async () => {
        for (let seq = 0; seq < total / 3 && !stop; seq++) {
          await Promise.all(['k1', 'k2', 'k3'].map((promptId) => producer.send('Prompt.Lifecycle.Created', { promptId, seq })));
          await sleep(2);
        }
      })();
      await waitFor(() => log.length >= 60, 'the first consumer is busy');
      await first.stop(); // events keep arriving while it stops
      const t2 = await connectFresh(prefix);
      const restartedAt = performance.now();
      const second = consumerOn(t2, handle);
      await second.start();
      await publishing;
      await waitFor(() => new Set(log.map(([k, s]) => `${k}:${s}`)).size === total, 'every event handled', 15_000);
      expect(performance.now() - restartedAt, 'no ack-wait pause after a graceful stop').toBeLessThan(12_000);
      await sleep(200);
      expect(log.length, 'each event handled exactly once: the stopped consumer took none it did not finish').toBe(total);
      for (const [key, seqs] of inOrder(log)) expect(seqs, `${key}: in order across the two consumers`).toEqual([...Array(total / 3).keys()]);
      stop = true;
      await second.stop();
    } finally {
      await cleanup();
    }
  }, 60_000);
});
