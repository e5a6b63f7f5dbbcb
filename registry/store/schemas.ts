/** Global immutable schema ids, de-duplicated by canonical hash. */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { schemas, subjects, versions, type SchemaRow } from '#registry/db/schema/index.ts';

export async function findSchemaById(db: Database, id: number): Promise<SchemaRow | undefined> {
  const [row] = await db.select().from(schemas).where(eq(schemas.id, id)).limit(1);
  return row;
}

/** Returns the id of the schema with this canonical content, inserting it if new. */
export async function upsertSchema(tx: Database, input: { canonical: string; hash: string }): Promise<number> {
  const [inserted] = await tx
    .insert(schemas)
    .values({ canonical: input.canonical, hash: input.hash, schemaType: 'JSON' })
    .onConflictDoNothing({ target: [schemas.schemaType, schemas.hash] })
    .returning({ id: schemas.id });
  if (inserted) return inserted.id;
  const [existing] = await tx
    .select({ id: schemas.id })
    .from(schemas)
    .where(and(eq(schemas.schemaType, 'JSON'), eq(schemas.hash, input.hash)))
    .limit(1);
  if (!existing) throw new Error(`schema ${input.hash} neither inserted nor found`);
  return existing.id;
}

/** Every (subject, position) that uses a schema id: Confluent's `/schemas/ids/{id}/versions`. */
export async function findSchemaUsages(db: Database, id: number, options: { includeDeleted?: boolean } = {}) {
  return db
    .select({ subject: subjects.name, version: versions.position })
    .from(versions)
    .innerJoin(subjects, eq(subjects.id, versions.subjectId))
    .where(and(eq(versions.schemaId, id), options.includeDeleted ? undefined : isNull(versions.deletedAt)))
    .orderBy(asc(subjects.name), asc(versions.position));
}

/** Batch form of `upsertSchema`: ids by hash for every distinct content, in two queries at most. */
export async function upsertSchemas(tx: Database, inputs: Array<{ canonical: string; hash: string }>): Promise<Map<string, number>> {
  const distinct = [...new Map(inputs.map((i) => [i.hash, i])).values()];
  const ids = new Map<string, number>();
  if (distinct.length === 0) return ids;
  const inserted = await tx
    .insert(schemas)
    .values(distinct.map((i) => ({ canonical: i.canonical, hash: i.hash, schemaType: 'JSON' })))
    .onConflictDoNothing({ target: [schemas.schemaType, schemas.hash] })
    .returning({ id: schemas.id, hash: schemas.hash });
  for (const row of inserted) ids.set(row.hash, row.id);
  const missing = distinct.filter((i) => !ids.has(i.hash)).map((i) => i.hash);
  if (missing.length > 0) {
    const existing = await tx
      .select({ id: schemas.id, hash: schemas.hash })
      .from(schemas)
      .where(and(eq(schemas.schemaType, 'JSON'), inArray(schemas.hash, missing)));
    for (const row of existing) ids.set(row.hash, row.id);
  }
  return ids;
}
