/**
 * The broker-failover scenario shared by runtime/nats-cluster.test.ts and bench:scale:
 * on a three-node JetStream cluster with an R3 stream, producers send a steady stream of
 * events with per-aggregate keys (each aggregate's events strictly one after another,
 * a failed publish retried with the same eventId), a consumer runtime handles them, and
 * mid-stream the stream leader's node is SIGKILLed. Returns what the test asserts and
 * the bench reports.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { createConsumerRuntime } from '#runtime/consumer.ts';
import { connectNatsTransport } from '#runtime/nats-transport.ts';
import { createProducerRuntime } from '#runtime/producer.ts';
import type { EventEnvelope } from '#runtime/types.ts';
import { fastRetryPolicy, sleep, testContracts } from '#test/faults/support/contracts.ts';
import type { NatsCluster } from './nats-cluster.ts';

export interface FailoverOptions {
  aggregates?: number;
  eventsPerAggregate?: number;
  /** Pause between two events of one aggregate. */
  intervalMs?: number;
  /** Kill the leader once this share of all events has been sent. */
  killAt?: number;
}

export interface FailoverReport {
  sent: number;
  handled: number;
  lost: number;
  /** Redeliveries the consumer recognised by eventId and acked without handling. */
  duplicatesAbsorbed: number;
  /** Publishes retried with the same eventId (the stream drops stored ones by Nats-Msg-Id). */
  publishRetries: number;
  /** Aggregates whose events were handled out of order (must be empty). */
  outOfOrder: string[];
  killedNode: string;
  /** From the kill to the first event published after it being handled. */
  failoverMs: number;
  /** Publish start → handled, over events whose publish started in the 10 s after the kill. */
  p95DuringFailoverMs: number;
  p95BeforeMs: number;
  /** The slowest event of the run, publish start → handled (it waited out the failover). */
  maxLatencyMs: number;
  ratePerSecondDuringFailover: number;
  ratePerSecondBefore: number;
}

const p95 = (xs: number[]) => (xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!);

export async function runFailover(cluster: NatsCluster, options: FailoverOptions = {}): Promise<FailoverReport> {
  const aggregates = options.aggregates ?? 10;
  const perAggregate = options.eventsPerAggregate ?? 150;
  const intervalMs = options.intervalMs ?? 20;
  const total = aggregates * perAggregate;
  const c = testContracts();
  const prefix = `evcfo${Date.now().toString(36)}`;
  // Every client knows all three servers, so losing the one it is connected to is a reconnect.
  const producerSide = await connectNatsTransport({ servers: cluster.urls, prefix, replicas: 3, ackWaitMs: 5000 });
  const consumerSide = await connectNatsTransport({ servers: cluster.urls, prefix, replicas: 3, ackWaitMs: 5000 });
  const producer = createProducerRuntime({ transport: producerSide, agent: 'prompt-studio', tenantId: 'acme', contracts: [c.created] });
  const publishStarted = new Map<string, number>();
  const handledAt: Array<{ at: number; latency: number; started: number }> = [];
  const byAggregate = new Map<string, number[]>();
  const consumer = createConsumerRuntime({
    transport: consumerSide,
    agent: 'evaluation-engine',
    contracts: [c.created, c.updated],
    handlers: {
      'Prompt.Lifecycle.Created': (e: EventEnvelope<{ promptId: string; seq: number }>) => {
        const now = performance.now();
        const started = publishStarted.get(e.eventId) ?? now;
        handledAt.push({ at: now, latency: now - started, started });
        const list = byAggregate.get(e.payload.promptId) ?? [];
        list.push(e.payload.seq);
        byAggregate.set(e.payload.promptId, list);
      },
      'Prompt.Lifecycle.Updated': () => {},
    },
    retryPolicy: fastRetryPolicy,
    failureEvent: { contract: c.failed },
    onError: () => {},
  });
  await consumer.start();

  let sent = 0;
  let publishRetries = 0;
  let killedAt = Number.POSITIVE_INFINITY;
  let killedNode = '';
  const killAfter = Math.floor(total * (options.killAt ?? 0.35));
  const jsm = await jetstreamManager(producerSide.connection);
  const killLeader = async () => {
    const info = await jsm.streams.info(producerSide.stream);
    killedNode = info.cluster?.leader ?? '';
    if (!killedNode) throw new Error(`stream ${producerSide.stream} reports no cluster leader: is it replicated?`);
    killedAt = performance.now();
    await cluster.kill(killedNode);
  };
  let killing: Promise<void> | undefined;

  const runAggregate = async (a: number) => {
    const promptId = `agg-${a}`;
    for (let seq = 0; seq < perAggregate; seq++) {
      const event = producer.build('Prompt.Lifecycle.Created', { promptId, seq });
      publishStarted.set(event.eventId, performance.now());
      // At-least-once publishing: retry with the same eventId until the stream stores it.
      for (let attempt = 0; ; attempt++) {
        try {
          await producer.publish(event);
          break;
        } catch (error) {
          if (attempt > 200) throw error;
          publishRetries++;
          await sleep(Math.min(500, 25 * (attempt + 1)));
        }
      }
      sent++;
      if (sent === killAfter) killing = killLeader();
      await sleep(intervalMs);
    }
  };
  await Promise.all(Array.from({ length: aggregates }, (_, a) => runAggregate(a)));
  await killing;
  const deadline = performance.now() + 60_000;
  while (handledAt.length < total && performance.now() < deadline) await sleep(50);
  // Leave time for late redeliveries (acks lost with the leader), which must be absorbed.
  await sleep(6000);
  await consumer.stop();
  await consumerSide.close();
  await producerSide.deleteStream().catch(() => undefined);
  await producerSide.close();

  const outOfOrder = [...byAggregate].filter(([, seqs]) => seqs.some((s, i) => s !== i)).map(([k]) => k);
  const windowEnd = killedAt + 10_000;
  const during = handledAt.filter((h) => h.started >= killedAt && h.started < windowEnd);
  const before = handledAt.filter((h) => h.started < killedAt);
  const firstAfter = handledAt.filter((h) => h.started >= killedAt).map((h) => h.at).sort((x, y) => x - y)[0];
  const span = (xs: typeof handledAt) => (xs.length < 2 ? 1 : (Math.max(...xs.map((h) => h.at)) - Math.min(...xs.map((h) => h.started))) / 1000);
  const handledKeys = [...byAggregate.values()].reduce((n, seqs) => n + new Set(seqs).size, 0);
  return {
    sent,
    handled: handledKeys,
    lost: total - handledKeys,
    duplicatesAbsorbed: consumer.stats.duplicates,
    publishRetries,
    outOfOrder,
    killedNode,
    failoverMs: firstAfter === undefined ? Number.NaN : Math.round(firstAfter - killedAt),
    p95DuringFailoverMs: Math.round(p95(during.map((h) => h.latency))),
    p95BeforeMs: Math.round(p95(before.map((h) => h.latency))),
    maxLatencyMs: Math.round(Math.max(0, ...handledAt.map((h) => h.latency))),
    ratePerSecondDuringFailover: Math.round(during.length / span(during)),
    ratePerSecondBefore: Math.round(before.length / span(before)),
  };
}
