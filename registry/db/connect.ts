/**
 * Opens the database: embedded PGlite (a data directory, or in-memory) by default,
 * a PostgreSQL server when a URL is given. Both are driven through drizzle with the
 * same schema and the same committed migrations, so callers never branch on the kind.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';

// Both drivers' drizzle instances share this base type; queries written against it run on either.
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Connection {
  db: Database;
  kind: 'pglite' | 'postgres';
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
}

export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.max ?? 10,
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
    });
    const db = drizzlePostgres(client) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      migrate: (migrationsFolder, migrationsTable) =>
        migratePostgres(db as never, { migrationsFolder, migrationsTable }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  // PGlite creates only the last path segment; a fresh checkout has no `.evc/` yet.
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    migrate: (migrationsFolder, migrationsTable) => migratePglite(db as never, { migrationsFolder, migrationsTable }),
    close: () => client.close(),
  };
}
