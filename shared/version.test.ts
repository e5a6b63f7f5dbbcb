/**
 * One version grammar for all of evc (issue #18): release versions only. The registry, the
 * compatibility engine, the generators, the lint rule and the runtime all read versions through
 * this file (compat/semver.ts adds ordering and bumps), so they accept and refuse the same
 * strings; registry/domain/versions-agree.test.ts holds them to it end to end.
 */
import { describe, expect, it } from 'vitest';
import { isVersion, majorOf, parseVersion, versionProblem } from './version.ts';

describe('release versions', () => {
  it.each([
    ['1.0.0', { major: 1, minor: 0, patch: 0 }],
    ['0.1.0', { major: 0, minor: 1, patch: 0 }],
    ['12.34.56', { major: 12, minor: 34, patch: 56 }],
    ['123456789012345.0.1', { major: 123456789012345, minor: 0, patch: 1 }],
  ])('%s is a release version', (text, parts) => expect(parseVersion(text), 'its three numbers').toEqual(parts));

  it.each([
    ['1.0.0-rc.1', 'a pre-release tag'],
    ['1.0.0+5', 'build metadata'],
    ['v1.0.0', 'a leading v (semver.valid would strip it)'],
    [' 1.0.0', 'surrounding space (semver.valid would trim it)'],
    ['1.0', 'two parts'],
    ['01.0.0', 'a leading zero (semver.org section 2)'],
    ['1.0.0.0', 'four parts'],
    ['99999999999999999999.0.0', 'a major beyond safe integers'],
    ['1.1234567890123456.0', 'a minor of 16 digits'],
    ['', 'nothing'],
  ])('%s is refused: %s', (text) => {
    expect(isVersion(text), 'not MAJOR.MINOR.PATCH').toBe(false);
    expect(majorOf(text), 'NaN never equals a contract major, so nothing is routed by it').toBeNaN();
  });

  it('majorOf reads the major of a release version', () => {
    expect([majorOf('1.2.3'), majorOf('12.0.0'), majorOf('0.9.9')]).toEqual([1, 12, 0]);
  });

  it('names the version, the expected form and that pre-releases are unsupported, in one message', () => {
    expect(versionProblem('1.0.0-rc.1')).toBe('"1.0.0-rc.1" is not a release version: write MAJOR.MINOR.PATCH, e.g. 1.2.0 (pre-release and build tags such as -rc.1 or +5 are not supported)');
    expect(versionProblem(1.0), 'a YAML number is shown as such').toMatch(/^1 is not a release version/);
  });
});
