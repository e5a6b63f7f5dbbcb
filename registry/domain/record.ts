/**
 * Writes accepted registrations: schemas (de-duplicated), positions, version rows. Batched
 * (a handful of statements for a whole document); each subject appears at most once.
 */
import type { Database } from '#registry/db/connect.ts';
import { insertReferences } from '#registry/store/references.ts';
import { upsertSchemas } from '#registry/store/schemas.ts';
import { takePositions } from '#registry/store/subjects.ts';
import { insertVersions } from '#registry/store/versions.ts';
import type { CanonicalSchema } from './canonical.ts';
import type { SchemaReference } from './references.ts';
import { parseVersion } from '#compat/semver.ts';

export interface NewRegistration {
  subjectId: number;
  schema: CanonicalSchema;
  version: string;
  documentVersion: string | null;
  actor: string;
  /** Confluent schema references (part of the schema's identity: `schema.hash` covers them). */
  references?: SchemaReference[];
}

export async function recordVersions(tx: Database, items: NewRegistration[]): Promise<Array<{ schemaId: number; position: number }>> {
  if (new Set(items.map((i) => i.subjectId)).size !== items.length) throw new Error('one registration per subject per batch');
  const parts = items.map((i) => {
    const p = parseVersion(i.version);
    if (!p) throw new Error(`refusing to record invalid version ${i.version}`);
    return p;
  });
  const ids = await upsertSchemas(tx, items.map((i) => i.schema));
  await insertReferences(tx, items.filter((i) => i.references && i.references.length > 0).map((i) => ({ schemaId: ids.get(i.schema.hash)!, references: i.references! })));
  const positions = await takePositions(tx, items.map((i) => i.subjectId));
  const rows = items.map((i, n) => ({
    subjectId: i.subjectId,
    schemaId: ids.get(i.schema.hash)!,
    version: i.version,
    ...parts[n]!,
    position: positions.get(i.subjectId)!,
    documentVersion: i.documentVersion,
    createdBy: i.actor,
  }));
  await insertVersions(tx, rows);
  return rows.map((r) => ({ schemaId: r.schemaId, position: r.position }));
}

export async function recordVersion(tx: Database, item: NewRegistration): Promise<{ schemaId: number; position: number }> {
  const [result] = await recordVersions(tx, [item]);
  return result!;
}
