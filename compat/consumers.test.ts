import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './index.ts';
import { applyConsumerAware, instancePointer, readsPointer, unreadFields } from './consumers.ts';
import type { ConsumerReads, JsonSchema } from './types.ts';

const event = (payloadProps: Record<string, unknown>, required: string[]): JsonSchema => ({
  type: 'object',
  required: ['eventId', 'payload'],
  properties: {
    eventId: { type: 'string' },
    payload: { $ref: '#/$defs/Payload' },
  },
  $defs: { Payload: { type: 'object', required, properties: payloadProps } },
});

const v1 = event({ priority: { type: 'string', enum: ['low', 'high'] }, attempts: { type: 'integer' }, note: { type: 'string' } }, ['priority', 'attempts']);
const attemptsRetyped = event({ priority: { type: 'string', enum: ['low', 'high'] }, attempts: { type: 'string' }, note: { type: 'string' } }, ['priority', 'attempts']);
const priorityRetyped = event({ priority: { type: 'integer' }, attempts: { type: 'integer' }, note: { type: 'string' } }, ['priority', 'attempts']);

const consumers: ConsumerReads[] = [
  { agent: 'ui-ux-designer', operationId: 'ui.receive', reads: ['/priority'] },
  { agent: 'prompt-engineering-specialist', operationId: 'pes.receive', reads: ['/priority', '/note'] },
];

const check = (schema: JsonSchema, policy: 'LENIENT' | 'CONSUMER_AWARE') =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: v1 }], candidate: { schema, version: '1.1.0' }, level: 'FULL_TRANSITIVE', policy, consumers });

describe('CONSUMER_AWARE policy', () => {
  it('rejects under LENIENT and accepts under CONSUMER_AWARE the same change to a field nobody reads', () => {
    const lenient = check(attemptsRetyped, 'LENIENT');
    expect(lenient.compatible, 'retyping a required field breaks FULL_TRANSITIVE under LENIENT').toBe(false);
    expect(lenient.proposal?.acceptable, '1.1.0 is not acceptable for a breaking change').toBe(false);
    expect(lenient.consumerImpact?.unread.map((u) => u.field), 'LENIENT still reports that nobody reads it').toContain('/attempts');

    const aware = check(attemptsRetyped, 'CONSUMER_AWARE');
    expect(aware.compatible, 'no registered consumer reads /attempts').toBe(true);
    expect(aware.requiredBump, 'accepted as a minor bump').toBe('minor');
    expect(aware.suggestedVersion).toBe('1.1.0');
    expect(aware.proposal?.acceptable, 'the declared 1.1.0 is accepted').toBe(true);
    expect(aware.proposal?.notes.join('\n'), 'the report says why').toMatch(/CONSUMER_AWARE.*\/attempts/);
    expect(aware.consumerImpact?.safeToRemove, 'fields no consumer reads are safe to remove').toEqual(['/attempts']);
  });

  it('still rejects under CONSUMER_AWARE a change to a read field, naming the consumers', () => {
    const aware = check(priorityRetyped, 'CONSUMER_AWARE');
    expect(aware.compatible, 'priority is read by two consumers').toBe(false);
    const agents = aware.consumerImpact!.affecting.flatMap((a) => a.consumers.map((c) => c.agent));
    expect(new Set(agents), 'both readers are named').toEqual(new Set(['ui-ux-designer', 'prompt-engineering-specialist']));
    expect(aware.violations[0]!.changes[0]!.message, 'every message names who reads the field').toContain('read by ui-ux-designer (ui.receive)');
  });

  it('treats envelope fields as read by every consumer', () => {
    const envelopeRetyped = structuredClone(attemptsRetyped) as any;
    envelopeRetyped.properties.eventId = { type: 'integer' };
    const aware = check(envelopeRetyped, 'CONSUMER_AWARE');
    expect(aware.compatible, 'an envelope change breaks everyone').toBe(false);
    expect(aware.consumerImpact!.affecting.some((a) => a.field === 'envelope:/eventId' && a.consumers.length === 2)).toBe(true);
  });

  it('leaves reports without consumers untouched', () => {
    const report = checkCompatibility({ history: [{ version: '1.0.0', schema: v1 }], candidate: { schema: attemptsRetyped, version: '1.1.0' }, level: 'FULL_TRANSITIVE', policy: 'CONSUMER_AWARE' });
    expect(report.compatible, 'no consumer data: CONSUMER_AWARE falls back to LENIENT').toBe(false);
    expect('consumerImpact' in report).toBe(false);
  });
});

describe('schema path → instance pointer', () => {
  it.each([
    { path: '/properties/payload/properties/a/type', expected: '/payload/a', why: 'a keyword ends the location' },
    { path: '/properties/payload/properties/r/allOf/0/properties/d/type', expected: '/payload/r/d', why: 'allOf branches are the same instance' },
    { path: '/properties/payload/properties/k/items/properties/d/type', expected: '/payload/k/*/d', why: 'array items are any item' },
    { path: '/properties/payload/required', before: 'r', expected: '/payload/r', why: 'a required change is about the named property' },
    { path: '/properties/a~1b/type', expected: '/a~1b', why: 'JSON pointer escapes survive' },
    { path: '/$defs/X/type', expected: undefined, why: 'an unfollowed definition cannot be placed' },
  ])('$path → $expected ($why)', ({ path, before, expected }) => {
    expect(instancePointer({ path, before, after: undefined })).toBe(expected);
  });

  it.each([
    { reads: ['/requirements/description'], pointer: '/requirements', read: true, why: 'removing a parent removes the read child' },
    { reads: ['/requirements'], pointer: '/requirements/targetModel', read: true, why: 'a child of an object read whole' },
    { reads: ['/tags/0/name'], pointer: '/tags/*/name', read: true, why: 'indexes mean any item' },
    { reads: ['/priority'], pointer: '/attempts', read: false, why: 'unrelated field' },
  ])('readsPointer($reads, $pointer) = $read ($why)', ({ reads, pointer, read }) => {
    expect(readsPointer(reads, pointer)).toBe(read);
  });
});

describe('every schema keyword on the way to a field', () => {
  it.each([
    { path: '/properties/a/additionalItems/properties/b/type', expected: '/a/*/b', why: 'the rest of a draft-07 tuple is any item' },
    { path: '/properties/a/items/0/type', expected: '/a/*', why: 'a draft-07 tuple position is an item' },
    { path: '/properties/a/items/0/properties/b/type', expected: '/a/*/b', why: 'and its properties are the item\'s' },
    { path: '/properties/a/prefixItems/1/properties/b/type', expected: '/a/*/b', why: 'a 2020-12 tuple position is an item' },
    { path: '/properties/a/contains/type', expected: '/a/*', why: 'contains is about some item' },
    { path: '/properties/a/additionalProperties/type', expected: '/a/*', why: 'additional properties are any name' },
    { path: '/properties/a/unevaluatedProperties/properties/b/type', expected: '/a/*/b', why: 'so are unevaluated ones' },
    { path: '/properties/a/patternProperties/^x$/properties/b/type', expected: '/a/*/b', why: 'a pattern is any matching name' },
    { path: '/properties/a/anyOf/1/properties/b/type', expected: '/a/b', why: 'anyOf branches are the same instance' },
    { path: '/properties/a/oneOf/0/properties/b/type', expected: '/a/b', why: 'oneOf branches too' },
    { path: '/properties/a/not/type', expected: '/a', why: 'not is about the same instance' },
    { path: '/properties/a/not/properties/b/type', expected: '/a/b', why: 'and is walked through' },
    { path: '/properties/a/items/12/properties/b/type', expected: '/a/*/b', why: 'a tuple index of several digits' },
    { path: '/properties/a/required', after: 5, expected: '/a', why: 'a name that is not a string is not a property' },
    { path: '/properties/a/if/properties/b/type', expected: '/a/b', why: 'if' },
    { path: '/properties/a/then/properties/b/type', expected: '/a/b', why: 'then' },
    { path: '/properties/a/else/properties/b/type', expected: '/a/b', why: 'else' },
    { path: '/properties/a/dependentRequired/x', after: 'c', expected: '/a/c', why: 'a dependent requirement is about the named property' },
    { path: '/properties/a/required', expected: '/a', why: 'a required change without a name is about the object' },
    { path: '/properties/a/required', before: 7, after: 'b', expected: '/a/b', why: 'the name may come from after' },
    { path: '/definitions/X/type', expected: undefined, why: 'draft-07 definitions cannot be placed either' },
    { path: '/type', expected: '', why: 'the root itself' },
    { path: '/properties/a~0b/properties/c~1d/type', expected: '/a~0b/c~1d', why: 'both escapes survive' },
  ])('$path → $expected ($why)', ({ path, before, after, expected }) => {
    expect(instancePointer({ path, before, after })).toBe(expected);
  });

  it.each([
    { reads: [''], pointer: '/any/thing', read: true, why: 'a consumer reading the whole payload reads every field' },
    { reads: ['/a'], pointer: '', read: true, why: 'a change to the whole payload is read by everyone' },
    { reads: ['/a'], pointer: '/ab', read: false, why: 'a name prefix is not a parent' },
    { reads: ['/ab'], pointer: '/a', read: false, why: 'nor a child' },
    { reads: ['/tags/-'], pointer: '/tags/*', read: true, why: '`-` is an item too' },
    { reads: ['/tags/12/name'], pointer: '/tags/*/name', read: true, why: 'indexes of several digits' },
    { reads: ['/tags/1x'], pointer: '/tags/*', read: false, why: 'a name starting with a digit is not an index' },
    { reads: [], pointer: '/a', read: false, why: 'a consumer reading nothing' },
    { reads: ['/b', '/a'], pointer: '/a', read: true, why: 'any read counts' },
  ])('readsPointer($reads, $pointer) = $read ($why)', ({ reads, pointer, read }) => {
    expect(readsPointer(reads, pointer)).toBe(read);
  });
});

describe('unreadFields: the topmost fields nobody reads', () => {
  const payload: JsonSchema = {
    type: 'object',
    properties: { z: { type: 'string' }, r: { $ref: '#/$defs/R' }, m: { type: 'integer' } },
    allOf: [{ properties: { fromAllOf: { type: 'string' } } }, { $ref: '#/$defs/Extra' }],
    $defs: {
      R: { type: 'object', properties: { d: { type: 'string' }, e: { type: 'string' }, 'x/y': { type: 'string' } } },
      Extra: { properties: { viaRef: { type: 'string' } } },
    },
  };

  it('walks into a partly read object, through $ref and allOf, sorted by name', () => {
    const readers: ConsumerReads[] = [{ agent: 'a', reads: ['/r/d', '/m'] }];
    expect(unreadFields(payload, readers, false)).toEqual(['/fromAllOf', '/r/e', '/r/x~1y', '/viaRef', '/z']);
  });

  it('an object read whole is not walked; a field read by anyone is not listed', () => {
    expect(unreadFields(payload, [{ agent: 'a', reads: ['/r'] }, { agent: 'b', reads: ['/z'] }], false)).toEqual(['/fromAllOf', '/m', '/viaRef']);
    expect(unreadFields(payload, [{ agent: 'a', reads: [''] }], false), 'the whole payload read').toEqual([]);
  });

  it('inside an envelope only the payload is considered', () => {
    const enveloped: JsonSchema = { type: 'object', properties: { eventId: { type: 'string' }, payload: { $ref: '#/$defs/P' } }, $defs: { P: { properties: { a: {}, b: {} } } } };
    expect(unreadFields(enveloped, [{ agent: 'x', reads: ['/a'] }], true)).toEqual(['/b']);
    expect(unreadFields(enveloped, [{ agent: 'x', reads: ['/a'] }], false), 'the same schema read as a bare payload').toEqual(['/eventId', '/payload']);
  });

  it('a $ref that leads nowhere or loops has no fields', () => {
    const dangling: JsonSchema = { properties: { a: { $ref: '#/$defs/Missing' }, b: { $ref: '#/$defs/Loop' } }, $defs: { Loop: { $ref: '#/$defs/Loop' } } };
    expect(unreadFields(dangling, [{ agent: 'x', reads: ['/a/q', '/b/q'] }], false)).toEqual([]);
  });
});

describe('CONSUMER_AWARE details', () => {
  const history = [{ version: '1.0.0', schema: v1 }];
  const aware = (version: string | undefined, who: ConsumerReads[] = consumers) =>
    checkCompatibility({ history, candidate: { schema: attemptsRetyped, ...(version ? { version } : {}) }, level: 'FULL_TRANSITIVE', policy: 'CONSUMER_AWARE', consumers: who });

  it('a declared version below the minor bump is refused with the version it needs', () => {
    const r = aware('1.0.1');
    expect(r.compatible).toBe(true);
    expect(r.proposal).toMatchObject({ version: '1.0.1', acceptable: false, reasons: ['under CONSUMER_AWARE this change needs at least 1.1.0'] });
    expect(aware('1.2.0').proposal).toMatchObject({ acceptable: true, reasons: [] });
  });

  it('a declared new major line is acceptable without reasons', () => {
    expect(aware('2.0.0').proposal).toMatchObject({ version: '2.0.0', acceptable: true, reasons: [] });
  });

  it('without a declared version the suggestion is the minor bump and no proposal is made up', () => {
    const r = aware(undefined);
    expect([r.compatible, r.requiredBump, r.suggestedVersion, r.proposal]).toEqual([true, 'minor', '1.1.0', undefined]);
  });

  it('notes list the unread fields and what is safe to remove', () => {
    const notes = aware('1.1.0').proposal!.notes;
    expect(notes).toContain('accepted under CONSUMER_AWARE: the breaking changes touch only fields no registered consumer reads (/attempts)');
    expect(notes).toContain('safe to remove (no registered consumer reads them): /attempts');
  });

  it('a consumer without an operation id is named by its agent alone; unread changes say so', () => {
    const r = checkCompatibility({ history, candidate: { schema: attemptsRetyped, version: '1.1.0' }, level: 'FULL_TRANSITIVE', policy: 'LENIENT', consumers: [{ agent: 'solo', reads: ['/attempts'] }] });
    expect(r.consumerImpact!.affecting[0]!.consumers).toEqual([{ agent: 'solo' }]);
    expect(r.violations[0]!.changes[0]!.message).toMatch(/ \[read by solo\]$/);
    const unread = checkCompatibility({ history, candidate: { schema: attemptsRetyped, version: '1.1.0' }, level: 'FULL_TRANSITIVE', policy: 'LENIENT', consumers: [{ agent: 'solo', reads: ['/note'] }] });
    expect(unread.violations[0]!.changes[0]!.message).toMatch(/ \[read by no registered consumer\]$/);
    expect(unread.consumerImpact!.unread[0]).toMatchObject({ field: '/attempts', direction: 'backward', against: '1.0.0', consumers: [] });
  });

  it('a compatible report is only annotated, and an empty consumer list changes nothing', () => {
    const same = checkCompatibility({ history, candidate: { schema: v1, version: '1.0.1' }, level: 'FULL_TRANSITIVE', policy: 'CONSUMER_AWARE', consumers });
    expect([same.compatible, same.requiredBump, same.consumerImpact?.safeToRemove]).toEqual([true, 'none', ['/attempts']]);
    const none = checkCompatibility({ history, candidate: { schema: attemptsRetyped, version: '1.1.0' }, level: 'FULL_TRANSITIVE', policy: 'CONSUMER_AWARE', consumers: [] });
    expect([none.compatible, 'consumerImpact' in none]).toEqual([false, false]);
  });

  it('a bare payload schema (no envelope): the pointer is the field itself', () => {
    const bare = (props: Record<string, unknown>): JsonSchema => ({ type: 'object', required: ['n'], properties: props });
    const r = applyConsumerAware(
      checkCompatibility({ history: [{ version: '1.0.0', schema: bare({ n: { type: 'integer' } }) }], candidate: { schema: bare({ n: { type: 'string' } }), version: '1.1.0' }, level: 'BACKWARD', policy: 'LENIENT' }),
      { consumers: [{ agent: 'a', reads: ['/n'] }], policy: 'LENIENT', candidate: { schema: bare({ n: { type: 'string' } }) } },
    );
    expect(r.consumerImpact!.affecting.map((a) => a.field)).toEqual(['/n']);
  });
});

describe('who is named', () => {
  const history = [{ version: '1.0.0', schema: v1 }];
  const run = (schema: JsonSchema, who: ConsumerReads[], policy: 'LENIENT' | 'CONSUMER_AWARE' = 'LENIENT') =>
    checkCompatibility({ history, candidate: { schema, version: '1.1.0' }, level: 'FULL_TRANSITIVE', policy, consumers: who });

  it('only the consumers that read the field, each with its operation id', () => {
    const r = run(attemptsRetyped, [{ agent: 'a', operationId: 'a.op', reads: ['/attempts'] }, { agent: 'b', operationId: 'b.op', reads: ['/note'] }, { agent: 'c', reads: ['/attempts'] }]);
    expect(r.consumerImpact!.affecting[0]!.consumers).toEqual([{ agent: 'a', operationId: 'a.op' }, { agent: 'c' }]);
    expect(r.violations[0]!.changes[0]!.message).toMatch(/ \[read by a \(a\.op\), c\]$/);
  });

  it('an envelope change names every consumer, with operation ids', () => {
    const envelopeRetyped = structuredClone(v1) as { properties: Record<string, unknown> };
    envelopeRetyped.properties.eventId = { type: 'integer' };
    const r = run(envelopeRetyped as JsonSchema, [{ agent: 'a', operationId: 'a.op', reads: ['/note'] }, { agent: 'c', reads: [] }]);
    expect(r.consumerImpact!.affecting[0]).toMatchObject({ field: 'envelope:/eventId', consumers: [{ agent: 'a', operationId: 'a.op' }, { agent: 'c' }] });
  });

  it('CONSUMER_AWARE with several unread fields lists them all and reports no violation', () => {
    const both = event({ priority: { type: 'string', enum: ['low', 'high'] }, attempts: { type: 'string' }, note: { type: 'integer' } }, ['priority', 'attempts']);
    const r = run(both, [{ agent: 'a', reads: ['/priority'] }], 'CONSUMER_AWARE');
    expect([r.compatible, r.violations]).toEqual([true, []]);
    expect(r.proposal!.notes).toContain('accepted under CONSUMER_AWARE: the breaking changes touch only fields no registered consumer reads (/attempts, /note)');
    expect(r.proposal!.notes).toContain('safe to remove (no registered consumer reads them): /attempts, /note');
  });
});
