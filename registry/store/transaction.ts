/** Runs `work` in one transaction; drizzle rolls back when it throws. */
import type { Database } from '#registry/db/connect.ts';

export const inTransaction = <T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> =>
  db.transaction(async (tx) => work(tx as unknown as Database));
