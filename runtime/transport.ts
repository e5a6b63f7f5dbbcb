/**
 * The one small interface between the runtime and a broker. Adapters: in-memory (unit tests)
 * and NATS JetStream. Both pass `transport-suite.ts`. A Kafka adapter would map `subject`'s
 * event type to a topic, `partitionKey` to the record key, `msgId` to an idempotent-producer
 * header, ack to an offset commit and nak(delay) to a retry topic (see the README's runtime section).
 */

export interface OutgoingMessage {
  subject: string;
  data: Uint8Array;
  /** De-duplication id (the eventId); a broker drops a second message with the same id. */
  msgId: string;
  partitionKey: string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly msgId: string;
  readonly partitionKey: string;
  /** 1 on first delivery; +1 on every redelivery (nak, ack timeout, consumer restart). */
  readonly deliveryCount: number;
  readonly headers: Record<string, string>;
  /** Done: never deliver again. */
  ack(): void;
  /** Not done: deliver again after `delayMs` (0 / absent: as soon as possible). */
  nak(delayMs?: number): void;
}

export interface SubscribeOptions {
  /** Durable consumer name (the agent id); its position survives restarts. */
  durable: string;
  /** Subject filters (`<prefix>.<eventType>.*`), one per event type the agent receives. */
  subjects: string[];
  /** Upper bound of delivered-but-unacked messages (JetStream `max_ack_pending`). */
  maxInFlight?: number;
  /** Called synchronously per message, in delivery order. */
  onMessage(message: IncomingMessage): void;
}

export interface Subscription {
  /** Stops delivery. Unacked messages are redelivered to the next subscriber of the durable. */
  stop(): Promise<void>;
}

export interface Transport {
  /** Subject namespace, e.g. `evc`; the runtime builds subjects with `subjectFor`. */
  readonly prefix: string;
  /** Resolves when the broker has stored the message (or dropped it as a duplicate). */
  publish(message: OutgoingMessage): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

/** Header names used on the wire. */
export const PARTITION_KEY_HEADER = 'Evc-Partition-Key';
export const MSG_ID_HEADER = 'Nats-Msg-Id';
