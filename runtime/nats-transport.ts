import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import type { ConsumerConfig, ConsumerInfo, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { createJetStreamPublisher } from './nats-publisher.ts';
import { compileSubjectFilters, deadLetterRoot } from './subjects.ts';
import { MSG_ID_HEADER, PARTITION_KEY_HEADER } from './transport.ts';
import type { IncomingMessage, OutgoingMessage, SubscribeOptions, Subscription, Transport } from './transport.ts';

export interface NatsTransportOptions {
  /** e.g. `nats://127.0.0.1:4222`; ignored when `connection` is given. */
  servers?: string | string[];
  /** An existing connection; the transport then does not close it. */
  connection?: NatsConnection;
  /** Subject namespace; the stream captures `<prefix>.>`. Default `evc`. */
  prefix?: string;
  /** Stream name; default the prefix upper-cased with unsafe characters replaced. */
  stream?: string;
  /** How long a delivered message may stay unacked before JetStream redelivers it. Default 30 s. */
  ackWaitMs?: number;
  /** Window in which a repeated `Nats-Msg-Id` (eventId) is dropped. Default 2 min. */
  duplicateWindowMs?: number;
  /**
   * Copies of the stream (and its consumers) kept by a JetStream cluster: 3 survives the
   * loss of one node. Default 1 (a single server). Applies when the stream is created.
   */
  replicas?: number;
  /**
   * Capture a stack trace for every request (each JetStream publish is one) so a timeout
   * points at its caller. Default false: it costs an Error per publish on the hot path.
   */
  asyncTraces?: boolean;
}

export interface NatsTransport extends Transport {
  readonly stream: string;
  readonly connection: NatsConnection;
  /** Deletes the stream (and so every durable consumer on it). For tests and teardown. */
  deleteStream(): Promise<void>;
  deleteConsumer(durable: string): Promise<void>;
}

/**
 * JetStream adapter. One stream per prefix (file storage, `Nats-Msg-Id` de-duplication);
 * one durable pull consumer per agent, filtered to that agent's subjects, with explicit
 * acks; `nak(delay)` is JetStream's delayed redelivery.
 */
export async function connectNatsTransport(options: NatsTransportOptions): Promise<NatsTransport> {
  const prefix = options.prefix ?? 'evc';
  const stream = options.stream ?? prefix.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const owned = options.connection === undefined;
  const nc = options.connection ?? (await connect({ servers: options.servers ?? 'nats://127.0.0.1:4222', noAsyncTraces: !(options.asyncTraces ?? false) }));
  try {
    const jsm = await jetstreamManager(nc);
    const replicas = options.replicas ?? 1;
    await ensureStream(jsm, stream, prefix, options.duplicateWindowMs ?? 120_000, replicas);
    // Dead letters: a stream of their own beside the namespace (see deadLetterSubject).
    await ensureStream(jsm, `${stream}_DLQ`, deadLetterRoot(prefix), options.duplicateWindowMs ?? 120_000, replicas);
    return createAdapter({ nc, jsm, js: jetstream(nc), prefix, stream, ackWaitMs, owned });
  } catch (error) {
    if (owned) await nc.close();
    throw error;
  }
}

async function ensureStream(jsm: JetStreamManager, name: string, prefix: string, duplicateWindowMs: number, replicas: number): Promise<void> {
  // (also used for the dead-letter stream, whose root is `<prefix>_dlq`)
  const config = { name, subjects: [`${prefix}.>`], storage: StorageType.File, duplicate_window: nanos(duplicateWindowMs), num_replicas: replicas };
  try {
    await jsm.streams.info(name);
    return;
  } catch {
    // not found: create below
  }
  try {
    await jsm.streams.add(config);
  } catch (error) {
    // Another process may have created it between info and add.
    await jsm.streams.info(name).catch(() => {
      throw new Error(`cannot create JetStream stream "${name}" for "${prefix}.>": ${(error as Error).message}`);
    });
  }
}

interface AdapterParts {
  nc: NatsConnection;
  jsm: JetStreamManager;
  js: JetStreamClient;
  prefix: string;
  stream: string;
  ackWaitMs: number;
  owned: boolean;
}

/** Multiple filter subjects per consumer need nats-server ≥ 2.10. */
function supportsFilterSubjects(nc: NatsConnection): boolean {
  const [major = 0, minor = 0] = (nc.info?.version ?? '0.0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

/** How long a publish waits for the stream's PubAck (the JetStream client's default). */
const PUBLISH_TIMEOUT_MS = 5_000;

function createAdapter(parts: AdapterParts): NatsTransport {
  const { nc, jsm, js, prefix, stream, ackWaitMs, owned } = parts;
  const subscriptions = new Set<Subscription>();
  const publisher = createJetStreamPublisher(nc, PUBLISH_TIMEOUT_MS);

  return {
    prefix,
    stream,
    connection: nc,
    publish(message: OutgoingMessage): Promise<void> {
      // Nats-Msg-Id: a second publish of the same eventId inside the duplicate window is
      // acknowledged as a duplicate and not stored.
      const h = natsHeaders();
      h.set(MSG_ID_HEADER, message.msgId);
      // The subject's last token is the key whenever the key is a safe token (the common
      // case, see keyToken); only other keys (percent-encoded in the subject) need the header.
      const key = message.partitionKey;
      const subject = message.subject;
      const keyInSubject = key !== '' && subject.endsWith(key) && subject.charCodeAt(subject.length - key.length - 1) === 46 /* . */ && key.indexOf('%') === -1 && key.indexOf('.') === -1;
      if (!keyInSubject) h.set(PARTITION_KEY_HEADER, key);
      if (message.headers) for (const [k, v] of Object.entries(message.headers)) h.set(k, v);
      return publisher.publish(subject, message.data, h);
    },
    async subscribe(options: SubscribeOptions): Promise<Subscription> {
      const config = consumerConfig(options, prefix, ackWaitMs, supportsFilterSubjects(nc));
      const info = await ensureConsumer(jsm, stream, config);
      if (info.num_ack_pending > 0) await reclaimUnacked(jsm, stream, info, ackWaitMs);
      // Without server-side multi-filter (nats-server < 2.10) the durable sees the whole
      // stream in order; events the agent does not receive are acked and skipped here.
      const clientFilter = config.filter_subject === `${prefix}.>` && !options.subjects.includes(`${prefix}.>`) ? compileSubjectFilters(options.subjects) : undefined;
      const consumer = await js.consumers.get(stream, options.durable);
      const outstanding = new Set<NatsIncoming>();
      let stopping = false;
      const messages = await consumer.consume({
        max_messages: Math.max(1, Math.min(options.maxInFlight ?? 1000, 1000)),
        callback: (m: JsMsg) => {
          // Already pulled when stop began: hand it straight back, never to a stopped consumer.
          if (stopping) {
            m.nak();
            return;
          }
          if (clientFilter !== undefined && !clientFilter(m.subject)) {
            m.ack();
            return;
          }
          const incoming = new NatsIncoming(m, outstanding);
          outstanding.add(incoming);
          options.onMessage(incoming);
        },
      });
      const subscription: Subscription = {
        async stop() {
          if (!subscriptions.delete(subscription)) return;
          // Graceful stop: no more deliveries to the handler (late ones are nak'd by the
          // callback), stop pulling, then hand back what was delivered but not finished,
          // so the next subscriber gets it now instead of after ack_wait.
          stopping = true;
          await messages.close();
          const handedBack = outstanding.size;
          for (const m of outstanding) m.nak();
          outstanding.clear();
          // The naks are fire-and-forget publishes: wait until the server has them, so a
          // subscriber started after stop() resolves finds the messages queued already.
          if (handedBack > 0 && !nc.isClosed()) await nc.flush().catch(() => {});
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },
    async close() {
      for (const s of [...subscriptions]) await s.stop();
      publisher.close();
      if (owned && !nc.isClosed()) await nc.drain();
    },
    async deleteStream() {
      await jsm.streams.delete(stream).catch(() => false);
      await jsm.streams.delete(`${stream}_DLQ`).catch(() => false);
    },
    async deleteConsumer(durable: string) {
      await jsm.consumers.delete(stream, durable).catch(() => false);
    },
  };
}

/**
 * A previous subscriber of this durable died with messages unacked. JetStream redelivers
 * them only when their ack wait expires (30 s by default) and meanwhile hands out newer
 * messages first, which would break per-key order. When nobody else is pulling from the
 * durable (`num_waiting` 0: the holder is gone), shrinking the ack wait for a moment makes
 * the server queue those messages for redelivery at once; they then come before anything
 * new, so order holds and the restart costs ~¼ s instead of an ack wait. When another
 * subscriber is still pulling, its messages may be in progress: wait the ack wait out.
 */
async function reclaimUnacked(jsm: JetStreamManager, stream: string, info: ConsumerInfo, ackWaitMs: number): Promise<void> {
  const RECLAIM_ACK_WAIT_MS = 50;
  if (info.num_waiting > 0 || ackWaitMs <= RECLAIM_ACK_WAIT_MS * 5) {
    await new Promise((resolve) => setTimeout(resolve, ackWaitMs + 250));
    return;
  }
  const { durable_name: durable, deliver_policy: _deliver, ...config } = info.config;
  await jsm.consumers.update(stream, durable!, { ...config, ack_wait: nanos(RECLAIM_ACK_WAIT_MS) });
  try {
    // The server's redelivery timer runs on the new ack wait; a few periods are plenty.
    await new Promise((resolve) => setTimeout(resolve, RECLAIM_ACK_WAIT_MS * 5));
  } finally {
    // Restored even on error; a crash here is repaired by the next subscribe's ensureConsumer.
    await jsm.consumers.update(stream, durable!, { ...config, ack_wait: nanos(ackWaitMs) });
  }
}

function consumerConfig(options: SubscribeOptions, prefix: string, ackWaitMs: number, multiFilter: boolean): Partial<ConsumerConfig> {
  const config: Partial<ConsumerConfig> = {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(ackWaitMs),
    max_ack_pending: options.maxInFlight ?? 1000,
    // Attempts are counted by the runtime's retry policy, which always ends in an ack.
    max_deliver: -1,
  };
  if (options.subjects.length === 1) config.filter_subject = options.subjects[0]!;
  else if (multiFilter) config.filter_subjects = options.subjects;
  else config.filter_subject = `${prefix}.>`;
  return config;
}

async function ensureConsumer(jsm: JetStreamManager, stream: string, config: Partial<ConsumerConfig>): Promise<ConsumerInfo> {
  try {
    return await jsm.consumers.add(stream, config);
  } catch (error) {
    // The durable exists with another config (e.g. the agent now receives more events).
    try {
      const { durable_name: _name, deliver_policy: _deliver, ...update } = config;
      return await jsm.consumers.update(stream, config.durable_name!, update);
    } catch (updateError) {
      throw new Error(
        `cannot create or update durable consumer "${config.durable_name}" on stream "${stream}": ` +
          `${(error as Error).message}; update failed too: ${(updateError as Error).message}. ` +
          `Delete the consumer (nats consumer rm ${stream} ${config.durable_name}) if its filter must change.`,
      );
    }
  }
}

class NatsIncoming implements IncomingMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly msgId: string;
  readonly partitionKey: string;
  readonly deliveryCount: number;
  constructor(
    private readonly m: JsMsg,
    private readonly outstanding: Set<NatsIncoming>,
  ) {
    this.subject = m.subject;
    this.data = m.data;
    const h = m.headers;
    this.msgId = h?.get(MSG_ID_HEADER) ?? '';
    // A subject token without `%` is the key itself (see keyToken); only an encoded token
    // needs the Evc-Partition-Key header (a header lookup per message is measurable).
    const token = m.subject.slice(m.subject.lastIndexOf('.') + 1);
    this.partitionKey = token.indexOf('%') === -1 ? token : h !== undefined && h.has(PARTITION_KEY_HEADER) ? h.get(PARTITION_KEY_HEADER) : decodeToken(token);
    this.deliveryCount = deliveryCountOf(m);
  }
  get headers(): Record<string, string> {
    const out: Record<string, string> = {};
    if (this.m.headers) for (const [k, v] of this.m.headers) out[k] = v.join(',');
    return out;
  }
  ack(): void {
    this.outstanding.delete(this);
    this.m.ack();
  }
  nak(delayMs?: number): void {
    this.outstanding.delete(this);
    this.m.nak(delayMs);
  }
}

/**
 * The delivery count from the ack subject, without `m.info` (which splits the whole subject
 * and builds a ten-field object per message). Formats (nats-server ADR-15):
 * `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<dseq>.<ts>.<pending>` (9 tokens) and
 * `$JS.ACK.<domain>.<account>.<stream>.<consumer>.<delivered>.…` (11 or more tokens).
 */
export function deliveryCountOf(m: Pick<JsMsg, 'info'>): number {
  // The JsMsg type does not declare `reply`; the client's message class has it.
  const reply = (m as { reply?: unknown }).reply;
  if (typeof reply === 'string' && reply.startsWith('$JS.ACK.')) {
    let dots = 0;
    for (let i = reply.indexOf('.'); i !== -1; i = reply.indexOf('.', i + 1)) dots++;
    const token = dots === 8 ? 4 : dots >= 10 ? 6 : -1;
    if (token !== -1) {
      let start = 0;
      for (let t = 0; t < token; t++) start = reply.indexOf('.', start) + 1;
      const n = Number(reply.slice(start, reply.indexOf('.', start)));
      if (Number.isInteger(n) && n > 0) return n;
    }
  }
  return m.info.deliveryCount;
}

function decodeToken(token: string): string {
  if (token === '%') return '';
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}
