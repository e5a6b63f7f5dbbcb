import { subjectMatches } from './subjects.ts';
import type { IncomingMessage, OutgoingMessage, SubscribeOptions, Subscription, Transport } from './transport.ts';

/**
 * In-memory broker for unit tests only: one stream, durable consumers with a cursor,
 * explicit acks, delayed nak, redelivery of unacked messages to the next subscriber,
 * `max_ack_pending` flow control and msgId de-duplication. Not for production: nothing
 * survives the process.
 */
export interface MemoryTransport extends Transport {
  /** Every message the broker stored, in order. */
  readonly stored: readonly StoredMessage[];
}

interface StoredMessage {
  seq: number;
  subject: string;
  data: Uint8Array;
  msgId: string;
  partitionKey: string;
  headers: Record<string, string>;
}

interface Pending {
  message: StoredMessage;
  deliveryCount: number;
  timer?: ReturnType<typeof setTimeout> | undefined;
}

interface Durable {
  subjects: string[];
  cursor: number;
  /** Unacked messages by seq (delivered, or nak'd and waiting to be redelivered). */
  unacked: Map<number, Pending>;
  /** Ready to be redelivered, oldest first. */
  redeliver: Pending[];
  active?: { options: SubscribeOptions; generation: number } | undefined;
  generation: number;
  scheduled: boolean;
}

export function createMemoryTransport(options: { prefix?: string } = {}): MemoryTransport {
  const prefix = options.prefix ?? 'evc';
  const stored: StoredMessage[] = [];
  const seenIds = new Set<string>();
  const durables = new Map<string, Durable>();
  let closed = false;

  const schedule = (durable: Durable): void => {
    if (durable.scheduled || !durable.active) return;
    durable.scheduled = true;
    setImmediate(() => {
      durable.scheduled = false;
      pump(durable);
    });
  };

  const deliver = (durable: Durable, pending: Pending): void => {
    const active = durable.active!;
    const generation = active.generation;
    const deliveryCount = ++pending.deliveryCount;
    const live = () => durable.active?.generation === generation && pending.deliveryCount === deliveryCount && durable.unacked.get(pending.message.seq) === pending;
    const { message } = pending;
    const incoming: IncomingMessage = {
      subject: message.subject,
      data: message.data,
      msgId: message.msgId,
      partitionKey: message.partitionKey,
      headers: message.headers,
      deliveryCount,
      ack() {
        // Like JetStream, an ack is honoured even after the subscription stopped.
        if (pending.deliveryCount !== deliveryCount || durable.unacked.get(message.seq) !== pending) return;
        durable.unacked.delete(message.seq);
        schedule(durable);
      },
      nak(delayMs = 0) {
        if (!live() || pending.timer) return;
        pending.timer = setTimeout(() => {
          pending.timer = undefined;
          if (durable.unacked.get(message.seq) !== pending) return;
          durable.redeliver.push(pending);
          schedule(durable);
        }, delayMs);
      },
    };
    active.options.onMessage(incoming);
  };

  const pump = (durable: Durable): void => {
    while (durable.active && durable.redeliver.length > 0) {
      const pending = durable.redeliver.shift()!;
      if (durable.unacked.get(pending.message.seq) === pending) deliver(durable, pending);
    }
    const limit = durable.active?.options.maxInFlight ?? 1000;
    while (durable.active && durable.cursor < stored.length && durable.unacked.size < limit) {
      const message = stored[durable.cursor++]!;
      if (!durable.subjects.some((filter) => subjectMatches(filter, message.subject))) continue;
      const pending: Pending = { message, deliveryCount: 0 };
      durable.unacked.set(message.seq, pending);
      deliver(durable, pending);
    }
  };

  return {
    prefix,
    stored,
    async publish(message: OutgoingMessage) {
      if (closed) throw new Error('memory transport is closed');
      if (seenIds.has(message.msgId)) return; // de-duplicated, like Nats-Msg-Id
      seenIds.add(message.msgId);
      stored.push({
        seq: stored.length + 1,
        subject: message.subject,
        data: message.data,
        msgId: message.msgId,
        partitionKey: message.partitionKey,
        headers: { ...message.headers },
      });
      for (const durable of durables.values()) schedule(durable);
    },
    async subscribe(options: SubscribeOptions): Promise<Subscription> {
      if (closed) throw new Error('memory transport is closed');
      let durable = durables.get(options.durable);
      if (!durable) {
        durable = { subjects: options.subjects, cursor: 0, unacked: new Map(), redeliver: [], generation: 0, scheduled: false };
        durables.set(options.durable, durable);
      }
      if (durable.active) throw new Error(`durable "${options.durable}" already has an active subscriber`);
      durable.subjects = options.subjects;
      const generation = ++durable.generation;
      durable.active = { options, generation };
      schedule(durable);
      const d = durable;
      return {
        async stop() {
          if (d.active?.generation !== generation) return;
          d.active = undefined;
          // Everything not acked goes back to the front, in stream order, for the next subscriber.
          for (const pending of d.unacked.values()) {
            if (pending.timer) clearTimeout(pending.timer);
            pending.timer = undefined;
          }
          d.redeliver = [...d.unacked.values()].sort((a, b) => a.message.seq - b.message.seq);
        },
      };
    },
    async close() {
      closed = true;
      for (const durable of durables.values()) {
        durable.active = undefined;
        for (const pending of durable.unacked.values()) if (pending.timer) clearTimeout(pending.timer);
      }
    },
  };
}
