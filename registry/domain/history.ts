/** Reads what a decision needs about one subject: live history, taken versions, settings. */
import type { JsonSchema } from '#catalog/model.ts';
import type { Database } from '#registry/db/connect.ts';
import { readSettings, readSettingsOfSubjects } from '#registry/store/config.ts';
import { listVersions, listVersionsOfSubjects, type StoredVersion } from '#registry/store/versions.ts';
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

const stateOf = (rows: StoredVersion[], settings: Settings): SubjectState => {
  const live = rows.filter((r) => r.deletedAt === null);
  return {
    history: live.map(toHistoryEntry),
    takenVersions: rows.filter((r) => r.deletedAt !== null).map((r) => r.version),
    settings,
    rows: live,
  };
};

export async function readSubjectState(db: Database, subject: string): Promise<SubjectState> {
  // Sequential, not Promise.all: inside a transaction both share one connection.
  const rows = await listVersions(db, subject, { includeDeleted: true });
  return stateOf(rows, await readSettings(db, subject));
}

/** The state of every subject of a document in two queries, however many events it has. */
export async function readSubjectStates(db: Database, subjects: string[]): Promise<Map<string, SubjectState>> {
  const rows = await listVersionsOfSubjects(db, subjects);
  const settings = await readSettingsOfSubjects(db, subjects);
  return new Map(subjects.map((s) => [s, stateOf(rows.filter((r) => r.subject === s), settings.get(s)!)]));
}
