/**
 * consumers.ts corners: where a change lands in an enveloped event (the payload itself, a
 * nested payload field, the whole event, a path into $defs), readers of the whole payload,
 * unreadFields through long $ref chains, non-local $refs and deep objects, and the CONSUMER_AWARE
 * notes when nothing is safe to remove.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './index.ts';
import { applyConsumerAware, instancePointer, readsPointer, unreadFields } from './consumers.ts';
import type { CompatReport, ConsumerReads, JsonSchema } from './types.ts';

const consumers: ConsumerReads[] = [
  { agent: 'ui', operationId: 'ui.receive', reads: ['/r/d'] },
  { agent: 'audit', reads: ['/n'] },
];
/** An enveloped candidate: the payload is `properties.payload`. */
const enveloped: JsonSchema = { type: 'object', properties: { eventId: { type: 'string' }, payload: { type: 'object', properties: { r: { type: 'object' }, n: { type: 'integer' } } } } };

/** A report with one backward violation at `path` (the rest as the engine would fill it). */
const reportWith = (path: string, o: Partial<CompatReport> = {}): CompatReport => {
  const change = { kind: 'TYPE_CHANGED' as const, path, before: 'string', after: 'integer', message: `type changed at ${path}`, hint: 'h' };
  return { compatible: false, level: 'BACKWARD', policy: 'LENIENT', latest: '1.0.0', changes: [change], violations: [{ against: '1.0.0', direction: 'backward', changes: [change] }], requiredBump: 'major', suggestedVersion: '2.0.0', ...o };
};
const impactOf = (path: string) => {
  const r = applyConsumerAware(reportWith(path), { consumers, policy: 'LENIENT', candidate: { schema: enveloped } });
  const [impact] = [...r.consumerImpact!.affecting, ...r.consumerImpact!.unread];
  return { field: impact!.field, agents: impact!.consumers.map((c) => c.agent), message: r.violations[0]!.changes[0]!.message };
};

describe('where a change lands in an enveloped event', () => {
  it('a nested payload field keeps its whole pointer', () => {
    // why: /payload/r/d is the payload field /r/d, which ui reads
    expect(impactOf('/properties/payload/properties/r/properties/d/type')).toEqual({ field: '/r/d', agents: ['ui'], message: 'type changed at /properties/payload/properties/r/properties/d/type [read by ui (ui.receive)]' });
  });

  it('the payload itself is the payload root, read by everyone who reads any of it', () => {
    // why: retyping the whole payload touches every field
    expect(impactOf('/properties/payload/type')).toMatchObject({ field: '', agents: ['ui', 'audit'] });
  });

  it('the whole event is an envelope change, read by everyone', () => {
    // why: the root of an enveloped event holds the envelope
    expect(impactOf('/type')).toMatchObject({ field: 'envelope:', agents: ['ui', 'audit'] });
    expect(impactOf('/properties/eventId/type')).toMatchObject({ field: 'envelope:/eventId', agents: ['ui', 'audit'] });
  });

  it('a path that cannot be placed is assumed read by everyone, never silently safe', () => {
    // why: a change inside $defs could be anywhere in the event
    expect(impactOf('/$defs/X/type')).toEqual({ field: undefined, agents: ['ui', 'audit'], message: 'type changed at /$defs/X/type [read by ui (ui.receive), audit]' });
  });
});

describe('schema path corners', () => {
  it.each([
    { path: '/properties/a/items/x1/properties/b/type', expected: '/a/*', why: 'after items, a name ending in a digit is no tuple index: the walk stops there' },
    { path: '/properties/a/items/1x/properties/b/type', expected: '/a/*', why: 'nor one starting with a digit' },
    { path: '/properties/a/properties', expected: '/a/', why: 'a path ending at "properties" names an empty property' },
  ])('$path → $expected ($why)', ({ path, expected }) => {
    expect(instancePointer({ path, before: undefined, after: undefined })).toBe(expected);
  });

  it('a reader of the whole payload reads any location, and a change to the whole payload is read by any reader', () => {
    // why: "" is the whole payload, however the other side is written
    expect(readsPointer([''], 'total')).toBe(true);
    expect(readsPointer(['total'], '')).toBe(true);
    // why: but two unrelated names are not related
    expect(readsPointer(['total'], 'id')).toBe(false);
  });
});

describe('unreadFields', () => {
  it('follows a chain of 16 $refs, and stops after that', () => {
    const chain = (hops: number): JsonSchema => {
      const $defs: Record<string, unknown> = {};
      for (let i = 1; i < hops; i++) $defs[`D${i}`] = { $ref: `#/$defs/D${i + 1}` };
      $defs[`D${hops}`] = { type: 'object', properties: { a: {}, b: {} } };
      return { type: 'object', properties: { r: { $ref: '#/$defs/D1' } }, $defs };
    };
    const reader: ConsumerReads[] = [{ agent: 'x', reads: ['/r/a'] }];
    // why: 16 hops are followed: b inside r is unread
    expect(unreadFields(chain(16), reader, false)).toEqual(['/r/b']);
    // why: a longer chain is given up on (no fields known), not followed forever
    expect(unreadFields(chain(17), reader, false)).toEqual([]);
  });

  it('a $ref that is not a local JSON pointer is not followed: its own properties count', () => {
    const schema: JsonSchema = { type: 'object', properties: { r: { $ref: 'https://example.com/r.json', properties: { a: {}, b: {} } } } };
    // why: only "#/..." refs are resolved here; the sibling properties are what we know
    expect(unreadFields(schema, [{ agent: 'x', reads: ['/r/a'] }], false)).toEqual(['/r/b']);
  });

  it('walks partly read objects six levels down, no further', () => {
    // n/n/n/... eight levels deep, each level with an unread x; the reader reads the deepest n.
    let node: Record<string, unknown> = { type: 'object', properties: { x: {} } };
    for (let i = 0; i < 8; i++) node = { type: 'object', properties: { n: node, x: {} } };
    const deepest = `/${Array(8).fill('n').join('/')}`;
    const unread = unreadFields(node, [{ agent: 'x', reads: [deepest] }], false);
    // why: x is listed at the top and in the six objects below it (names sorted, depth first: n before x); deeper ones are not walked
    expect(unread).toEqual(Array.from({ length: 7 }, (_, depth) => `${'/n'.repeat(6 - depth)}/x`));
  });
});

describe('CONSUMER_AWARE acceptance', () => {
  it('when every remaining field is read, nothing is safe to remove', () => {
    // x removed: old readers required it (forward break), but no registered consumer reads /x.
    const history = [{ version: '1.0.0', schema: { type: 'object', required: ['a', 'x'], properties: { a: { type: 'string' }, x: { type: 'string' } } } as JsonSchema }];
    const candidate = { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } as JsonSchema;
    const r = checkCompatibility({ history, candidate: { schema: candidate, version: '1.1.0' }, level: 'FULL', policy: 'CONSUMER_AWARE', consumers: [{ agent: 'x', reads: ['/a'] }] });
    // why: the break touches only /x, which nobody reads: accepted as a minor
    expect([r.compatible, r.requiredBump, r.proposal?.acceptable]).toEqual([true, 'minor', true]);
    expect(r.proposal?.notes).toEqual([
      'accepted under CONSUMER_AWARE: the breaking changes touch only fields no registered consumer reads (/x)',
      'safe to remove (no registered consumer reads them): (none)',
    ]);
  });

  it('keeps the engine\'s own proposal notes, then adds its own and refuses a version that is too low', () => {
    // 1.1.0 retyped n to a string; re-proposing the 1.0.0 schema as 1.0.0 retypes it back.
    const a = (n: string): JsonSchema => ({ type: 'object', required: ['a', 'n'], properties: { a: { type: 'string' }, n: { type: n } } });
    const r = checkCompatibility({
      history: [{ version: '1.0.0', schema: a('integer') }, { version: '1.1.0', schema: a('string') }],
      candidate: { schema: a('integer'), version: '1.0.0' },
      level: 'BACKWARD',
      policy: 'CONSUMER_AWARE',
      consumers: [{ agent: 'x', reads: ['/a'] }],
    });
    // why: nobody reads /n, so the break is accepted as a minor after 1.1.0; 1.0.0 is not after it
    expect([r.compatible, r.requiredBump, r.suggestedVersion]).toEqual([true, 'minor', '1.2.0']);
    expect(r.proposal).toEqual({
      version: '1.0.0',
      acceptable: false,
      notes: [
        '1.0.0 is already registered with this schema',
        'accepted under CONSUMER_AWARE: the breaking changes touch only fields no registered consumer reads (/n)',
        'safe to remove (no registered consumer reads them): /n',
      ],
      reasons: ['under CONSUMER_AWARE this change needs at least 1.2.0'],
    });
  });

  it('keeps a bump that is not a major as it is', () => {
    // A report that breaks but asks only for a patch (as a caller may build one): accepted as that patch.
    const report = reportWith('/properties/payload/properties/n/type', { requiredBump: 'patch', suggestedVersion: '1.0.1' });
    const r = applyConsumerAware(report, { consumers: [{ agent: 'ui', reads: ['/r'] }], policy: 'CONSUMER_AWARE', candidate: { schema: enveloped } });
    // why: only a major is lowered (to a minor); a smaller bump stays what it was
    expect([r.compatible, r.requiredBump, r.suggestedVersion]).toEqual([true, 'patch', '1.0.1']);
  });
});
