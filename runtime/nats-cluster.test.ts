/**
 * The runtime on a three-node JetStream cluster (issue #16): an R3 stream, a steady
 * stream of per-aggregate events, the stream leader's node SIGKILLed mid-stream.
 * 0 events lost, every duplicate absorbed (each event handled once), per-aggregate order
 * kept; the rate and p95 during the failover are printed (bench:scale records them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsCluster, needsNatsServer, type NatsCluster } from '#test/support/nats-cluster.ts';
import { runFailover } from '#test/support/jetstream-failover.ts';
import { skipWithout } from '#test/support/requirements.ts';

describe.skipIf(skipWithout(needsNatsServer))('three-node JetStream cluster: the stream leader dies mid-stream', () => {
  let cluster: NatsCluster;
  beforeAll(async () => {
    cluster = await startNatsCluster(3);
  }, 90_000);
  afterAll(async () => cluster?.stop());

  it('loses nothing, absorbs duplicates, keeps per-aggregate order', async () => {
    const report = await runFailover(cluster, { aggregates: 8, eventsPerAggregate: 120, intervalMs: 20 });
    console.log(`jetstream failover: ${JSON.stringify(report)}`);
    expect(report.killedNode, 'a leader was found and killed').toMatch(/^n[123]$/);
    expect(report.sent, 'every event was eventually stored').toBe(8 * 120);
    expect(report.lost, 'no event lost').toBe(0);
    expect(report.handled, 'each event handled exactly once (duplicates absorbed by idempotency)').toBe(8 * 120);
    expect(report.outOfOrder, 'per-aggregate order kept across the failover').toEqual([]);
    expect(Number.isFinite(report.failoverMs), 'events flow again after the failover').toBe(true);
  }, 240_000);
});
