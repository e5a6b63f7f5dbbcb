/** Whole AsyncAPI documents by `info.version`. */
import { desc, eq } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { documents, type DocumentRow } from '#registry/db/schema/index.ts';

export async function findDocument(db: Database, version: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.version, version)).limit(1);
  return row;
}

export async function listDocuments(db: Database) {
  return db
    .select({ version: documents.version, title: documents.title, contentSha256: documents.contentSha256, createdBy: documents.createdBy, createdAt: documents.createdAt })
    .from(documents)
    .orderBy(desc(documents.createdAt), desc(documents.id));
}

/** The stored versions of one document (by `info.title`), in registration order. */
export async function documentVersions(db: Database, title: string): Promise<string[]> {
  const rows = await db.select({ version: documents.version }).from(documents).where(eq(documents.title, title)).orderBy(documents.id);
  return rows.map((r) => r.version);
}

export async function insertDocument(tx: Database, row: Omit<DocumentRow, 'id' | 'createdAt'>): Promise<void> {
  await tx.insert(documents).values(row);
}

export async function countDocuments(db: Database): Promise<number> {
  const rows = await db.select({ id: documents.id }).from(documents).limit(1);
  return rows.length;
}
