/**
 * checkCompatibility: the candidate against the history of its major line, at a level
 * and under a policy, plus the semver bump the changes need and a verdict on a proposed
 * version. BACKWARD is implemented once (the rules table's backward verdicts over
 * `diff(old, new)`); FORWARD is the same over `diff(new, old)`; FULL is both; the
 * _TRANSITIVE levels loop over every earlier version of the same major line.
 */
import { describe, RULES } from './rules.ts';
import { diffRaw } from './diff.ts';
import { rulePolicy, type RawChange } from './diff-context.ts';
import { LEVELS, LEVEL_NAMES, POLICY_NAMES } from './levels.ts';
import { BUMP_ORDER, bumpBetween, compareVersions, isVersion, majorOf, nextVersion, versionProblem } from './semver.ts';
import type { Bump, Change, CheckInput, CompatReport, Direction, JsonSchema, Level, Policy, Proposal, SchemaVersion, Violation } from './types.ts';

export { rulePolicy };

/** The changes that break `direction` between two schemas under a policy. */
export function breakingChanges(older: JsonSchema, newer: JsonSchema, direction: Direction, policy: Policy): RawChange[] {
  // The policy goes into the diff too: nested verdicts (content-model coverage, union branches) follow it.
  const p = rulePolicy(policy);
  const raw = direction === 'backward' ? diffRaw(older, newer, policy) : diffRaw(newer, older, policy);
  return raw.filter((c) => !RULES[c.kind].backward[p]);
}

function violationsAgainst(targets: SchemaVersion[], candidate: JsonSchema, level: Level, policy: Policy): Violation[] {
  const out: Violation[] = [];
  for (const target of targets) {
    for (const direction of LEVELS[level].directions) {
      const changes = breakingChanges(target.schema, candidate, direction, policy);
      if (changes.length > 0) out.push({ against: target.version, direction, changes: changes.map((c) => describe(c.kind, c)) });
    }
  }
  return out;
}

const targetsOf = (line: SchemaVersion[], level: Level): SchemaVersion[] =>
  LEVELS[level].transitive ? line : line.slice(-1);

function validate(input: CheckInput): SchemaVersion[] {
  if (!LEVEL_NAMES.includes(input.level)) throw new Error(`unknown compatibility level "${input.level}"; valid levels: ${LEVEL_NAMES.join(', ')}`);
  if (!(POLICY_NAMES as readonly string[]).includes(input.policy)) throw new Error(`unknown policy "${input.policy}"; valid policies: ${POLICY_NAMES.join(', ')}`);
  for (const v of input.history) if (!isVersion(v.version)) throw new Error(`history version ${versionProblem(v.version)}`);
  if (input.candidate.version !== undefined && !isVersion(input.candidate.version)) {
    throw new Error(`proposed version ${versionProblem(input.candidate.version)}`);
  }
  return [...input.history].sort((x, y) => compareVersions(x.version, y.version));
}

export function checkCompatibility(input: CheckInput): CompatReport {
  const history = validate(input);
  const { level, policy, candidate } = input;
  const latestOverall = history.at(-1);
  const major = candidate.version !== undefined ? majorOf(candidate.version) : latestOverall ? majorOf(latestOverall.version) : undefined;
  const line = history.filter((v) => majorOf(v.version) === major);
  const base = line.at(-1);
  const reference = base ?? latestOverall;
  if (!reference) {
    return { compatible: true, level, policy, changes: [], violations: [], requiredBump: 'none', suggestedVersion: candidate.version ?? '1.0.0', ...(candidate.version ? { proposal: { version: candidate.version, acceptable: true, notes: ['first version of this subject'], reasons: [] } } : {}) };
  }
  const raw = diffRaw(reference.schema, candidate.schema, policy);
  const changes = raw.map((c) => describe(c.kind, c));
  const violations = base ? violationsAgainst(targetsOf(line, level), candidate.schema, level, policy) : [];
  // The bump is judged in the line of the version the candidate follows.
  const referenceLine = base ? line : history.filter((v) => majorOf(v.version) === majorOf(reference.version));
  const referenceViolations = base ? violations : violationsAgainst(targetsOf(referenceLine, level), candidate.schema, level, policy);
  // The bump follows the semantic change, never the level: a change that breaks readers or
  // writers of the reference version in either direction needs a major under every level,
  // NONE included (the level only decides whether the registry accepts the change).
  const breaksSemantically = (['backward', 'forward'] as const).some((d) => breakingChanges(reference.schema, candidate.schema, d, policy).length > 0);
  const requiredBump: Bump = referenceViolations.length > 0 || breaksSemantically ? 'major' : raw.some((c) => RULES[c.kind].category !== 'annotation') ? 'minor' : raw.length > 0 ? 'patch' : 'none';
  const suggestedVersion = requiredBump === 'major' ? nextVersion(latestOverall!.version, 'major') : nextVersion(reference.version, requiredBump);
  const report: CompatReport = { compatible: violations.length === 0, level, policy, latest: reference.version, changes, violations, requiredBump, suggestedVersion };
  if (candidate.version !== undefined) report.proposal = judgeProposal(candidate.version, history, candidate.schema, base, report);
  return report;
}

function judgeProposal(version: string, history: SchemaVersion[], schema: JsonSchema, base: SchemaVersion | undefined, report: CompatReport): Proposal {
  const notes: string[] = [];
  const reasons: string[] = [];
  const { requiredBump, suggestedVersion } = report;
  const existing = history.find((v) => compareVersions(v.version, version) === 0);
  if (existing) {
    if (diffRaw(existing.schema, schema).length === 0) notes.push(`${version} is already registered with this schema`);
    else reasons.push(`${version} is already registered with a different schema; versions are immutable, use ${suggestedVersion}`);
    return { version, acceptable: reasons.length === 0, notes, reasons };
  }
  if (!base) {
    if (requiredBump !== 'major') notes.push(`${version} starts a new major line; ${suggestedVersion} would be enough (${requiredBump === 'none' ? 'no changes' : `the changes need a ${requiredBump} release`})`);
    if (!version.endsWith('.0.0')) notes.push(`a new major line usually starts at ${majorOf(version)}.0.0`);
    return { version, acceptable: true, notes, reasons };
  }
  if (compareVersions(version, base.version) <= 0) {
    reasons.push(`${version} is not greater than ${base.version}, the latest ${majorOf(version)}.x version; use ${suggestedVersion}`);
    return { version, acceptable: false, notes, reasons };
  }
  for (const v of report.violations) {
    reasons.push(`breaks ${v.direction} compatibility with ${v.against} under ${report.policy}: ${v.changes.map((c) => c.message).join('; ')}`);
  }
  if (report.violations.length > 0) {
    reasons.push(`a ${report.level} break needs a new major version: use ${suggestedVersion}`);
    return { version, acceptable: false, notes, reasons };
  }
  const bump = bumpBetween(base.version, version)!;
  if (BUMP_ORDER.indexOf(bump) < BUMP_ORDER.indexOf(requiredBump)) {
    const why = report.changes.filter((c) => requiredBump !== 'minor' || RULES[c.kind].category !== 'annotation').slice(0, 3).map((c) => c.message);
    reasons.push(`${version} is a ${bump} release but the changes need a ${requiredBump} release (${why.join('; ')}); use ${suggestedVersion}`);
  } else if (compareVersions(version, suggestedVersion) > 0) {
    notes.push(`${version} is higher than needed: ${suggestedVersion} would do (the changes need ${requiredBump === 'none' ? 'no release' : `a ${requiredBump} release`})`);
  }
  return { version, acceptable: reasons.length === 0, notes, reasons };
}

export type { Change };
