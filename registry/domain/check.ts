/**
 * Compatibility checks without registering: against a subject's whole history under its
 * level (native API, Confluent `…/versions/latest` and `…/versions`), or against one
 * stored version (Confluent `…/versions/{n}`), where the level's transitivity is dropped.
 */
import type { JsonSchema } from '#catalog/model.ts';
import { checkCompatibility } from '#compat/index.ts';
import type { Level } from '#compat/types.ts';
import type { Database } from '#registry/db/connect.ts';
import type { CompatReport, HistoryEntry } from './decide.ts';
import { readSubjectState } from './history.ts';

const nonTransitive = (level: Level): Level => level.replace('_TRANSITIVE', '') as Level;

export async function checkCandidate(
  db: Database,
  input: { subject: string; schema: JsonSchema; version?: string; against?: (history: HistoryEntry[]) => HistoryEntry[] },
): Promise<{ report: CompatReport; historySize: number }> {
  const state = await readSubjectState(db, input.subject);
  const history = input.against ? input.against(state.history) : state.history;
  const level = input.against ? nonTransitive(state.settings.level) : state.settings.level;
  const report = checkCompatibility({
    history: history.map((h) => ({ version: h.version, schema: h.schema })),
    candidate: input.version ? { schema: input.schema, version: input.version } : { schema: input.schema },
    level,
    policy: state.settings.policy,
  });
  return { report, historySize: history.length };
}

export const violationMessages = (report: CompatReport): string[] =>
  report.violations.flatMap((v) => v.changes.map((c) => `${v.direction} against ${v.against}: ${c.kind} at ${c.path || '/'}: ${c.message}`));
