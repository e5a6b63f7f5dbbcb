/**
 * THE version module of evc (issue #18): compat, the registry and the generators import it;
 * the runtime imports its dependency-free half, `#shared/version.ts` (the grammar and
 * `majorOf`), because that file ships inside every client bundle.
 *
 * Versions are release versions `MAJOR.MINOR.PATCH`; pre-release and build tags are refused
 * everywhere with one message (`versionProblem`, compat/README.md "Versions"). Ordering and
 * bumps use the `semver` package on versions the grammar has accepted.
 */
import semver from 'semver';
import { isVersion, majorOf, parseVersion, versionProblem, type VersionParts } from '#shared/version.ts';
import type { Bump } from './types.ts';

export { isVersion, majorOf, parseVersion, versionProblem, type VersionParts };

/** The version a subject or event starts at. */
export const FIRST_VERSION = '1.0.0';

export const BUMP_ORDER: Bump[] = ['none', 'patch', 'minor', 'major'];

export const maxBump = (...bumps: Bump[]): Bump =>
  bumps.reduce<Bump>((acc, b) => (BUMP_ORDER.indexOf(b) > BUMP_ORDER.indexOf(acc) ? b : acc), 'none');

/** `version` itself, or an Error with the one message. */
export function requireVersion(version: string): string {
  if (!isVersion(version)) throw new Error(versionProblem(version));
  return version;
}

/** Ascending order of release versions (throws the one message for anything else). */
export const compareVersions = (a: string, b: string): number => semver.compare(requireVersion(a), requireVersion(b));

/** The smallest version after `latest` that carries `bump` (`none` keeps `latest`; no latest → 1.0.0). */
export function nextVersion(latest: string | undefined, bump: Bump): string {
  if (!latest) return FIRST_VERSION;
  requireVersion(latest);
  if (bump === 'none') return latest;
  // Pre-1.0 lines still get a real major bump: 0.x → 1.0.0 (no "0.x minor is breaking" convention).
  return semver.inc(latest, bump)!;
}

/** Which bump takes `from` to `to` (`none` when equal; undefined when `to` is not greater). */
export function bumpBetween(from: string, to: string): Bump | undefined {
  const order = compareVersions(to, from);
  if (order === 0) return 'none';
  if (order < 0) return undefined;
  if (semver.major(to) !== semver.major(from)) return 'major';
  if (semver.minor(to) !== semver.minor(from)) return 'minor';
  return 'patch';
}
