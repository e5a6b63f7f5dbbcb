/** Token rows; only hashes are ever stored or queried, and listings never return them. */
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { tokens, type TokenRow } from '#registry/db/schema/index.ts';

/** A token row without its hash: what listings and the API show. */
export type TokenInfo = Omit<TokenRow, 'hash'>;

const info = {
  id: tokens.id,
  name: tokens.name,
  role: tokens.role,
  createdBy: tokens.createdBy,
  createdAt: tokens.createdAt,
  revokedAt: tokens.revokedAt,
  revokedBy: tokens.revokedBy,
  expiresAt: tokens.expiresAt,
  scope: tokens.scope,
};

/** The row for `hash`, revoked and expired ones included (so refusals can say which). */
export async function findTokenByHash(db: Database, hash: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(tokens).where(eq(tokens.hash, hash)).limit(1);
  return row;
}

export async function insertToken(
  db: Database,
  row: { name: string; role: string; hash: string; createdBy: string; expiresAt?: Date | null; scope?: string[] | null },
): Promise<TokenRow> {
  const [created] = await db.insert(tokens).values(row).onConflictDoNothing({ target: tokens.hash }).returning();
  if (created) return created;
  const existing = await findTokenByHash(db, row.hash);
  if (!existing) throw new Error('token hash conflict: the row vanished');
  if (existing.revokedAt) throw new Error(`this token (id ${existing.id}, "${existing.name}") was revoked at ${existing.revokedAt.toISOString()} and cannot be used again; choose a new one`);
  return existing;
}

export async function listTokens(db: Database, options: { includeRevoked?: boolean } = {}): Promise<TokenInfo[]> {
  const query = db.select(info).from(tokens);
  return options.includeRevoked ? query.orderBy(asc(tokens.id)) : query.where(isNull(tokens.revokedAt)).orderBy(asc(tokens.id));
}

export async function findTokenById(db: Database, id: number): Promise<TokenInfo | undefined> {
  const [row] = await db.select(info).from(tokens).where(eq(tokens.id, id)).limit(1);
  return row;
}

/** Marks the token revoked (once: a second revoke keeps the first time); undefined when no such id. */
export async function revokeToken(db: Database, id: number, by: string): Promise<TokenInfo | undefined> {
  await db.update(tokens).set({ revokedAt: sql`now()`, revokedBy: by }).where(and(eq(tokens.id, id), isNull(tokens.revokedAt)));
  return findTokenById(db, id);
}

/** Tokens of `role` that are neither revoked nor expired. */
export async function countActiveTokens(db: Database, role: string): Promise<number> {
  const rows = await db
    .select({ id: tokens.id })
    .from(tokens)
    .where(and(eq(tokens.role, role), isNull(tokens.revokedAt), or(isNull(tokens.expiresAt), gt(tokens.expiresAt, sql`now()`))));
  return rows.length;
}
