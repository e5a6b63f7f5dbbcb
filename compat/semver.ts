/**
 * Semver helpers for the bump rules: the smallest correct next version, the bump a
 * proposed version represents, and ordering of bumps.
 */
import semver from 'semver';
import type { Bump } from './types.ts';

export const BUMP_ORDER: Bump[] = ['none', 'patch', 'minor', 'major'];

export const maxBump = (...bumps: Bump[]): Bump =>
  bumps.reduce<Bump>((acc, b) => (BUMP_ORDER.indexOf(b) > BUMP_ORDER.indexOf(acc) ? b : acc), 'none');

/** The smallest version after `latest` that carries `bump` (`none` keeps `latest`; no latest → 1.0.0). */
export function nextVersion(latest: string | undefined, bump: Bump): string {
  if (!latest) return '1.0.0';
  const parsed = semver.parse(latest);
  if (!parsed) throw new Error(`"${latest}" is not a semver version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)`);
  if (bump === 'none') return parsed.version;
  // Pre-1.0 lines still get a real major bump: 0.x → 1.0.0 (no "0.x minor is breaking" convention).
  return semver.inc(parsed.version, bump) ?? parsed.version;
}

/** Which bump takes `from` to `to` (`none` when equal; undefined when `to` is not greater). */
export function bumpBetween(from: string, to: string): Bump | undefined {
  if (semver.eq(from, to)) return 'none';
  if (!semver.gt(to, from)) return undefined;
  if (semver.major(to) !== semver.major(from)) return 'major';
  if (semver.minor(to) !== semver.minor(from)) return 'minor';
  return 'patch';
}

export const isSemver = (v: string): boolean => semver.valid(v) !== null;
export const majorOf = (v: string): number => semver.major(v);
export const compareVersions = (a: string, b: string): number => semver.compare(a, b);
