/** The cheapest query that proves the database answers. */
import { sql } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';

export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
