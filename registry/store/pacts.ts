/** Queries for published pacts and their verification results (the only file that builds them). */
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { pacts, pactVerifications, type PactRow, type PactVerificationRow } from '#registry/db/schema/pacts.ts';

export type { PactRow, PactVerificationRow };

export interface PactKey {
  provider: string;
  consumer: string;
  consumerVersion: string;
}

/** Inserts or replaces the pact of (provider, consumer, version); `created` tells which. */
export async function upsertPact(db: Database, key: PactKey, content: unknown, sha256: string, actor: string): Promise<{ row: PactRow; created: boolean; changed: boolean }> {
  const existing = await findPact(db, key);
  if (existing) {
    if (existing.contentSha256 === sha256) return { row: existing, created: false, changed: false };
    const [row] = await db
      .update(pacts)
      .set({ content, contentSha256: sha256, publishedBy: actor, updatedAt: new Date() })
      .where(eq(pacts.id, existing.id))
      .returning();
    return { row: row!, created: false, changed: true };
  }
  const [row] = await db
    .insert(pacts)
    .values({ ...key, content, contentSha256: sha256, publishedBy: actor })
    .onConflictDoUpdate({ target: [pacts.provider, pacts.consumer, pacts.consumerVersion], set: { content, contentSha256: sha256, publishedBy: actor, updatedAt: new Date() } })
    .returning();
  return { row: row!, created: true, changed: true };
}

export async function findPact(db: Database, key: PactKey): Promise<PactRow | undefined> {
  const [row] = await db
    .select()
    .from(pacts)
    .where(and(eq(pacts.provider, key.provider), eq(pacts.consumer, key.consumer), eq(pacts.consumerVersion, key.consumerVersion)))
    .limit(1);
  return row;
}

/** Every pact a pacticipant takes part in (as consumer or provider), newest first. */
export async function listPactsOf(db: Database, pacticipant: string): Promise<PactRow[]> {
  return db
    .select()
    .from(pacts)
    .where(or(eq(pacts.consumer, pacticipant), eq(pacts.provider, pacticipant)))
    .orderBy(desc(pacts.updatedAt), desc(pacts.id));
}

/** The latest pact of each consumer of a provider (by last publication). */
export async function latestPactsForProvider(db: Database, provider: string): Promise<PactRow[]> {
  const rows = await db.select().from(pacts).where(eq(pacts.provider, provider)).orderBy(desc(pacts.updatedAt), desc(pacts.id));
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.consumer) ? false : (seen.add(r.consumer), true))).sort((a, b) => a.consumer.localeCompare(b.consumer));
}

export async function insertVerification(db: Database, row: Omit<PactVerificationRow, 'id' | 'createdAt'>): Promise<PactVerificationRow> {
  const [inserted] = await db.insert(pactVerifications).values(row).returning();
  return inserted!;
}

/** Verification results of the given pacts, newest first. */
export async function verificationsOf(db: Database, pactIds: number[]): Promise<PactVerificationRow[]> {
  if (pactIds.length === 0) return [];
  return db.select().from(pactVerifications).where(inArray(pactVerifications.pactId, pactIds)).orderBy(desc(pactVerifications.createdAt), desc(pactVerifications.id));
}
