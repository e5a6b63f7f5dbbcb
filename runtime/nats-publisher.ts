import { createInbox } from '@nats-io/transport-node';
import type { MsgHdrs, NatsConnection, Subscription as NatsSubscription } from '@nats-io/transport-node';

/**
 * JetStream publish without `js.publish`: one wildcard inbox subscription for every PubAck,
 * a map of pending publishes, and one coarse timer for timeouts. `js.publish` goes through
 * `nc.request`, which per message allocates a request context, a reply token, a timeout
 * timer and a "cancelled" Error (created after the reply, even with asyncTraces off), and
 * three async layers; at bench:sla rates that was a measurable share of the runtime's CPU.
 * Same wire protocol: the message goes to the subject with a reply inbox; the stream's
 * PubAck (`{ stream, seq, duplicate? }` or `{ error }`) settles the promise.
 */
export interface JetStreamPublisher {
  publish(subject: string, data: Uint8Array, headers: MsgHdrs): Promise<void>;
  close(): void;
}

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
  deadline: number;
  subject: string;
}

const decoder = new TextDecoder();
const STORED_PREFIX = new TextEncoder().encode('{"stream":"');
const ERROR_KEY = new TextEncoder().encode('"error"');

/**
 * The common PubAck, `{"stream":"S","seq":N[,"domain":…][,"duplicate":true]}`, read from the
 * bytes: no string decode or JSON.parse per publish. Anything else (an `error` member, another
 * shape) goes through the full parse below.
 */
export function isStoredAck(data: Uint8Array): boolean {
  if (data.length <= STORED_PREFIX.length + 1 || data[data.length - 1] !== 125 /* } */) return false;
  for (let i = 0; i < STORED_PREFIX.length; i++) if (data[i] !== STORED_PREFIX[i]) return false;
  // The stream name is at least one character: `{"stream":""…` is not a stored ack.
  if (data[STORED_PREFIX.length] === 34 /* " */) return false;
  outer: for (let i = STORED_PREFIX.length; i <= data.length - ERROR_KEY.length; i++) {
    for (let j = 0; j < ERROR_KEY.length; j++) if (data[i + j] !== ERROR_KEY[j]) continue outer;
    return false;
  }
  return true;
}

export function createJetStreamPublisher(nc: NatsConnection, timeoutMs: number): JetStreamPublisher {
  const inboxPrefix = (nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
  const inbox = createInbox(inboxPrefix) + '.';
  const pending = new Map<string, Pending>();
  let seq = 0;
  let closed = false;

  const settle = (token: string, error: Error | undefined): void => {
    const p = pending.get(token);
    if (p === undefined) return; // timed out already
    pending.delete(token);
    if (error === undefined) p.resolve();
    else p.reject(error);
    if (closed && pending.size === 0) cleanup();
  };

  /** After close(): stop listening once every publish already sent has its answer. */
  const cleanup = (): void => {
    clearInterval(sweep);
    if (!nc.isClosed() && !sub.isClosed()) sub.unsubscribe();
  };

  const sub: NatsSubscription = nc.subscribe(`${inbox}*`, {
    callback: (err, msg) => {
      if (err) {
        failAll(err);
        return;
      }
      const token = msg.subject.slice(inbox.length);
      const p = pending.get(token);
      if (p === undefined) return;
      const h = msg.headers;
      if (h !== undefined && (h.code === 503 || (msg.data.length === 0 && h.code >= 300))) {
        settle(token, new Error(`JetStream publish to ${p.subject} failed: ${h.code === 503 ? 'no responders (JetStream not enabled or no stream for the subject)' : `${h.code} ${h.description}`}`));
        return;
      }
      if (isStoredAck(msg.data)) {
        settle(token, undefined);
        return;
      }
      let ack: { stream?: string; error?: { code?: number; err_code?: number; description?: string } };
      try {
        ack = JSON.parse(decoder.decode(msg.data)) as typeof ack;
      } catch (e) {
        settle(token, new Error(`JetStream publish to ${p.subject}: unparseable PubAck: ${(e as Error).message}`));
        return;
      }
      if (ack.error !== undefined) {
        const error = new Error(`JetStream publish to ${p.subject} failed: ${ack.error.description ?? 'error'} (${ack.error.code ?? ''}/${ack.error.err_code ?? ''})`);
        (error as Error & { code?: unknown }).code = ack.error.err_code ?? ack.error.code;
        settle(token, error);
      } else if (typeof ack.stream !== 'string' || ack.stream === '') {
        settle(token, new Error(`JetStream publish to ${p.subject}: invalid ack response`));
      } else {
        settle(token, undefined);
      }
    },
  });

  const failAll = (error: Error): void => {
    for (const [token, p] of pending) {
      pending.delete(token);
      p.reject(error);
    }
  };

  // One coarse timer instead of one per publish: a timeout fires within timeoutMs + 1/4 of it.
  const sweep = setInterval(() => {
    if (pending.size === 0) return;
    const now = Date.now();
    for (const [token, p] of pending) {
      if (p.deadline <= now) {
        pending.delete(token);
        p.reject(new Error(`JetStream publish to ${p.subject} timed out after ${timeoutMs} ms`));
      }
    }
    if (closed && pending.size === 0) cleanup();
  }, Math.max(50, Math.floor(timeoutMs / 4)));
  sweep.unref?.();
  void nc.closed().then(() => {
    clearInterval(sweep);
    failAll(new Error('NATS connection closed'));
  });

  return {
    publish(subject, data, headers) {
      if (closed) return Promise.reject(new Error('JetStream publisher is closed'));
      const token = (seq++).toString(36);
      return new Promise<void>((resolve, reject) => {
        pending.set(token, { resolve, reject, deadline: Date.now() + timeoutMs, subject });
        try {
          nc.publish(subject, data, { reply: inbox + token, headers });
        } catch (error) {
          pending.delete(token);
          reject(error as Error);
        }
      });
    },
    close() {
      if (closed) return;
      closed = true;
      // Publishes already sent still get their PubAck (or time out); then the inbox goes.
      if (pending.size === 0) cleanup();
    },
  };
}
