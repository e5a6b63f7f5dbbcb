/**
 * The diff page's model: the typed changes between two stored versions (the same
 * `diffSchemas` as `GET /v1/events/{e}/diff`), each with whether it breaks backward and
 * forward reading under the subject's policy, the verdict of every level, the bump the
 * change needs, the readers each change touches, and both schemas side by side. Pure.
 */
import type { EventContract, JsonSchema } from '#catalog/model.ts';
import { breakingChanges } from '#compat/check.ts';
import { instancePointer, readsPointer } from '#compat/consumers.ts';
import { checkCompatibility, diffSchemas } from '#compat/index.ts';
import type { Bump, Change, Level, Policy } from '#compat/types.ts';
import { consumersOf } from '../domain/consumers.ts';
import { sideBySide, type SideBySide } from './line-diff.ts';

export interface ChangeRow {
  change: Change;
  /** Where the change lands in an event: `/payload/...` or an envelope field. */
  field: string | undefined;
  breaksBackward: boolean;
  breaksForward: boolean;
  /** Subscribers whose `x-reads` cover the field (all of them for envelope fields). */
  readers: string[];
}

export interface DiffView {
  from: string;
  to: string;
  policy: Policy;
  rows: ChangeRow[];
  verdicts: { level: Level; compatible: boolean }[];
  bump: Bump;
  schemas: SideBySide;
}

const LEVEL_DIRECTIONS: [Level, ('backward' | 'forward')[]][] = [
  ['NONE', []],
  ['BACKWARD', ['backward']],
  ['FORWARD', ['forward']],
  ['FULL', ['backward', 'forward']],
];

const key = (c: { kind: string; path: string }) => `${c.kind}\u0000${c.path}`;

function readersOf(change: Change, contract: EventContract | undefined): { field: string | undefined; readers: string[] } {
  const consumers = contract ? (consumersOf(contract) ?? []) : [];
  const pointer = instancePointer(change);
  if (pointer === undefined) return { field: undefined, readers: consumers.map((c) => c.agent) };
  const inPayload = contract?.enveloped === false ? pointer : pointer.startsWith('/payload') ? pointer.slice('/payload'.length) : undefined;
  // Envelope fields are read by every subscriber.
  if (inPayload === undefined) return { field: pointer, readers: consumers.map((c) => c.agent) };
  return { field: pointer || '/', readers: [...new Set(consumers.filter((c) => readsPointer(c.reads, inPayload)).map((c) => c.agent))] };
}

export function buildDiffView(input: { from: { version: string; schema: JsonSchema }; to: { version: string; schema: JsonSchema }; policy: Policy; contract?: EventContract }): DiffView {
  const { from, to, policy, contract } = input;
  const changes = diffSchemas(from.schema, to.schema, policy);
  const backward = new Set(breakingChanges(from.schema, to.schema, 'backward', policy).map(key));
  // The forward check diffs the other way round (new → old), so its kinds are the mirror
  // images of ours (ADDED ↔ REMOVED): match a change by its location instead.
  const forward = new Set(breakingChanges(from.schema, to.schema, 'forward', policy).map((c) => c.path));
  const rows = changes.map((change) => ({ change, breaksBackward: backward.has(key(change)), breaksForward: forward.has(change.path), ...readersOf(change, contract) }));
  const verdicts = LEVEL_DIRECTIONS.map(([level, directions]) => ({
    level,
    compatible: directions.every((d) => (d === 'backward' ? backward.size : forward.size) === 0),
  }));
  const report = checkCompatibility({ history: [{ version: from.version, schema: from.schema }], candidate: { schema: to.schema }, level: 'FULL', policy });
  return {
    from: from.version,
    to: to.version,
    policy,
    rows,
    verdicts,
    bump: report.requiredBump,
    schemas: sideBySide(JSON.stringify(from.schema, null, 2), JSON.stringify(to.schema, null, 2)),
  };
}
