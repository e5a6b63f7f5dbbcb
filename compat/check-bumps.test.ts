/**
 * checkCompatibility: the first version of a subject, which major line a bump is judged in
 * (a candidate that starts a new line, a candidate for an older line), and the exact text of
 * the proposal verdicts (too low, higher than needed, not greater, breaks listed per direction).
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import type { JsonSchema, Level, SchemaVersion } from './types.ts';

const obj = (properties: Record<string, unknown>, required: string[] = []): JsonSchema => ({ type: 'object', properties, ...(required.length ? { required } : {}) });
const S = { type: 'string' };
const I = { type: 'integer' };
const check = (history: SchemaVersion[], schema: JsonSchema, version?: string, level: Level = 'FULL_TRANSITIVE') =>
  checkCompatibility({ history, candidate: version ? { schema, version } : { schema }, level, policy: 'LENIENT' });

describe('the first version of a subject', () => {
  it('is accepted as it is, with a note when a version is proposed', () => {
    // why: nothing to compare against; the proposed version is the suggestion
    expect(check([], obj({ id: S }), '0.3.0')).toEqual({
      compatible: true,
      level: 'FULL_TRANSITIVE',
      policy: 'LENIENT',
      changes: [],
      violations: [],
      requiredBump: 'none',
      suggestedVersion: '0.3.0',
      proposal: { version: '0.3.0', acceptable: true, notes: ['first version of this subject'], reasons: [] },
    });
    // why: without a proposal there is nothing to judge: 1.0.0 is suggested
    expect(check([], obj({ id: S }))).toEqual({ compatible: true, level: 'FULL_TRANSITIVE', policy: 'LENIENT', changes: [], violations: [], requiredBump: 'none', suggestedVersion: '1.0.0' });
  });
});

describe('the major line a bump is judged in', () => {
  it('a candidate starting a new major line is judged against every version of the latest line', () => {
    // 2.0.0 had y: integer, 2.1.0 dropped it (LENIENT: compatible); the candidate brings y back as a string.
    const history = [
      { version: '1.0.0', schema: obj({ x: I }) },
      { version: '2.0.0', schema: obj({ id: S, y: I }) },
      { version: '2.1.0', schema: obj({ id: S }) },
    ];
    const r = check(history, obj({ id: S, y: S }), '3.0.0');
    // why: a new major line has no earlier version to break: the level holds
    expect([r.compatible, r.latest, r.violations]).toEqual([true, '2.1.0', []]);
    // why: 2.0.0 events carry an integer y the candidate rejects: in the 2.x line that is a break, so a major
    expect([r.requiredBump, r.suggestedVersion]).toEqual(['major', '3.0.0']);
    expect(r.proposal).toEqual({ version: '3.0.0', acceptable: true, notes: [], reasons: [] });
  });

  it('versions of other lines do not raise the bump of a candidate starting a new line', () => {
    // 1.0.0 had z: integer; the 2.x line never had z. The candidate adds an optional string z.
    const history = [
      { version: '1.0.0', schema: obj({ id: S, z: I }) },
      { version: '2.0.0', schema: obj({ id: S }) },
    ];
    const r = check(history, obj({ id: S, z: S }), '3.1.0');
    // why: against 2.0.0 (its reference) an optional field is a minor change, whatever 1.0.0 said about z
    expect([r.requiredBump, r.suggestedVersion]).toEqual(['minor', '2.1.0']);
    expect(r.proposal).toEqual({
      version: '3.1.0',
      acceptable: true,
      notes: ['3.1.0 starts a new major line; 2.1.0 would be enough (the changes need a minor release)', 'a new major line usually starts at 3.0.0'],
      reasons: [],
    });
  });

  it('a new major line for a breaking change needs no note', () => {
    const r = check([{ version: '1.0.0', schema: obj({ id: S }) }], obj({ id: I }), '2.0.0');
    // why: a break needs a major: 2.0.0 is exactly right
    expect(r.requiredBump).toBe('major');
    expect(r.proposal).toEqual({ version: '2.0.0', acceptable: true, notes: [], reasons: [] });
    // why: the same schema as 2.0.0 needs no release at all: the note says so
    expect(check([{ version: '1.0.0', schema: obj({ id: S }) }], obj({ id: S }), '2.0.0').proposal?.notes).toEqual(['2.0.0 starts a new major line; 1.0.0 would be enough (no changes)']);
  });

  it('a break in an older line suggests the next free major, not the line\'s own next major', () => {
    const history = [
      { version: '1.0.0', schema: obj({ id: S }) },
      { version: '2.0.0', schema: obj({ other: S }) },
    ];
    const r = check(history, obj({ id: I }), '1.1.0');
    // why: 2.0.0 is taken: the break must go to 3.0.0
    expect([r.latest, r.requiredBump, r.suggestedVersion]).toEqual(['1.0.0', 'major', '3.0.0']);
    expect(r.proposal?.reasons.at(-1)).toBe('a FULL_TRANSITIVE break needs a new major version: use 3.0.0');
  });
});

describe('proposal verdicts, word for word', () => {
  const history = [{ version: '1.2.0', schema: obj({ id: S, n: I }, ['id']) }];

  it('a version not greater than the latest is refused', () => {
    // why: versions only go up inside a line
    expect(check(history, obj({ id: S, n: I, note: S }, ['id']), '1.1.9').proposal).toEqual({
      version: '1.1.9',
      acceptable: false,
      notes: [],
      reasons: ['1.1.9 is not greater than 1.2.0, the latest 1.x version; use 1.3.0'],
    });
  });

  it('each broken direction is one reason listing all its changes, then the major it needs', () => {
    // id: string → integer breaks both ways; n: integer → integer|string breaks old readers only
    const r = check(history, obj({ id: I, n: { type: ['integer', 'string'] } }, ['id']), '1.3.0', 'FULL');
    expect(r.proposal?.reasons).toEqual([
      'breaks backward compatibility with 1.2.0 under LENIENT: type changed from "string" to "integer" at /properties/id/type',
      'breaks forward compatibility with 1.2.0 under LENIENT: type changed from "integer" to "string" at /properties/id/type; type narrowed from ["integer","string"] to "integer" at /properties/n/type',
      'a FULL break needs a new major version: use 2.0.0',
    ]);
    expect(r.proposal?.acceptable).toBe(false);
  });

  it('too low for a minor: only the changes that need the minor are named, not annotations', () => {
    const r = check(history, obj({ id: { ...S, description: 'the id' }, n: I, note: S }, ['id']), '1.2.1');
    // why: the description alone would be a patch; the optional field is what needs the minor
    expect(r.proposal).toEqual({
      version: '1.2.1',
      acceptable: false,
      notes: [],
      reasons: ['1.2.1 is a patch release but the changes need a minor release (optional property added to an open object at /properties/note); use 1.3.0'],
    });
  });

  it('too low for a major that the level accepts: every change is named, annotations included, at most three', () => {
    // Under BACKWARD a widened type holds (old events stay valid) but breaks old readers: a major.
    const widened = obj({ id: { ...S, description: 'the id', title: 'Id' }, n: { type: ['integer', 'string'] }, note: S }, ['id']);
    const r = check(history, widened, '1.3.0', 'BACKWARD');
    expect([r.compatible, r.requiredBump]).toEqual([true, 'major']);
    const [reason] = r.proposal!.reasons;
    // why: for a major, the first three changes are listed whatever they are
    expect(reason).toMatch(/^1\.3\.0 is a minor release but the changes need a major release \((.+); (.+); (.+)\); use 2\.0\.0$/);
    expect(reason).toContain('description');
    expect(reason!.split('; ')).toHaveLength(4);
  });

  it('exactly the suggested version has no note; a higher one says what would do', () => {
    // why: 1.3.0 is what an optional field needs
    expect(check(history, obj({ id: S, n: I, note: S }, ['id']), '1.3.0').proposal).toEqual({ version: '1.3.0', acceptable: true, notes: [], reasons: [] });
    // why: 1.4.0 is more than needed: a note, not a refusal, naming the release the changes need
    expect(check(history, obj({ id: S, n: I, note: S }, ['id']), '1.4.0').proposal).toEqual({
      version: '1.4.0',
      acceptable: true,
      notes: ['1.4.0 is higher than needed: 1.3.0 would do (the changes need a minor release)'],
      reasons: [],
    });
  });
});
