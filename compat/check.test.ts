/**
 * checkCompatibility: levels over the history of a major line, the required bump, the
 * suggested version and the verdict on a proposed version.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { nextVersion } from './semver.ts';
import type { JsonSchema } from './types.ts';

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): JsonSchema => ({ type: 'object', properties, ...extra });
const S = { type: 'string' };
const v1 = obj({ id: S });

describe('levels and history', () => {
  // x: integer → x removed → x: string. Each step is LENIENT-backward compatible with the previous one,
  // but v3 cannot read v1's integer x.
  const history = [
    { version: '1.0.0', schema: obj({ id: S, x: { type: 'integer' } }) },
    { version: '1.1.0', schema: obj({ id: S }) },
  ];
  const v3 = obj({ id: S, x: S });

  it('BACKWARD checks only the latest version of the line', () => {
    const r = checkCompatibility({ history, candidate: { schema: v3 }, level: 'BACKWARD', policy: 'LENIENT' });
    expect(r.compatible, 'v3 reads v2 data (LENIENT: producers of v2 never emit x)').toBe(true);
  });

  it('BACKWARD_TRANSITIVE checks every earlier version and says which one breaks', () => {
    const r = checkCompatibility({ history, candidate: { schema: v3 }, level: 'BACKWARD_TRANSITIVE', policy: 'LENIENT' });
    expect(r.compatible, 'v1 events carry an integer x that v3 rejects').toBe(false);
    expect(r.violations.map((v) => [v.against, v.direction, v.changes.map((c) => c.kind)])).toEqual([['1.0.0', 'backward', ['TYPE_CHANGED']]]);
    expect(r.requiredBump).toBe('major');
    expect(r.suggestedVersion).toBe('2.0.0');
  });

  it('transitive checks stay inside the candidate major line', () => {
    const withMajor = [history[0]!, { version: '2.0.0', schema: obj({ id: S }) }];
    const r = checkCompatibility({ history: withMajor, candidate: { schema: v3, version: '2.1.0' }, level: 'FULL_TRANSITIVE', policy: 'LENIENT' });
    expect(r.compatible, '1.0.0 is another major line and is not checked').toBe(true);
    expect(r.latest).toBe('2.0.0');
    expect(r.proposal).toMatchObject({ acceptable: true, reasons: [] });
  });

  it('a candidate for an older major line is checked against that line', () => {
    const lines = [{ version: '1.0.0', schema: v1 }, { version: '2.0.0', schema: obj({ other: S }) }];
    const r = checkCompatibility({ history: lines, candidate: { schema: obj({ id: S, note: S }), version: '1.1.0' }, level: 'FULL_TRANSITIVE', policy: 'LENIENT' });
    expect(r.latest).toBe('1.0.0');
    expect(r.compatible).toBe(true);
    expect(r.requiredBump).toBe('minor');
    expect(r.proposal?.acceptable).toBe(true);
  });

  it('NONE accepts a break but the bump still follows the semantic change', () => {
    const r = checkCompatibility({ history: [{ version: '1.0.0', schema: v1 }], candidate: { schema: { type: 'integer' } }, level: 'NONE', policy: 'STRICT' });
    expect(r.compatible, 'NONE checks nothing').toBe(true);
    expect(r.requiredBump, 'old events are not integers: a break needs a major under every level').toBe('major');
    expect(r.suggestedVersion).toBe('2.0.0');
  });

  it.each(['NONE', 'BACKWARD', 'FORWARD', 'FULL'] as const)('a breaking change declared as a minor is refused under %s', (level) => {
    const r = checkCompatibility({ history: [{ version: '1.0.0', schema: v1 }], candidate: { schema: { type: 'integer' }, version: '1.1.0' }, level, policy: 'LENIENT' });
    expect(r.proposal?.acceptable, 'the level never lowers the bump a break needs').toBe(false);
    expect(r.proposal?.reasons.join(' ')).toMatch(/need a major release.*use 2\.0\.0|new major version: use 2\.0\.0/);
  });

  it('a forward-only break under BACKWARD is accepted by the level but needs a major', () => {
    // A widened type keeps every old event valid (backward) but old readers reject the new ones (forward).
    const widened = obj({ id: { type: ['string', 'integer'] } });
    const r = checkCompatibility({ history: [{ version: '1.0.0', schema: v1 }], candidate: { schema: widened }, level: 'BACKWARD', policy: 'LENIENT' });
    expect(r.compatible, 'every old event is still valid: BACKWARD holds').toBe(true);
    expect(r.requiredBump, 'new integer ids break old readers: forward break').toBe('major');
  });

  it('CONSUMER_AWARE without consumers decides like LENIENT', () => {
    const input = { history: [{ version: '1.0.0', schema: v1 }], candidate: { schema: obj({ id: S, extra: S }) }, level: 'FULL' as const };
    expect(checkCompatibility({ ...input, policy: 'CONSUMER_AWARE' }).compatible).toBe(checkCompatibility({ ...input, policy: 'LENIENT' }).compatible);
    expect(checkCompatibility({ ...input, policy: 'STRICT' }).compatible, 'STRICT: old data may carry "extra" with any value').toBe(false);
  });

  it('an empty history accepts the first version', () => {
    const r = checkCompatibility({ history: [], candidate: { schema: v1 }, level: 'FULL_TRANSITIVE', policy: 'LENIENT' });
    expect(r).toMatchObject({ compatible: true, requiredBump: 'none', suggestedVersion: '1.0.0' });
  });

  it('rejects unknown levels and policies with the valid names', () => {
    expect(() => checkCompatibility({ history: [], candidate: { schema: v1 }, level: 'SIDEWAYS' as never, policy: 'LENIENT' })).toThrow(/valid levels: NONE, BACKWARD/);
    expect(() => checkCompatibility({ history: [], candidate: { schema: v1 }, level: 'FULL', policy: 'LAX' as never })).toThrow(/valid policies: STRICT, LENIENT, CONSUMER_AWARE/);
  });
});

describe('required bump and proposals', () => {
  const history = [{ version: '1.2.0', schema: v1 }];
  const check = (schema: JsonSchema, version?: string) =>
    checkCompatibility({ history, candidate: version ? { schema, version } : { schema }, level: 'FULL_TRANSITIVE', policy: 'LENIENT' });

  it.each([
    ['no change needs no release', v1, 'none', '1.2.0'],
    ['a description is a patch', obj({ id: { ...S, description: 'the id' } }), 'patch', '1.2.1'],
    ['an optional field (LENIENT) is a minor', obj({ id: S, note: S }), 'minor', '1.3.0'],
    ['a new required field breaks FULL: major', obj({ id: S, note: S }, { required: ['note'] }), 'major', '2.0.0'],
  ] as const)('%s', (_why, schema, bump, suggested) => {
    const r = check(schema);
    expect(r.requiredBump).toBe(bump);
    expect(r.suggestedVersion).toBe(suggested);
  });

  it('rejects a proposal lower than needed, with the reason', () => {
    const r = check(obj({ id: S, note: S }), '1.2.1');
    expect(r.proposal?.acceptable).toBe(false);
    expect(r.proposal?.reasons.join(' ')).toMatch(/1\.2\.1 is a patch release but the changes need a minor release .*optional property added .*\/properties\/note.*use 1\.3\.0/);
  });

  it('allows a proposal higher than needed, with a note', () => {
    const r = check(obj({ id: S, note: S }), '1.4.0');
    expect(r.proposal).toMatchObject({ acceptable: true, reasons: [] });
    expect(r.proposal?.notes.join(' ')).toMatch(/higher than needed: 1\.3\.0 would do/);
  });

  it('allows a new major line for a minor change, noting it was not needed', () => {
    const r = check(obj({ id: S, note: S }), '2.0.0');
    expect(r.proposal?.acceptable).toBe(true);
    expect(r.proposal?.notes.join(' ')).toMatch(/1\.3\.0 would be enough/);
  });

  it('rejects a breaking change released as a minor, listing what breaks', () => {
    const r = check(obj({ id: { type: 'integer' } }), '1.3.0');
    expect(r.compatible).toBe(false);
    expect(r.proposal?.acceptable).toBe(false);
    expect(r.proposal?.reasons.join('\n')).toMatch(/breaks backward compatibility with 1\.2\.0 under LENIENT: type changed from "string" to "integer" at \/properties\/id\/type/);
    expect(r.proposal?.reasons.join('\n')).toMatch(/use 2\.0\.0/);
  });

  it('accepts the breaking change as 2.0.0: a new major line', () => {
    const r = check(obj({ id: { type: 'integer' } }), '2.0.0');
    expect(r.compatible).toBe(true);
    expect(r.proposal?.acceptable).toBe(true);
  });

  it('rejects a version that is not greater than the latest', () => {
    expect(check(obj({ id: S, note: S }), '1.1.0').proposal?.reasons[0]).toMatch(/1\.1\.0 is not greater than 1\.2\.0/);
  });

  it('rejects re-using a registered version for a different schema, accepts the same schema', () => {
    expect(check(obj({ id: S, note: S }), '1.2.0').proposal?.acceptable).toBe(false);
    expect(check(v1, '1.2.0').proposal?.acceptable).toBe(true);
  });
});

describe('nextVersion', () => {
  it.each([
    ['1.2.3', 'patch', '1.2.4'],
    ['1.2.3', 'minor', '1.3.0'],
    ['1.2.3', 'major', '2.0.0'],
    ['1.2.3', 'none', '1.2.3'],
    [undefined, 'minor', '1.0.0'],
  ] as const)('%s + %s → %s', (latest, bump, next) => {
    expect(nextVersion(latest, bump)).toBe(next);
  });

  it('says what a valid version looks like', () => {
    expect(() => nextVersion('one', 'minor')).toThrow(/"one" is not a release version/);
  });
});

describe('proposal notes and refusals (mutation survivors)', () => {
  const run = (history: { version: string; schema: JsonSchema }[], schema: JsonSchema, version: string) =>
    checkCompatibility({ history, candidate: { schema, version }, level: 'FULL_TRANSITIVE', policy: 'LENIENT' });

  it('a version already registered: the same schema is a note, another schema a refusal', () => {
    expect(run([{ version: '1.0.0', schema: v1 }], v1, '1.0.0').proposal).toMatchObject({ acceptable: true, notes: ['1.0.0 is already registered with this schema'], reasons: [] });
    const other = run([{ version: '1.0.0', schema: v1 }], obj({ id: S, n: S }), '1.0.0').proposal!;
    expect(other.acceptable).toBe(false);
    expect(other.reasons[0]).toMatch(/^1\.0\.0 is already registered with a different schema; versions are immutable, use \d+\.\d+\.\d+$/);
  });

  it('a new major line says what would have been enough and where lines usually start', () => {
    const p = run([{ version: '1.0.0', schema: v1 }], v1, '2.1.0').proposal!;
    expect(p.acceptable).toBe(true);
    expect(p.notes).toEqual([expect.stringMatching(/^2\.1\.0 starts a new major line; \S+ would be enough \(no changes\)$/), 'a new major line usually starts at 2.0.0']);
    expect(run([{ version: '1.0.0', schema: v1 }], v1, '2.0.0').proposal!.notes).toHaveLength(1);
  });

  it('a version higher than needed is accepted with a note', () => {
    const p = run([{ version: '1.0.0', schema: v1 }], v1, '1.0.1').proposal!;
    expect(p).toMatchObject({ acceptable: true, reasons: [] });
    expect(p.notes).toEqual([expect.stringMatching(/^1\.0\.1 is higher than needed: \S+ would do \(the changes need no release\)$/)]);
  });

  it('history is sorted before use, and bad versions are refused with what they are', () => {
    const r = run([{ version: '1.1.0', schema: v1 }, { version: '1.0.0', schema: v1 }], v1, '1.1.0');
    expect(r.latest).toBe('1.1.0');
    expect(() => run([{ version: '1.0', schema: v1 }], v1, '1.1.0')).toThrow(/^history version "1\.0" is not a release version/);
    expect(() => run([{ version: '1.0.0', schema: v1 }], v1, '1.1.0-rc.1')).toThrow(/^proposed version "1\.1\.0-rc\.1" is not a release version/);
  });
});
