/**
 * `npm run bench:sla` — the seed's SLA end to end over the real NATS JetStream server:
 * the *generated* producer (prompt-engineering-specialist) → JetStream → the *generated*
 * consumer (real-time-features-specialist), against the raw @nats-io/jetstream client doing
 * the same (same events, aggregates, publish window, durable pull consumer, explicit acks)
 * in the same run. Events: Prompt.Lifecycle.Updated, partitioned by promptId.
 * Targets: ≥ 10,000 events/s, p95 < 100 ms, ≥ 0.8× raw throughput, 0 lost, 0 order violations.
 *
 * Two phases per side, on one stream and one durable consumer:
 *  - throughput: SLA_EVENTS events published as fast as acks allow (SLA_WINDOW in flight);
 *    events/s is first send → last receipt. Latency here is mostly queueing (Little's law).
 *  - latency: SLA_LATENCY_EVENTS more events on other aggregates, published open-loop at the
 *    document's x-sla.throughputPerSecond; p50/p95/p99 are send call → handler call.
 *
 * Options: NATS_URL (default nats://127.0.0.1:4222), SLA_EVENTS (100000), SLA_AGGREGATES (1000),
 * SLA_WINDOW (publishes in flight, 1000), SLA_LATENCY_EVENTS (50000), SLA_ROUNDS (1; raw then runtime).
 * Diagnostics: SLA_ONLY (raw | evc), SLA_RATE (paced rate instead of the document's),
 * SLA_TIMELINE=1 (paced latency by send time, event-loop delay, runtime delivery → handler).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { connectNatsTransport } from '#runtime/index.ts';
import { loadCatalog } from '#catalog/load.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { createProducer } from '../../generated/prompt-engineering-specialist/producer.ts';
import { createConsumer } from '../../generated/real-time-features-specialist/consumer.ts';
import type { PromptLifecycleUpdatedPayload } from '../../generated/prompt-engineering-specialist/types.ts';
import { paced, pipeline, SlaRecorder } from './sla-measure.ts';
import type { SlaResult } from './sla-measure.ts';

const servers = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const total = Number(process.env.SLA_EVENTS ?? '100000');
const aggregates = Number(process.env.SLA_AGGREGATES ?? '1000');
const window = Number(process.env.SLA_WINDOW ?? '1000');
const latencyEvents = Number(process.env.SLA_LATENCY_EVENTS ?? '50000');
const rounds = Number(process.env.SLA_ROUNDS ?? '1');
const perAggregate = Math.ceil(total / aggregates);

const catalog = await loadCatalog(`${repoRoot}/asyncapi/prompt-platform.yaml`);
const example = catalog.events.find((e) => e.eventType === 'Prompt.Lifecycle.Updated')?.examples[0] as { payload: PromptLifecycleUpdatedPayload } | undefined;
if (!example) throw new Error('the seed has no Prompt.Lifecycle.Updated example');
const rate = Number(process.env.SLA_RATE ?? catalog.sla?.throughputPerSecond ?? 10_000);
const latencyPerAggregate = Math.ceil(latencyEvents / aggregates);

/** read/write syscalls of this process so far (Linux /proc/self/io; zeros elsewhere). */
function syscalls(): { reads: number; writes: number } {
  try {
    const io = readFileSync('/proc/self/io', 'utf8');
    return { reads: Number(/syscr: (\d+)/.exec(io)?.[1] ?? 0), writes: Number(/syscw: (\d+)/.exec(io)?.[1] ?? 0) };
  } catch {
    return { reads: 0, writes: 0 };
  }
}

/** Resolves after `ms` without keeping the process alive once the run is over. */
const timeout = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** One phase: its own aggregates (promptIds) and its own recorder. */
interface Phase {
  rec: SlaRecorder;
  ids: string[];
}
const phase = (name: string, per: number): Phase => ({ rec: new SlaRecorder(aggregates, per), ids: Array.from({ length: aggregates }, (_, a) => `prm_${name}_${a}`) });
const payloadFor = (p: Phase, a: number, seq: number): PromptLifecycleUpdatedPayload => ({ ...example.payload, promptId: p.ids[a]!, sequence: seq + 1 });
const order = (i: number) => ({ a: i % aggregates, seq: Math.floor(i / aggregates) }); // round-robin over aggregates

/** Routes a received (promptId, sequence) to its phase's recorder. */
function router(phases: Phase[]): (promptId: string, sequence: number) => void {
  const index = new Map<string, [SlaRecorder, number]>();
  for (const p of phases) p.ids.forEach((id, a) => index.set(id, [p.rec, a]));
  return (promptId, sequence) => {
    const [rec, a] = index.get(promptId)!;
    rec.received_(a, sequence - 1);
  };
}

/** Runs both phases through `send`; returns [throughput, latency] results. */
async function runPhases(label: string, throughput: Phase, latency: Phase, send: (p: Phase, a: number, seq: number) => Promise<unknown>): Promise<[SlaResult, SlaResult]> {
  const cpuStart = process.cpuUsage();
  await pipeline(throughput.rec.total, window, (i) => {
    const { a, seq } = order(i);
    throughput.rec.sent(a, seq);
    return send(throughput, a, seq);
  });
  await Promise.race([throughput.rec.finished, timeout(120_000)]);
  const cpu = process.cpuUsage(cpuStart);
  const throughputResult = throughput.rec.result(`${label}, throughput`);
  throughputResult.cpuMicrosPerEvent = (cpu.user + cpu.system) / throughputResult.events;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const pacedCpu = process.cpuUsage();
  const pacedIo = syscalls();
  await paced(latency.rec.total, rate, (i) => {
    const { a, seq } = order(i);
    latency.rec.sent(a, seq);
    return send(latency, a, seq);
  });
  await Promise.race([latency.rec.finished, timeout(60_000)]);
  const pacedCpuUsed = process.cpuUsage(pacedCpu);
  const pacedIoUsed = syscalls();
  loopDelay.disable();
  await new Promise((r) => setTimeout(r, 500)); // late duplicates would show up here
  const latencyResult = latency.rec.result(`${label}, ${rate.toLocaleString('en-US')}/s paced`);
  latencyResult.cpuMicrosPerEvent = (pacedCpuUsed.user + pacedCpuUsed.system) / latencyResult.events;
  if (process.env.SLA_TIMELINE) {
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    const perEvent = (n: number) => (n / latency.rec.total).toFixed(2);
    console.log(`${label}, paced: event-loop delay p50 ${ms(loopDelay.percentile(50))} p99 ${ms(loopDelay.percentile(99))} max ${ms(loopDelay.max)} ms; read/write syscalls per event ${perEvent(pacedIoUsed.reads - pacedIo.reads)}/${perEvent(pacedIoUsed.writes - pacedIo.writes)}`);
    for (const row of latency.rec.timeline(250)) console.log(`  ${row}`);
  }
  return [throughputResult, latencyResult];
}

async function runRuntime(): Promise<SlaResult[]> {
  const prefix = `evcsla${randomUUID().slice(0, 8)}`;
  const transport = await connectNatsTransport({ servers, prefix });
  const throughput = phase('tp', perAggregate);
  const latency = phase('lat', latencyPerAggregate);
  const receive = router([throughput, latency]);
  const noop = () => {};
  // Diagnostic (SLA_TIMELINE=1): time from the transport's delivery to the handler call, paced phase.
  const arrivals = process.env.SLA_TIMELINE ? new Map<string, number>() : undefined;
  const waits: number[] = [];
  if (arrivals !== undefined) {
    const subscribe = transport.subscribe.bind(transport);
    transport.subscribe = (o) => subscribe({ ...o, onMessage: (m) => (arrivals.set(m.msgId, performance.now()), o.onMessage(m)) });
  }
  const consumer = createConsumer({
    transport,
    concurrency: 256,
    maxInFlight: 8192,
    handlers: {
      'Prompt.Lifecycle.Updated': (e) => {
        const at = arrivals?.get(e.eventId);
        if (at !== undefined && e.payload.promptId.startsWith('prm_lat')) waits.push(performance.now() - at);
        receive(e.payload.promptId, e.payload.sequence);
      },
      'Prompt.Lifecycle.Created': noop,
      'Prompt.Lifecycle.Published': noop,
      'Workflow.Execution.Started': noop,
    },
  });
  await consumer.start();
  const producer = createProducer({ transport, tenantId: 'acme-corp' });
  const options = { correlationId: 'req-bench' };
  const results = await runPhases('evc runtime (generated producer → JetStream → generated consumer)', throughput, latency, (p, a, seq) =>
    producer.send.promptLifecycleUpdated(payloadFor(p, a, seq), options),
  );
  if (arrivals !== undefined) {
    waits.sort((x, y) => x - y);
    const at = (p: number) => (waits[Math.floor(p * (waits.length - 1))] ?? Number.NaN).toFixed(1);
    console.log(`evc runtime, paced: delivery → handler p50 ${at(0.5)} p95 ${at(0.95)} max ${at(1)} ms`);
  }
  await consumer.stop();
  await transport.deleteStream();
  await transport.close();
  return results;
}

async function runRaw(): Promise<SlaResult[]> {
  const prefix = `rawsla${randomUUID().slice(0, 8)}`;
  const stream = prefix.toUpperCase();
  const nc = await connect({ servers, noAsyncTraces: true }); // as the runtime's transport does
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`], storage: StorageType.File });
  await jsm.consumers.add(stream, { durable_name: 'raw', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, max_ack_pending: 8192, filter_subject: `${prefix}.Prompt.Lifecycle.Updated.*` });
  const js = jetstream(nc);
  const throughput = phase('tp', perAggregate);
  const latency = phase('lat', latencyPerAggregate);
  const receive = router([throughput, latency]);
  const decoder = new TextDecoder();
  const messages = await (await js.consumers.get(stream, 'raw')).consume({
    max_messages: 1000,
    callback: (m) => {
      const e = JSON.parse(decoder.decode(m.data)) as { payload: PromptLifecycleUpdatedPayload };
      receive(e.payload.promptId, e.payload.sequence);
      m.ack();
    },
  });
  const results = await runPhases('raw @nats-io/jetstream (no envelope, validation or ordering logic)', throughput, latency, (p, a, seq) => {
    const eventId = randomUUID();
    const event = {
      eventId, eventType: 'Prompt.Lifecycle.Updated', timestamp: new Date().toISOString(), version: '1.0.0',
      correlationId: 'req-bench', causationId: eventId, metadata: { source: 'prompt-engineering-specialist', tenantId: 'acme-corp' },
      payload: payloadFor(p, a, seq),
    };
    return js.publish(`${prefix}.Prompt.Lifecycle.Updated.${p.ids[a]}`, JSON.stringify(event), { msgID: eventId });
  });
  await messages.close();
  await jsm.streams.delete(stream);
  await nc.drain();
  return results;
}

const results: SlaResult[] = [];
const only = process.env.SLA_ONLY; // 'raw' | 'evc' for profiling one side; the figures need both
for (let r = 0; r < rounds; r++) {
  if (only !== 'evc') results.push(...(await runRaw()));
  if (only !== 'raw') results.push(...(await runRuntime()));
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => n.toFixed(1);
console.log(`bench:sla — throughput phase ${fmt(aggregates * perAggregate)} events over ${fmt(aggregates)} aggregates (${fmt(window)} publishes in flight); latency phase ${fmt(aggregates * latencyPerAggregate)} events paced at ${fmt(rate)}/s; ${servers}; node ${process.version}`);
console.log('| run | events | events/s | p50 ms | p95 ms | p99 ms | lost | duplicates | order violations | CPU µs/event |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const x of results) console.log(`| ${x.label} | ${fmt(x.events)} | ${fmt(x.eventsPerSecond)} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.p99)} | ${x.lost} | ${x.duplicates} | ${x.orderViolations} | ${x.cpuMicrosPerEvent === undefined ? '' : fmt(x.cpuMicrosPerEvent)} |`);
const pick = (side: string, kind: string) => results.filter((x) => x.label.startsWith(side) && x.label.includes(kind));
const bestRate = (side: string) => Math.max(...pick(side, 'throughput').map((x) => x.eventsPerSecond));
const ratio = bestRate('evc') / bestRate('raw');
const worstP95 = Math.max(...pick('evc', 'paced').map((x) => x.p95));
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log(`runtime throughput ${fmt(bestRate('evc'))} events/s (target ≥ 10,000) — ${verdict(bestRate('evc') >= 10_000)}`);
console.log(`runtime p95 at ${fmt(rate)}/s: ${ms(worstP95)} ms (target < 100) — ${verdict(worstP95 < 100)}`);
console.log(`runtime / raw throughput ${ratio.toFixed(2)} (target ≥ 0.80) — ${verdict(ratio >= 0.8)}`);
const clean = results.filter((x) => x.label.startsWith('evc')).every((x) => x.lost === 0 && x.orderViolations === 0 && x.duplicates === 0);
console.log(`runtime: lost 0, duplicates 0, order violations 0 — ${verdict(clean)}`);
process.exitCode = clean ? 0 : 1;
