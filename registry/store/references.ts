/** Schema references (db/schema/references.ts): written with their schema, read by schema id and by target. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { schemaReferences, versions } from '#registry/db/schema/index.ts';

export interface StoredReference {
  name: string;
  subject: string;
  version: number;
}

/** Idempotent: a schema id's references never change (they are part of its identity). */
export async function insertReferences(tx: Database, items: Array<{ schemaId: number; references: StoredReference[] }>): Promise<void> {
  const rows = items.flatMap((i) => i.references.map((r, ordinal) => ({ schemaId: i.schemaId, ordinal, name: r.name, subject: r.subject, version: r.version })));
  if (rows.length > 0) await tx.insert(schemaReferences).values(rows).onConflictDoNothing();
}

/** References of each schema id, in their registered order; ids without any are absent. */
export async function listReferences(db: Database, schemaIds: number[]): Promise<Map<number, StoredReference[]>> {
  const result = new Map<number, StoredReference[]>();
  const ids = [...new Set(schemaIds)];
  if (ids.length === 0) return result;
  const rows = await db
    .select()
    .from(schemaReferences)
    .where(inArray(schemaReferences.schemaId, ids))
    .orderBy(asc(schemaReferences.schemaId), asc(schemaReferences.ordinal));
  for (const row of rows) {
    const list = result.get(row.schemaId) ?? [];
    list.push({ name: row.name, subject: row.subject, version: row.version });
    result.set(row.schemaId, list);
  }
  return result;
}

/**
 * Schemas that reference some positions of a subject and are still in use: held by at least
 * one version row, live or soft-deleted (a soft-deleted version can still be read with
 * `deleted=true` and decodes old messages). One row per referencing version.
 */
export async function findReferencers(db: Database, subject: string, positions: number[]) {
  if (positions.length === 0) return [];
  return db
    .selectDistinct({ schemaId: schemaReferences.schemaId, target: schemaReferences.version, subjectId: versions.subjectId })
    .from(schemaReferences)
    .innerJoin(versions, eq(versions.schemaId, schemaReferences.schemaId))
    .where(and(eq(schemaReferences.subject, subject), inArray(schemaReferences.version, positions)))
    .orderBy(asc(schemaReferences.schemaId));
}
