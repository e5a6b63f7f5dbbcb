/** Token rows; only hashes are ever stored or queried. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { tokens, type TokenRow } from '#registry/db/schema/index.ts';

export async function findTokenByHash(db: Database, hash: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(tokens).where(and(eq(tokens.hash, hash), isNull(tokens.revokedAt))).limit(1);
  return row;
}

export async function insertToken(db: Database, row: { name: string; role: string; hash: string; createdBy: string }): Promise<TokenRow> {
  const [created] = await db.insert(tokens).values(row).onConflictDoNothing({ target: tokens.hash }).returning();
  if (created) return created;
  const existing = await findTokenByHash(db, row.hash);
  if (!existing) throw new Error('token hash conflicts with a revoked token');
  return existing;
}

export async function countActiveTokens(db: Database, role: string): Promise<number> {
  const rows = await db.select({ id: tokens.id }).from(tokens).where(and(eq(tokens.role, role), isNull(tokens.revokedAt)));
  return rows.length;
}
