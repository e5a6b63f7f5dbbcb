import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './index.ts';
import { instancePointer, readsPointer } from './consumers.ts';
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
