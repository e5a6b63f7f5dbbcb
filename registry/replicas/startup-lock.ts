/**
 * Several instances starting at once on one PostgreSQL database must not run migrations
 * or the first-start bootstrap (admin token, seed document) side by side. A session-level
 * advisory lock on a connection of its own serialises them; the others wait, then find
 * the work done. PGlite is one process: nothing to lock.
 */
import postgres from 'postgres';

/** Arbitrary but fixed: "evc" + "boot" in ASCII, shared by every instance. */
const STARTUP_LOCK_KEY = 0x65766362;

export async function withStartupLock<T>(databaseUrl: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!databaseUrl) return work();
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await client`select pg_advisory_lock(${STARTUP_LOCK_KEY})`;
    try {
      return await work();
    } finally {
      await client`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`.catch(() => undefined);
    }
  } finally {
    await client.end({ timeout: 2 });
  }
}
