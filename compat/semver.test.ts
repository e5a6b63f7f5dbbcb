/**
 * The version module (semver.ts): ordering, the next version for a bump, the bump between two
 * versions, the largest of several bumps, and the one message for anything that is not a
 * release version.
 */
import { describe, expect, it } from 'vitest';
import { bumpBetween, compareVersions, maxBump, nextVersion, requireVersion } from './semver.ts';

describe('semver.ts', () => {
  it('maxBump: the largest bump, none for no bumps', () => {
    expect(maxBump()).toBe('none');
    expect(maxBump('none', 'none')).toBe('none');
    expect(maxBump('patch', 'none')).toBe('patch');
    expect(maxBump('minor', 'patch', 'none')).toBe('minor');
    expect(maxBump('patch', 'major', 'minor')).toBe('major');
    expect(maxBump('major', 'patch')).toBe('major');
  });

  it('compareVersions orders numerically, not as text', () => {
    expect(compareVersions('1.2.0', '1.10.0')).toBeLessThan(0);
    expect(compareVersions('2.0.0', '1.99.99')).toBeGreaterThan(0);
    expect(compareVersions('1.0.1', '1.0.1')).toBe(0);
    expect(['1.10.0', '1.2.0', '0.9.0'].sort(compareVersions)).toEqual(['0.9.0', '1.2.0', '1.10.0']);
  });

  it('anything but a release version is refused with the one message', () => {
    expect(requireVersion('3.4.5')).toBe('3.4.5');
    for (const bad of ['1.0.0-rc.1', '1.0', 'v1.0.0', '', '1.0.0+build']) {
      expect(() => requireVersion(bad), bad).toThrow(/is not a release version/);
      expect(() => compareVersions(bad, '1.0.0'), bad).toThrow(/is not a release version/);
      expect(() => compareVersions('1.0.0', bad), bad).toThrow(/is not a release version/);
    }
  });

  it('nextVersion: first version, none keeps, each bump resets what follows it', () => {
    expect(nextVersion(undefined, 'major')).toBe('1.0.0');
    expect(nextVersion('', 'patch')).toBe('1.0.0');
    expect(nextVersion('1.2.3', 'none')).toBe('1.2.3');
    expect(nextVersion('1.2.3', 'patch')).toBe('1.2.4');
    expect(nextVersion('1.2.3', 'minor')).toBe('1.3.0');
    expect(nextVersion('1.2.3', 'major')).toBe('2.0.0');
    expect(nextVersion('0.4.1', 'major'), 'pre-1.0 lines get a real major bump').toBe('1.0.0');
    expect(() => nextVersion('1.2', 'none'), 'a bad latest is refused even for none').toThrow(/is not a release version/);
  });

  it('bumpBetween: the bump that takes one version to the other', () => {
    expect(bumpBetween('1.2.3', '1.2.3')).toBe('none');
    expect(bumpBetween('1.2.3', '1.2.4')).toBe('patch');
    expect(bumpBetween('1.2.3', '1.3.0')).toBe('minor');
    expect(bumpBetween('1.2.3', '1.3.7')).toBe('minor');
    expect(bumpBetween('1.2.3', '2.0.0')).toBe('major');
    expect(bumpBetween('1.2.3', '2.2.3')).toBe('major');
    expect(bumpBetween('1.2.3', '1.2.2'), 'going down is no bump').toBeUndefined();
    expect(bumpBetween('2.0.0', '1.9.9')).toBeUndefined();
  });
});
