/**
 * The policy holds all the way down (issue #18). A nested comparison that classifies a change
 * (is a property added under `additionalProperties: {...}` covered by it? which new union
 * branch is the old one?) is judged under the check's policy, not under STRICT. The edit in
 * every case is LENIENT-only: an optional property added to an open object, which STRICT
 * refuses (old events may carry that name with any value) and LENIENT accepts (producers
 * emit only declared properties). Each container must give the verdict the same edit gets at
 * the top level.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import type { JsonSchema, Level, Policy } from './types.ts';

const note = { type: 'object', properties: { note: { type: 'string' } } };
const compatible = (before: JsonSchema, after: JsonSchema, level: Level, policy: Policy) =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: before }], candidate: { schema: after }, level, policy }).compatible;

const X = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
const Y = { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] };
const withOptional = (s: typeof X | typeof Y, name: string) => ({ ...s, properties: { ...s.properties, [name]: { type: 'string' } } });

const cases: { container: string; before: JsonSchema; after: JsonSchema }[] = [
  {
    container: 'object: a property added under additionalProperties: {type: object} (the issue\'s repro)',
    before: { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: { type: 'object' } },
    after: { type: 'object', properties: { id: { type: 'string' }, meta: note }, additionalProperties: { type: 'object' } },
  },
  {
    container: 'array: a tuple position added where the rest is items: {type: object}',
    before: { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'object' } },
    after: { type: 'array', prefixItems: [{ type: 'string' }, note], items: { type: 'object' } },
  },
  {
    container: 'combinator: two anyOf branches each gain an optional property and swap places',
    before: { anyOf: [X, Y] },
    after: { anyOf: [withOptional(Y, 'd'), withOptional(X, 'c')] },
  },
  {
    container: 'conditional: then adds a property under additionalProperties: {type: object}',
    before: { type: 'object', properties: { kind: { type: 'string' } }, if: { properties: { kind: { const: 'a' } }, required: ['kind'] }, then: { properties: { payload: { type: 'object', additionalProperties: { type: 'object' } } } } },
    after: { type: 'object', properties: { kind: { type: 'string' } }, if: { properties: { kind: { const: 'a' } }, required: ['kind'] }, then: { properties: { payload: { type: 'object', properties: { meta: note }, additionalProperties: { type: 'object' } } } } },
  },
];

describe('a nested LENIENT edit is judged LENIENT', () => {
  it('at the top level, an optional property added to an open object is LENIENT-only (the reference verdicts)', () => {
    const before: JsonSchema = { type: 'object', properties: { id: { type: 'string' } } };
    const after: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } } };
    expect(compatible(before, after, 'BACKWARD', 'LENIENT'), 'LENIENT accepts it').toBe(true);
    expect(compatible(before, after, 'BACKWARD', 'STRICT'), 'STRICT refuses it').toBe(false);
  });

  it.each(cases.map((c) => [c.container, c] as const))('%s', (_name, c) => {
    for (const level of ['BACKWARD', 'FULL'] as const) {
      expect(compatible(c.before, c.after, level, 'LENIENT'), `${level} under LENIENT accepts the nested edit, as it does at the top level`).toBe(true);
      expect(compatible(c.before, c.after, level, 'CONSUMER_AWARE'), `${level} under CONSUMER_AWARE (LENIENT without consumers) too`).toBe(true);
    }
    expect(compatible(c.before, c.after, 'BACKWARD', 'STRICT'), 'STRICT still refuses it: the nested edit is not made harmless, only judged by its policy').toBe(false);
  });

  it('a breaking nested edit stays breaking under LENIENT (the policy is not a blanket pass)', () => {
    const before: JsonSchema = { type: 'object', additionalProperties: { type: 'object' } };
    const after: JsonSchema = { type: 'object', properties: { meta: { type: 'object', properties: { note: { type: 'string' } }, required: ['note'] } }, additionalProperties: { type: 'object' } };
    expect(compatible(before, after, 'BACKWARD', 'LENIENT'), 'a required property added below breaks old events under any policy').toBe(false);
  });

  it('not stays STRICT under LENIENT: a property named inside not is excluded, not declared', () => {
    const before: JsonSchema = { not: note };
    const after: JsonSchema = { not: { type: 'object' } };
    // Old events such as {note: 5} are objects that `not note` accepted and `not {type: object}` rejects.
    expect(compatible(before, after, 'BACKWARD', 'LENIENT')).toBe(false);
  });
});
