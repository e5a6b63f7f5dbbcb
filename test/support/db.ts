/**
 * Test databases: PGlite in memory by default; with DATABASE_URL set (as .ci/run does),
 * a fresh, uniquely named database on that PostgreSQL server, dropped afterwards, so
 * parallel test files never see each other's rows. If the server is unreachable the
 * suite fails: it never silently falls back to PGlite.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connect, type Connection } from '#registry/db/connect.ts';

export const usingServer = (): boolean => Boolean(process.env.DATABASE_URL);

export async function openTestDatabase(): Promise<Connection & { url?: string }> {
  const base = process.env.DATABASE_URL;
  if (!base) return connect();
  const name = `evc_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const conn = await connect({ databaseUrl: url.toString(), max: 20 });
  return {
    ...conn,
    url: url.toString(),
    close: async () => {
      await conn.close();
      const cleanup = postgres(base, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** NATS URL for broker-backed suites; they skip only when it is unset (no services on a laptop). */
export const natsUrl = (): string | undefined => process.env.NATS_URL;
