/**
 * The registration decision for one subject, as a pure function of its stored history,
 * its settings and a candidate: unchanged (same canonical content already registered),
 * registered (with the version it gets), or rejected (with why and what would pass).
 * The compatibility engine is passed in, so this module stays free of IO and easy to test.
 */
import type { checkCompatibility } from '#compat/index.ts';
import type { JsonSchema } from '#catalog/model.ts';
import type { Bump, ConsumerReads, Level, Policy } from '#compat/types.ts';
import { FIRST_VERSION, nextVersion, parseVersion, versionProblem } from '#compat/semver.ts';

export type CompatReport = ReturnType<typeof checkCompatibility>;
export type CheckFn = typeof checkCompatibility;

export interface HistoryEntry {
  version: string;
  schema: JsonSchema;
  hash: string;
  schemaId: number;
  position: number;
}

export interface Candidate {
  schema: JsonSchema;
  hash: string;
  /** Declared semver (from the document's `x-version`); absent for Confluent registrations. */
  version?: string;
}

export type Decision =
  | { status: 'unchanged'; version: string; schemaId: number; position: number; notes: string[] }
  | { status: 'registered'; version: string; requiredBump: Bump; report?: CompatReport; notes: string[] }
  | { status: 'rejected'; version?: string; reasons: string[]; smallestAcceptableVersion?: string; report?: CompatReport };

export interface DecideInput {
  subject: string;
  history: HistoryEntry[];
  /** Versions held by soft-deleted rows: never handed out again. */
  takenVersions: string[];
  candidate: Candidate;
  level: Level;
  policy: Policy;
  consumers?: ConsumerReads[];
  check: CheckFn;
}

const changeMessages = (report: CompatReport): string[] =>
  report.violations.flatMap((v) => v.changes.map((c) => `${c.message} (${v.direction} against ${v.against})`));

/** The first free version at or after `start`, stepping by `bump` (patch when none). */
const firstFree = (start: string, bump: Bump, taken: Set<string>): string => {
  let version = start;
  while (taken.has(version)) version = nextVersion(version, bump === 'none' ? 'patch' : bump);
  return version;
};

export function decideRegistration(input: DecideInput): Decision {
  const { history, candidate, subject } = input;
  const same = history.find((h) => h.hash === candidate.hash);
  if (same) {
    const notes =
      candidate.version && candidate.version !== same.version
        ? [`content is identical to ${subject} ${same.version}; declared ${candidate.version} was not registered`]
        : [];
    return { status: 'unchanged', version: same.version, schemaId: same.schemaId, position: same.position, notes };
  }
  const taken = new Set([...history.map((h) => h.version), ...input.takenVersions]);
  if (candidate.version !== undefined && !parseVersion(candidate.version)) {
    return { status: 'rejected', version: candidate.version, reasons: [versionProblem(candidate.version)] };
  }
  if (history.length === 0) {
    const version = candidate.version ?? firstFree(FIRST_VERSION, 'major', taken);
    if (taken.has(version)) {
      return { status: 'rejected', version, reasons: [`${subject} ${version} was registered before and deleted; versions are never reused`], smallestAcceptableVersion: firstFree(version, 'patch', taken) };
    }
    return { status: 'registered', version, requiredBump: 'none', notes: [] };
  }
  const report = input.check({
    history: history.map((h) => ({ version: h.version, schema: h.schema })),
    candidate: candidate.version ? { schema: candidate.schema, version: candidate.version } : { schema: candidate.schema },
    level: input.level,
    policy: input.policy,
    ...(input.consumers ? { consumers: input.consumers } : {}),
  });
  const suggested = firstFree(report.suggestedVersion, report.requiredBump, taken);
  if (candidate.version === undefined) {
    // Confluent registration: no declared version, so the inferred one is used. What the
    // level refuses is refused (40901), as Confluent would; what it accepts gets the version
    // the semantic change needs, so a break the level lets through (NONE, or a forward
    // break under BACKWARD) starts a new major line instead of posing as a minor.
    if (!report.compatible) {
      const reasons = changeMessages(report);
      return {
        status: 'rejected',
        reasons: reasons.length > 0 ? reasons : [`the change needs a major version bump, which ${input.level} does not allow`],
        smallestAcceptableVersion: suggested,
        report,
      };
    }
    return { status: 'registered', version: suggested, requiredBump: report.requiredBump, report, notes: [] };
  }
  const declared = candidate.version;
  if (taken.has(declared)) {
    return {
      status: 'rejected',
      version: declared,
      reasons: [`${subject} ${declared} is already registered with different content; versions are immutable, declare ${suggested}`],
      smallestAcceptableVersion: suggested,
      report,
    };
  }
  const acceptable = report.proposal ? report.proposal.acceptable : report.compatible;
  if (!report.compatible || !acceptable) {
    const reasons = [...(report.proposal?.reasons ?? []), ...changeMessages(report)];
    return {
      status: 'rejected',
      version: declared,
      reasons: reasons.length > 0 ? reasons : [`${declared} does not match the required ${report.requiredBump} bump`],
      smallestAcceptableVersion: suggested,
      report,
    };
  }
  return { status: 'registered', version: declared, requiredBump: report.requiredBump, report, notes: report.proposal?.notes ?? [] };
}
