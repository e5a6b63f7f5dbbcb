/**
 * Opens the database: embedded PGlite (a data directory, or in-memory) by default,
 * a PostgreSQL server when a URL is given. Both are driven through drizzle with the
 * same schema and the same committed migrations, so callers never branch on the kind.
 */
import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock.ts';

// Both drivers' drizzle instances share this base type; queries written against it run on either.
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Connection {
  db: Database;
  kind: 'pglite' | 'postgres';
  /**
   * Answers whether the database is reachable, within `timeoutMs`. On PostgreSQL it uses a
   * connection of its own, so a saturated pool never reads as an outage.
   */
  ping(timeoutMs: number): Promise<boolean>;
  /** Applies a folder of drizzle-kit migrations, tracked in its own table. */
  migrate(migrationsFolder: string, migrationsTable: string): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `postgres://…` URL; when set, the server is used. */
  databaseUrl?: string;
  /** PGlite data directory; omitted means in-memory. */
  dataDir?: string;
  /** postgres-js pool size. */
  max?: number;
  /** What a refused second opener of `dataDir` is told to do instead. */
  lockHint?: string;
}

/**
 * Fail fast instead of hanging (registry README, "Database outages"): a connection attempt
 * gives up after 2 s, the server cancels any statement after 10 s and any transaction left
 * idle for 30 s (both are PostgreSQL settings sent as startup parameters), idle pool
 * connections close after 30 s. A paused server answers nothing at all, so requests also
 * race the `ping` above (see `fail-fast.ts`).
 */
const embedded = new WeakSet<object>();

/**
 * True for a PGlite database: one in-process session, so an open transaction holds up every
 * other query of the process (nothing else can run while it waits on a worker).
 */
export const isEmbedded = (db: Database): boolean => embedded.has(db);

export const POSTGRES_TIMEOUTS = {
  connectTimeoutSeconds: 2,
  idleTimeoutSeconds: 30,
  statementTimeoutMs: 10_000,
  idleInTransactionTimeoutMs: 30_000,
} as const;

/**
 * Resolves to false when `check` fails or outlasts `timeoutMs`; never rejects. When the
 * timer fires, the answer may already sit unread in a socket (a starved event loop runs
 * timers before I/O): `setImmediate` lets the poll phase deliver it first, so CPU load
 * alone does not read as an outage.
 */
const within = (check: () => Promise<unknown>, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => setImmediate(() => resolve(false)), timeoutMs);
    check().then(
      () => (clearTimeout(timer), resolve(true)),
      () => (clearTimeout(timer), resolve(false)),
    );
  });

export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  if (options.databaseUrl) {
    const settings = {
      onnotice: () => {},
      connect_timeout: POSTGRES_TIMEOUTS.connectTimeoutSeconds,
      idle_timeout: POSTGRES_TIMEOUTS.idleTimeoutSeconds,
      connection: {
        statement_timeout: POSTGRES_TIMEOUTS.statementTimeoutMs,
        idle_in_transaction_session_timeout: POSTGRES_TIMEOUTS.idleInTransactionTimeoutMs,
      },
    };
    const client = postgres(options.databaseUrl, { ...settings, max: options.max ?? 10 });
    let probe: postgres.Sql | undefined;
    const db = drizzlePostgres(client) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      // The probe keeps its connection open (no idle timeout): a ping never pays for a new
      // connection on a loaded machine and so never reads a slow handshake as an outage.
      ping: (timeoutMs) => within(() => (probe ??= postgres(options.databaseUrl!, { ...settings, idle_timeout: 0, max: 1 }))`select 1`, timeoutMs),
      migrate: (migrationsFolder, migrationsTable) =>
        migratePostgres(db as never, { migrationsFolder, migrationsTable }),
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), probe?.end({ timeout: 1 })]);
      },
    };
  }
  const lock = options.dataDir ? lockDataDir(options.dataDir, options.lockHint) : undefined;
  let client: PGlite;
  try {
    // PGlite creates only the last path segment; a fresh checkout has no `.evc/` yet.
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    await client.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client) as unknown as Database;
  embedded.add(db);
  return {
    db,
    kind: 'pglite',
    ping: (timeoutMs) => within(() => db.execute(sql`select 1`), timeoutMs),
    migrate: (migrationsFolder, migrationsTable) => migratePglite(db as never, { migrationsFolder, migrationsTable }),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
