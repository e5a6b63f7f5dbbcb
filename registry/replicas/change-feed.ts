/**
 * Cross-instance cache invalidation. Every `evc serve` on one PostgreSQL database LISTENs
 * on one channel; after a write an instance NOTIFYs it (PostgreSQL delivers a NOTIFY to
 * every listener once the sending transaction commits, docs "NOTIFY"), and every instance,
 * the writer included, clears its short-lived read caches.
 *
 * Two rules make this read-your-writes rather than "usually fresh":
 * - `announce()` resolves only when every other live instance has acknowledged the notice
 *   (or after `ackTimeoutMs`): the answer to the write leaves after they cleared.
 * - while the listening connection is down, `live` is false and the caches serve nothing
 *   (see ReadCache's `shouldCache`): a missed notice can never leave a stale entry behind;
 *   on reconnect everything is cleared once.
 * PGlite is single-process: `localChangeFeed` just clears the local caches.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Database } from '#registry/db/connect.ts';

export const CHANGE_CHANNEL = 'evc_registry_changed';

export interface ChangeFeed {
  /** False while notices from other instances may be missed; caches must not serve then. */
  readonly live: boolean;
  /**
   * Resolves once notices that already reached this process have been handled. A cache
   * hit waits for it: the poll phase that read the HTTP request may also hold a notice
   * not yet dispatched, and one setImmediate lets it run first.
   */
  settle?: () => Promise<void>;
  /** Runs `listener` on every change seen (own or another instance's) and on reconnect. */
  onChange(listener: () => void): void;
  /** Tells every instance that data changed; resolves once the others acknowledged it. */
  announce(): Promise<void>;
  close(): Promise<void>;
}

export function localChangeFeed(): ChangeFeed {
  const listeners: (() => void)[] = [];
  return {
    live: true,
    onChange: (listener) => void listeners.push(listener),
    announce: async () => {
      for (const listener of listeners) listener();
    },
    close: async () => {},
  };
}

export interface PostgresChangeFeedOptions {
  databaseUrl: string;
  /** The instance's pool; notices are sent through it, so the listening connection only listens. */
  db: Database;
  /** Longest a write waits for the other instances' acknowledgements. Default 250 ms. */
  ackTimeoutMs?: number;
  /** How often an instance says it is there. Default 1 s; silent for 3 periods = gone. */
  heartbeatMs?: number;
  log?: (line: string) => void;
}

/**
 * Wire format on the channel (`<kind>:<instance>[:<seq>[:<acker>]]`):
 * `hello` (heartbeat), `bye` (closing), `change` (data changed) and `ack` (an instance
 * has cleared its caches for that change). A writer waits for an `ack` from every
 * instance it has heard from recently, so its answer leaves only after they all cleared.
 */
export async function postgresChangeFeed(options: PostgresChangeFeedOptions): Promise<ChangeFeed> {
  const instance = randomUUID();
  const ackTimeoutMs = options.ackTimeoutMs ?? 250;
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const listeners: (() => void)[] = [];
  /** Other instances by id, with when they were last heard. */
  const members = new Map<string, number>();
  /** Pending announces: change seq → instances still to acknowledge, and the resolver. */
  const waiting = new Map<string, { missing: Set<string>; done: () => void }>();
  let live = false;
  let sequence = 0;
  const fire = () => {
    for (const listener of listeners) listener();
  };
  const send = (payload: string) => options.db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${payload})`);
  // A client of its own, used only to listen: postgres-js keeps LISTEN on a dedicated
  // connection and re-LISTENs after a reconnect, calling `onlisten` again (which clears
  // the caches: notices sent meanwhile were missed). A connection that goes silent without
  // closing is caught by the heartbeat: our own `hello` must come back within 3 periods.
  const client = postgres(options.databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  let lastOwnHeard = Date.now();
  const onNotify = (payload: string) => {
    const [kind, from, seq, acker] = payload.split(':');
    if (from === instance) {
      // Our own heartbeat came back: the listening connection works.
      lastOwnHeard = Date.now();
      if (!live) {
        live = true;
        fire();
      }
      return;
    }
    if (!from) return;
    if (kind === 'bye') {
      members.delete(from);
      for (const [key, pending] of waiting) if (pending.missing.delete(from) && pending.missing.size === 0) waiting.get(key)?.done();
      return;
    }
    members.set(from, Date.now());
    if (kind === 'change') {
      fire();
      send(`ack:${from}:${seq}:${instance}`).catch(() => undefined);
    } else if (kind === 'ack' && acker) {
      // `ack:<writer>:<seq>:<acker>`: only the writer cares.
      members.set(acker, Date.now());
    }
  };
  const onAck = (payload: string) => {
    const [kind, writer, seq, acker] = payload.split(':');
    if (kind !== 'ack' || writer !== instance || !acker) return false;
    members.set(acker, Date.now());
    const pending = waiting.get(seq!);
    if (pending && pending.missing.delete(acker) && pending.missing.size === 0) pending.done();
    return true;
  };
  const onListen = () => {
    lastOwnHeard = Date.now();
    live = true;
    fire();
    send(`hello:${instance}`).catch(() => undefined);
  };
  await client.listen(CHANGE_CHANNEL, (payload) => onAck(payload) || onNotify(payload), onListen);
  const heartbeat = setInterval(() => {
    send(`hello:${instance}`).catch(() => undefined);
    if (live && Date.now() - lastOwnHeard > 3 * heartbeatMs) {
      // Our own heartbeats stopped coming back: notices from others may be missed too.
      options.log?.('registry: change feed silent; read caches off until it is back');
      live = false;
      fire();
    }
    const cutoff = Date.now() - 3 * heartbeatMs;
    for (const [member, seen] of members) if (seen < cutoff) members.delete(member);
  }, heartbeatMs);
  heartbeat.unref();

  return {
    get live() {
      return live;
    },
    settle: () => new Promise<void>((resolve) => setImmediate(resolve)),
    onChange: (listener) => void listeners.push(listener),
    async announce() {
      fire();
      const seq = String(++sequence);
      const missing = new Set(members.keys());
      if (missing.size === 0) {
        await send(`change:${instance}:${seq}`).catch((error) => options.log?.(`registry: could not announce a change: ${(error as Error).message}`));
        return;
      }
      const acknowledged = new Promise<void>((resolve) => {
        // After a blocked event loop the timer runs before the socket is read: give the
        // poll phase one turn (setImmediate) so acknowledgements that did arrive count.
        const timer = setTimeout(
          () =>
            setImmediate(() => {
              const pending = waiting.get(seq);
              if (!pending) return;
              options.log?.(`registry: ${pending.missing.size} instance(s) did not acknowledge a change within ${ackTimeoutMs} ms; they may answer from cache until the notice arrives`);
              finish();
            }),
          ackTimeoutMs,
        );
        const finish = () => {
          clearTimeout(timer);
          waiting.delete(seq);
          resolve();
        };
        waiting.set(seq, { missing, done: finish });
      });
      try {
        await send(`change:${instance}:${seq}`);
      } catch (error) {
        waiting.get(seq)?.done();
        options.log?.(`registry: could not announce a change to other instances: ${(error as Error).message}`);
        return;
      }
      await acknowledged;
    },
    async close() {
      clearInterval(heartbeat);
      await send(`bye:${instance}`).catch(() => undefined);
      live = false;
      for (const pending of [...waiting.values()]) pending.done();
      await client.end({ timeout: 2 });
    },
  };
}
