/**
 * Versions of events and documents: release versions `MAJOR.MINOR.PATCH` (semver.org 2.0.0
 * section 2), nothing else. Pre-release and build tags (`1.0.0-rc.1`, `1.0.0+5`) are refused
 * everywhere with `versionProblem`'s one message: a version is a release line the registry
 * stores, the generators pin producers to and the runtime routes by, and a pre-release would
 * need its own rules in all of them (compat/README.md "Versions").
 *
 * This is the grammar and `majorOf`; ordering and bumps are `compat/semver.ts` (on the
 * `semver` package). Dependency-free: the runtime ships this file inside every client bundle.
 */

export interface VersionParts {
  major: number;
  minor: number;
  patch: number;
}

/**
 * semver.org 2.0.0 section 2: non-negative integers without leading zeros, nothing around them.
 * At most 15 digits each, so every accepted number is a safe integer (no check after parsing).
 */
const RELEASE = /^(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})$/;

/** `1.2.3` → its parts; undefined for anything else (`v1.2.3`, `1.2`, `01.0.0`, `1.0.0-rc.1`, `1.0.0+5`). */
export function parseVersion(text: string): VersionParts | undefined {
  const m = typeof text === 'string' ? RELEASE.exec(text) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

export const isVersion = (text: string): boolean => typeof text === 'string' && RELEASE.test(text);

/**
 * `1.4.2` → 1; NaN for anything that is not a release version, so it never matches a major.
 * On the consumer's path for every event: a regex test and a slice, no allocation.
 */
export function majorOf(version: string): number {
  return isVersion(version) ? Number(version.slice(0, version.indexOf('.'))) : Number.NaN;
}

/** The one message for a version that is not `MAJOR.MINOR.PATCH`. */
export function versionProblem(text: unknown): string {
  const shown = typeof text === 'string' ? `"${text}"` : JSON.stringify(text) ?? String(text);
  return `${shown} is not a release version: write MAJOR.MINOR.PATCH, e.g. 1.2.0 (pre-release and build tags such as -rc.1 or +5 are not supported)`;
}
