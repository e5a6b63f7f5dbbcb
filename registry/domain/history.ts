/** Reads what a decision needs about one subject: live history, taken versions, settings. */
import type { JsonSchema } from '#catalog/model.ts';
import type { Database } from '#registry/db/connect.ts';
import { readSettings } from '#registry/store/config.ts';
import { listVersions, type StoredVersion } from '#registry/store/versions.ts';
import type { HistoryEntry } from './decide.ts';
import type { Settings } from './settings.ts';

export interface SubjectState {
  history: HistoryEntry[];
  takenVersions: string[];
  settings: Settings;
  rows: StoredVersion[];
}

export const toHistoryEntry = (row: StoredVersion): HistoryEntry => ({
  version: row.version,
  schema: JSON.parse(row.canonical) as JsonSchema,
  hash: row.hash,
  schemaId: row.schemaId,
  position: row.position,
});

export async function readSubjectState(db: Database, subject: string): Promise<SubjectState> {
  const [rows, settings] = await Promise.all([listVersions(db, subject, { includeDeleted: true }), readSettings(db, subject)]);
  const live = rows.filter((r) => r.deletedAt === null);
  return {
    history: live.map(toHistoryEntry),
    takenVersions: rows.filter((r) => r.deletedAt !== null).map((r) => r.version),
    settings,
    rows: live,
  };
}
