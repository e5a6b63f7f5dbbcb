/** Reads what a decision needs about one subject: live history, taken versions, settings. */
import type { JsonSchema } from '#catalog/model.ts';
import type { Database } from '#registry/db/connect.ts';
import { readSettings, readSettingsOfSubjects } from '#registry/store/config.ts';
import { listVersions, listVersionsOfSubjects, type StoredVersion } from '#registry/store/versions.ts';
import type { HistoryEntry } from './decide.ts';
import { resolveStored } from './reference-resolution.ts';
import type { Settings } from './settings.ts';

export interface SubjectState {
  history: HistoryEntry[];
  takenVersions: string[];
  settings: Settings;
  rows: StoredVersion[];
}

/** `resolved`: the bundled schema of a version that uses references (reference-resolution.ts); the compatibility engine compares that. */
export const toHistoryEntry = (row: StoredVersion, resolved?: Map<number, JsonSchema>): HistoryEntry => ({
  version: row.version,
  schema: resolved?.get(row.schemaId) ?? (JSON.parse(row.canonical) as JsonSchema),
  hash: row.hash,
  schemaId: row.schemaId,
  position: row.position,
});

const stateOf = (rows: StoredVersion[], settings: Settings, resolved: Map<number, JsonSchema>): SubjectState => {
  const live = rows.filter((r) => r.deletedAt === null);
  return {
    history: live.map((r) => toHistoryEntry(r, resolved)),
    takenVersions: rows.filter((r) => r.deletedAt !== null).map((r) => r.version),
    settings,
    rows: live,
  };
};

export async function readSubjectState(db: Database, subject: string): Promise<SubjectState> {
  // Sequential, not Promise.all: inside a transaction both share one connection.
  const rows = await listVersions(db, subject, { includeDeleted: true });
  const settings = await readSettings(db, subject);
  return stateOf(rows, settings, await resolveStored(db, rows.filter((r) => r.deletedAt === null)));
}

/** The state of every subject of a document in two queries, however many events it has. */
export async function readSubjectStates(db: Database, subjects: string[]): Promise<Map<string, SubjectState>> {
  const rows = await listVersionsOfSubjects(db, subjects);
  const settings = await readSettingsOfSubjects(db, subjects);
  const resolved = await resolveStored(db, rows.filter((r) => r.deletedAt === null));
  return new Map(subjects.map((s) => [s, stateOf(rows.filter((r) => r.subject === s), settings.get(s)!, resolved)]));
}
