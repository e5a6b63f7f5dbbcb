/** Writes one accepted registration: schema (de-duplicated), position, version row. */
import type { Database } from '#registry/db/connect.ts';
import { upsertSchema } from '#registry/store/schemas.ts';
import { takePosition } from '#registry/store/subjects.ts';
import { insertVersion } from '#registry/store/versions.ts';
import type { CanonicalSchema } from './canonical.ts';
import { parseVersion } from './semver.ts';

export async function recordVersion(
  tx: Database,
  input: { subjectId: number; schema: CanonicalSchema; version: string; documentVersion: string | null; actor: string },
): Promise<{ schemaId: number; position: number }> {
  const parts = parseVersion(input.version);
  if (!parts) throw new Error(`refusing to record invalid version ${input.version}`);
  const schemaId = await upsertSchema(tx, input.schema);
  const position = await takePosition(tx, input.subjectId);
  await insertVersion(tx, {
    subjectId: input.subjectId,
    schemaId,
    version: input.version,
    ...parts,
    position,
    documentVersion: input.documentVersion,
    createdBy: input.actor,
  });
  return { schemaId, position };
}
