/** Client-bundle cache queries (owner: generators; table in db/schema/clients.ts). */
import { and, eq, sql } from 'drizzle-orm';
import { isEmbedded, type Database } from '#registry/db/connect.ts';
import { clientBundles, type ClientBundleRow } from '#registry/db/schema/clients.ts';

export interface BundleKey {
  documentSha256: string;
  agent: string;
  generatorVersion: string;
}

export async function findClientBundle(db: Database, key: BundleKey): Promise<ClientBundleRow | undefined> {
  const [row] = await db
    .select()
    .from(clientBundles)
    .where(and(eq(clientBundles.documentSha256, key.documentSha256), eq(clientBundles.agent, key.agent), eq(clientBundles.generatorVersion, key.generatorVersion)))
    .limit(1);
  return row;
}

/** Stores a built bundle; a concurrent build of the same key keeps the first row. */
export async function insertClientBundle(db: Database, row: Omit<ClientBundleRow, 'id' | 'createdAt'>): Promise<void> {
  await db.insert(clientBundles).values(row).onConflictDoNothing();
}

/**
 * Runs `work` holding a transaction-scoped advisory lock on the bundle key, so instances
 * sharing the database build a given bundle once: the others wait, then find the row.
 */
export async function withBundleLock<T>(db: Database, key: BundleKey, work: (tx: Database) => Promise<T>): Promise<T> {
  // PGlite is one process with one session: the caller's in-process de-duplication is the
  // whole story, and a transaction held across the build would block every other request.
  if (isEmbedded(db)) return work(db);
  return db.transaction(async (tx) => {
    const lockKey = `evc-bundle:${key.documentSha256}:${key.agent}:${key.generatorVersion}`;
    // The holder builds the bundle (up to the offload's 120 s limit) with this transaction
    // open, and the others wait on the lock that long: the connection-wide statement and
    // idle-in-transaction timeouts (db/connect.ts) are for stuck queries, not for this wait.
    // PGlite has neither setting nor other sessions, and accepts these as no-ops.
    await tx.execute(sql`set local statement_timeout = '180s'`);
    await tx.execute(sql`set local idle_in_transaction_session_timeout = '180s'`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`);
    return work(tx as unknown as Database);
  });
}
