/** Semver as the registry uses it: plain MAJOR.MINOR.PATCH, ordered numerically. */
import semver from 'semver';
import type { Bump } from '#compat/types.ts';

export interface Parts {
  major: number;
  minor: number;
  patch: number;
}

/** Parses `1.2.3`; prerelease and build tags are refused because versions are release lines. */
export const parseVersion = (text: string): Parts | undefined => {
  const parsed = semver.parse(text);
  if (!parsed || parsed.prerelease.length > 0 || parsed.build.length > 0 || parsed.version !== text) return undefined;
  return { major: parsed.major, minor: parsed.minor, patch: parsed.patch };
};

export const bumpVersion = (version: string, bump: Bump): string =>
  bump === 'none' ? version : (semver.inc(version, bump) ?? version);

export const compareVersions = (a: string, b: string): number => semver.compare(a, b);

export const FIRST_VERSION = '1.0.0';
