/**
 * Cross-instance cache invalidation. Every `evc serve` on one PostgreSQL database LISTENs
 * on one channel; after a write an instance NOTIFYs it (PostgreSQL delivers a NOTIFY to
 * every listener once the sending transaction commits, docs "NOTIFY"), and every instance,
 * the writer included, clears its short-lived read caches.
 *
 * Two rules make this read-your-writes rather than "usually fresh":
 * - `announce()` resolves only when the writer has received its own notice back (or after
 *   `echoTimeoutMs`): the server has then queued the notice for every listener, so the
 *   answer to the write leaves after the other instances were signalled.
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
  /** Tells every instance that data changed; resolves once this instance got its own notice. */
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
  /** Longest a write waits for its own notice to come back. Default 250 ms. */
  echoTimeoutMs?: number;
  log?: (line: string) => void;
}

export async function postgresChangeFeed(options: PostgresChangeFeedOptions): Promise<ChangeFeed> {
  const instance = randomUUID();
  const echoTimeoutMs = options.echoTimeoutMs ?? 250;
  const listeners: (() => void)[] = [];
  const waiting = new Map<string, () => void>();
  let live = false;
  let sequence = 0;
  const fire = () => {
    for (const listener of listeners) listener();
  };
  // A client of its own, used only to listen: postgres-js keeps LISTEN on a dedicated connection and re-LISTENs
  // after a reconnect (calling `onlisten` again); `onclose` tells us it dropped.
  const client = postgres(options.databaseUrl, {
    max: 1,
    onnotice: () => {},
    connect_timeout: 5,
    onclose: () => {
      if (live) options.log?.('registry: change feed disconnected; read caches off until it is back');
      live = false;
      fire();
    },
  });
  const onNotify = (payload: string) => {
    fire();
    const done = waiting.get(payload);
    if (done) done();
  };
  const onListen = () => {
    live = true;
    fire();
  };
  await client.listen(CHANGE_CHANNEL, onNotify, onListen);

  return {
    get live() {
      return live;
    },
    settle: () => new Promise<void>((resolve) => setImmediate(resolve)),
    onChange: (listener) => void listeners.push(listener),
    async announce() {
      fire();
      const payload = `${instance}:${++sequence}`;
      const echoed = new Promise<void>((resolve) => {
        // After a blocked event loop the timer runs before the socket is read: give the
        // poll phase one turn (setImmediate) so an echo that did arrive still counts.
        const timer = setTimeout(
          () =>
            setImmediate(() => {
              if (!waiting.has(payload)) return;
              options.log?.(`registry: change notice not echoed within ${echoTimeoutMs} ms; other instances may answer from cache until it arrives`);
              finish();
            }),
          echoTimeoutMs,
        );
        const finish = () => {
          clearTimeout(timer);
          waiting.delete(payload);
          resolve();
        };
        waiting.set(payload, finish);
      });
      try {
        await options.db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${payload})`);
      } catch (error) {
        waiting.get(payload)?.();
        options.log?.(`registry: could not announce a change to other instances: ${(error as Error).message}`);
        return;
      }
      await echoed;
    },
    async close() {
      live = false;
      for (const done of [...waiting.values()]) done();
      await client.end({ timeout: 2 });
    },
  };
}
