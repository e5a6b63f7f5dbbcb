import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '#compat/index.ts';
import type { JsonSchema, Level } from '#compat/types.ts';
import { canonicalize } from './canonical.ts';
import { decideRegistration, type HistoryEntry } from './decide.ts';

const base = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
const optionalAdded = { ...base, properties: { ...base.properties, note: { type: 'string' } } };
const typeChanged = { ...base, properties: { id: { type: 'integer' } } };

const entry = (version: string, schema: JsonSchema, position: number): HistoryEntry => ({
  version,
  schema,
  hash: canonicalize(schema).hash,
  schemaId: position,
  position,
});

const decide = (history: HistoryEntry[], schema: JsonSchema, version?: string, options: { level?: Level; taken?: readonly string[] } = {}) =>
  decideRegistration({
    subject: 'A.B.C',
    history,
    takenVersions: [...(options.taken ?? [])],
    candidate: { schema, hash: canonicalize(schema).hash, ...(version ? { version } : {}) },
    level: options.level ?? 'FULL_TRANSITIVE',
    policy: 'LENIENT',
    check: checkCompatibility,
  });

const v1 = [entry('1.0.0', base, 1)];
// The same accepted events as base, as other content: a one-branch allOf.
const sameMeaning = { allOf: [base] };

describe('decideRegistration', () => {
  it.each([
    ['first version, declared', [], base, '1.3.0', {}, { status: 'registered', version: '1.3.0' }],
    ['first version via Confluent starts at 1.0.0', [], base, undefined, {}, { status: 'registered', version: '1.0.0' }],
    ['identical content is unchanged, whatever key order', v1, { required: ['id'], properties: { id: { type: 'string' } }, type: 'object' }, undefined, {}, { status: 'unchanged', version: '1.0.0' }],
    ['optional field with a minor bump registers', v1, optionalAdded, '1.1.0', {}, { status: 'registered', version: '1.1.0' }],
    ['optional field via Confluent gets the inferred minor', v1, optionalAdded, undefined, {}, { status: 'registered', version: '1.1.0' }],
    ['a breaking change declared as a new major starts a new line', v1, typeChanged, '2.0.0', {}, { status: 'registered', version: '2.0.0' }],
    ['a breaking change declared as minor is rejected with 2.0.0', v1, typeChanged, '1.1.0', {}, { status: 'rejected', smallestAcceptableVersion: '2.0.0' }],
    ['a breaking change via Confluent is refused', v1, typeChanged, undefined, {}, { status: 'rejected', smallestAcceptableVersion: '2.0.0' }],
    // Under NONE nothing is checked, but the bump follows the semantic change: a new major line.
    ['a breaking change via Confluent under NONE is accepted as a new major', v1, typeChanged, undefined, { level: 'NONE' as Level }, { status: 'registered', version: '2.0.0', requiredBump: 'major' }],
    ['a breaking change declared as minor under NONE is rejected with 2.0.0', v1, typeChanged, '1.1.0', { level: 'NONE' as Level }, { status: 'rejected', smallestAcceptableVersion: '2.0.0' }],
    ['a taken version with other content is rejected', v1, optionalAdded, '1.0.0', {}, { status: 'rejected', smallestAcceptableVersion: '1.1.0' }],
    ['a version held by a deleted row is never reused', v1, optionalAdded, undefined, { taken: ['1.1.0'] }, { status: 'registered', version: '1.2.0' }],
    ['a malformed declared version is rejected', v1, optionalAdded, 'v1.1', {}, { status: 'rejected' }],
    // Other content with no change the engine sees (a one-branch allOf is normalized away): the
    // required bump is none, and the next free version is one patch step up, not a minor.
    ['no change via Confluent takes the next patch', v1, sameMeaning, undefined, {}, { status: 'registered', version: '1.0.1', requiredBump: 'none' }],
    ['no change via Confluent steps over deleted patches', v1, sameMeaning, undefined, { taken: ['1.0.1', '1.0.2'] }, { status: 'registered', version: '1.0.3' }],
    ['no change declared as the taken version is pointed to the next patch', v1, sameMeaning, '1.0.0', {}, { status: 'rejected', smallestAcceptableVersion: '1.0.1' }],
  ] as const)('%s', (_name, history, schema, version, options, expected) => {
    const decision = decide([...history], schema as JsonSchema, version, options as { level?: Level; taken?: readonly string[] });
    expect(decision, JSON.stringify(decision, null, 1).slice(0, 600)).toMatchObject(expected);
  });

  it('explains a rejection with the changes that break it', () => {
    const decision = decide(v1, typeChanged, '1.1.0');
    expect(decision.status).toBe('rejected');
    if (decision.status !== 'rejected') return;
    expect(decision.reasons.join('\n'), 'the reasons name the changed field').toMatch(/id/);
    expect(decision.report?.changes.length, 'the compat report is attached for the API answer').toBeGreaterThan(0);
  });

  describe('transitive levels: v3 is judged against v1 too', () => {
    // x: integer → x dropped → x: string. Each step is compatible with the one before it
    // (open model, LENIENT); v1 events carry an integer x that v3 rejects.
    const chain = [
      { type: 'object', properties: { id: { type: 'string' }, x: { type: 'integer' } } },
      { type: 'object', properties: { id: { type: 'string' } } },
      { type: 'object', properties: { id: { type: 'string' }, x: { type: 'string' } } },
    ];
    const history = [entry('1.0.0', chain[0]!, 1), entry('1.1.0', chain[1]!, 2)];

    it.each([
      ['FULL_TRANSITIVE', '1.2.0'],
      ['FULL_TRANSITIVE', undefined],
      ['BACKWARD_TRANSITIVE', '1.2.0'],
      ['BACKWARD_TRANSITIVE', undefined],
    ] as const)('%s refuses v3 (declared %s) because of 1.0.0 and points to 2.0.0', (level, version) => {
      const decision = decide(history, chain[2]!, version, { level });
      expect(decision.status, 'v1 is in the same major line').toBe('rejected');
      if (decision.status !== 'rejected') return;
      expect(decision.reasons.join('\n'), 'the reason names the old version that breaks').toMatch(/\/properties\/x\/type.*against 1\.0\.0/);
      expect(decision.smallestAcceptableVersion).toBe('2.0.0');
    });

    it.each(['FULL', 'BACKWARD'] as const)('%s (not transitive) registers the same v3: it reads only 1.1.0', (level) => {
      expect(decide(history, chain[2]!, '1.2.0', { level })).toMatchObject({ status: 'registered', version: '1.2.0', requiredBump: 'minor' });
      expect(decide(history, chain[2]!, undefined, { level })).toMatchObject({ status: 'registered', version: '1.2.0' });
    });
  });
});
