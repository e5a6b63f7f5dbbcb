/** Shared by the native and Confluent id routes: cache-first schema lookup by id. */
import { listReferences } from '#registry/store/references.ts';
import { findSchemaById } from '#registry/store/schemas.ts';
import type { Services } from '../context.ts';
import { schemaNotFound } from '../errors.ts';
import { etagOf, type CachedSchema } from '../id-cache.ts';

export async function loadSchema(services: Services, id: number): Promise<CachedSchema> {
  const cached = services.ids.get(id);
  if (cached) return cached;
  const row = await findSchemaById(services.db, id);
  if (!row) throw schemaNotFound(id);
  const references = (await listReferences(services.db, [row.id])).get(row.id);
  const entry = { id: row.id, schemaType: row.schemaType, canonical: row.canonical, hash: row.hash, ...(references ? { references } : {}) };
  services.ids.set(entry);
  return entry;
}

export const notModified = (ifNoneMatch: string | undefined, hash: string): boolean =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etagOf(hash) || t.trim() === '*');
