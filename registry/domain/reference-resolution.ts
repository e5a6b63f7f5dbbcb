/**
 * Where references meet the store: loading referenced versions for reference-graph.ts, and
 * resolving a candidate's or a stored version's references into one bundled schema
 * (reference-bundle.ts) for the checks and the compatibility engine.
 */
import type { JsonSchema } from '#catalog/model.ts';
import type { Database } from '#registry/db/connect.ts';
import { listReferences } from '#registry/store/references.ts';
import { findLatestVersion, findVersionByPosition, type StoredVersion } from '#registry/store/versions.ts';
import { bundleSchema } from './reference-bundle.ts';
import { resolveReferenceGraph, type LoadReferenced } from './reference-graph.ts';
import type { SchemaReference } from './references.ts';

/**
 * Live versions only for a new reference (Confluent refuses a reference to a deleted
 * version); deleted ones too when re-reading what is stored, which deletes keep consistent.
 */
export const storeLoader =
  (db: Database, options: { includeDeleted?: boolean } = {}): LoadReferenced =>
  async (subject, version) => {
    const row = version === -1 ? await findLatestVersion(db, subject, 'position') : await findVersionByPosition(db, subject, version, options);
    if (!row) return undefined;
    const references = (await listReferences(db, [row.schemaId])).get(row.schemaId) ?? [];
    return { subject: row.subject, version: row.position, schemaId: row.schemaId, schema: JSON.parse(row.canonical) as JsonSchema, references };
  };

/** A new schema's references, checked (exist, distinct, within limits) and resolved. */
export async function resolveCandidate(db: Database, schema: JsonSchema, references: SchemaReference[]): Promise<{ resolved: JsonSchema; references: SchemaReference[] }> {
  if (references.length === 0) return { resolved: schema, references };
  const graph = await resolveReferenceGraph(references, storeLoader(db));
  return { resolved: bundleSchema(schema, graph), references: graph.references };
}

/**
 * Canonical text with a `$ref` whose value does not start with `#`: the only texts that can
 * use a reference. Canonical JSON has no whitespace and escapes quotes inside strings, so this
 * never misses one; a false match (such a `$ref` inside `const`) only costs a query.
 */
const mayUseReferences = (canonical: string): boolean => /"\$ref":"(?!#)/.test(canonical);

/** Bundled schemas of the stored versions that use references, by schema id (others are absent: their text is the schema). */
export async function resolveStored(db: Database, rows: StoredVersion[]): Promise<Map<number, JsonSchema>> {
  const candidates = rows.filter((r) => mayUseReferences(r.canonical));
  const result = new Map<number, JsonSchema>();
  if (candidates.length === 0) return result;
  const references = await listReferences(db, candidates.map((r) => r.schemaId));
  const load = storeLoader(db, { includeDeleted: true });
  for (const row of candidates) {
    const refs = references.get(row.schemaId);
    if (!refs || result.has(row.schemaId)) continue;
    const graph = await resolveReferenceGraph(refs, load);
    result.set(row.schemaId, bundleSchema(JSON.parse(row.canonical) as JsonSchema, graph));
  }
  return result;
}
