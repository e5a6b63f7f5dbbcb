/**
 * Keywords that constrain nothing (no-ops.ts) are no change: added to or removed from a field
 * they need no release under BACKWARD, FORWARD and FULL, while a real constraint beside them
 * still counts. Each no-op is first proven one with Ajv in every dialect evc accepts
 * (draft-07, 2019-09, 2020-12) on witness instances; the keywords that are no-ops only in some
 * documents or objects are checked where they are not.
 */
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { diffSchemas } from './diff.ts';
import type { JsonSchema, Level } from './types.ts';

const options = { strict: false, validateFormats: false } as const;
const DIALECTS = [
  ['draft-07', new Ajv(options)],
  ['2019-09', new Ajv2019(options)],
  ['2020-12', new Ajv2020(options)],
] as const;
const ajv2020 = DIALECTS[2][1];

const WITNESSES: unknown[] = [
  '', 'a', 'ab', 'abcdef', 0, 1, 2.5, -3, true, false, null,
  [], ['a'], ['a', 'a'], ['a', 1], [1, 2, 3], [[]], [{}],
  {}, { a: 'x' }, { a: 1 }, { b: 2 }, { a: 'x', b: 'y', c: 3 }, { '': 0 },
];

const LEVELS: Level[] = ['BACKWARD', 'FORWARD', 'FULL'];
const check = (before: JsonSchema, after: JsonSchema, level: Level) =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: before }], candidate: { schema: after }, level, policy: 'STRICT' });
/** An event with the field `f`, required, whose schema is `field`. */
const event = (field: object): JsonSchema => ({ type: 'object', properties: { id: { type: 'string' }, f: field }, required: ['id', 'f'] });

// [no-op, the field without it, a real constraint to put beside it]
const NO_OPS: [string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>][] = [
  ['minLength: 0', { minLength: 0 }, { type: 'string' }, { maxLength: 3 }],
  ['minItems: 0', { minItems: 0 }, { type: 'array' }, { maxItems: 2 }],
  ['minProperties: 0', { minProperties: 0 }, { type: 'object' }, { maxProperties: 1 }],
  ['required: []', { required: [] }, { type: 'object', properties: { a: { type: 'string' } } }, { required: ['a'] }],
  ['uniqueItems: false', { uniqueItems: false }, { type: 'array' }, { maxItems: 1 }],
  ['minContains: 1 beside contains', { minContains: 1 }, { type: 'array', contains: { type: 'string' } }, { maxContains: 1 }],
  ['minContains without contains', { minContains: 3 }, { type: 'array' }, { minItems: 1 }],
  ['maxContains without contains', { maxContains: 1 }, { type: 'array' }, { maxItems: 2 }],
  ['additionalProperties: true', { additionalProperties: true }, { type: 'object', properties: { a: { type: 'string' } } }, { minProperties: 1 }],
  ['additionalProperties: {}', { additionalProperties: {} }, { type: 'object', properties: { a: { type: 'string' } } }, { maxProperties: 1 }],
  ['items: {}', { items: {} }, { type: 'array' }, { minItems: 1 }],
  ['items: true', { items: true }, { type: 'array' }, { uniqueItems: true }],
  ['properties: {}', { properties: {} }, { type: 'object' }, { required: ['a'] }],
  ['patternProperties: {}', { patternProperties: {} }, { type: 'object' }, { minProperties: 1 }],
  ['propertyNames: true', { propertyNames: true }, { type: 'object' }, { minProperties: 1 }],
];

describe('a no-op keyword added to or removed from a field is no change', () => {
  it.each(NO_OPS)('%s is a no-op in draft-07, 2019-09 and 2020-12 (Ajv witnesses)', (_name, noOp, base) => {
    for (const [dialect, ajv] of DIALECTS) {
      const without = ajv.compile(base);
      const withIt = ajv.compile({ ...base, ...noOp });
      for (const v of WITNESSES) expect(withIt(v), `${dialect}: ${JSON.stringify(v)}`).toBe(without(v));
    }
  });

  it.each(NO_OPS)('%s: no change, no release, under BACKWARD, FORWARD and FULL', (_name, noOp, base) => {
    const plain = event(base);
    const withIt = event({ ...base, ...noOp });
    expect(diffSchemas(plain, withIt), 'added: no change').toEqual([]);
    expect(diffSchemas(withIt, plain), 'removed: no change').toEqual([]);
    for (const level of LEVELS) {
      for (const [before, after, what] of [[plain, withIt, 'added'], [withIt, plain, 'removed']] as const) {
        const r = check(before, after, level);
        expect(r.compatible, `${what}, ${level}`).toBe(true);
        expect(r.requiredBump, `${what}, ${level}: nothing to release`).toBe('none');
      }
    }
  });

  it.each(NO_OPS)('%s: a real constraint added beside it still counts', (_name, noOp, base, real) => {
    const kinds = diffSchemas(event(base), event({ ...base, ...noOp, ...real })).map((c) => c.kind);
    const alone = diffSchemas(event(base), event({ ...base, ...real })).map((c) => c.kind);
    expect(kinds.length, 'the real constraint is reported').toBeGreaterThan(0);
    expect(kinds, 'exactly as without the no-op beside it').toEqual(alone);
    const witness = WITNESSES.find((v) => ajv2020.validate(base, v) && !ajv2020.validate({ ...base, ...real }, v));
    expect(witness, 'witness: an old value the new field refuses').toBeDefined();
    expect(check(event(base), event({ ...base, ...noOp, ...real }), 'BACKWARD').compatible, 'old events break').toBe(false);
    expect(check(event(base), event({ ...base, ...noOp, ...real }), 'BACKWARD').requiredBump).toBe('major');
  });

  it('a no-op inside a one-branch combinator does not stop the branch from being merged', () => {
    const before = { type: 'string', minLength: 2 };
    const after = { minLength: 2, anyOf: [{ type: 'string', minLength: 0 }] };
    expect(diffSchemas(before, after)).toEqual([]);
    expect(check(before, after, 'FULL').compatible).toBe(true);
  });

  it('a no-op beside a $ref whose target sets the keyword is no constraint', () => {
    const withDefs = (s: object) => ({ ...s, $defs: { Name: { type: 'string', minLength: 3 } } });
    const before = withDefs({ $ref: '#/$defs/Name' });
    const after = withDefs({ $ref: '#/$defs/Name', minLength: 0 });
    expect(diffSchemas(before, after)).toEqual([]);
    expect(check(before, after, 'FULL').compatible).toBe(true);
  });
});

describe('what is not a no-op stays a change', () => {
  it('minContains: 0 beside contains makes contains pass (2019-09+): a widening, not a no-op', () => {
    const before = { type: 'array', contains: { type: 'string' } };
    const after = { ...before, minContains: 0 };
    expect([ajv2020.validate(before, [1]), ajv2020.validate(after, [1])], 'witness: [1] refused before, accepted after').toEqual([false, true]);
    expect(diffSchemas(before, after).map((c) => c.kind), 'the implicit 1 is lowered to 0').toEqual(['MIN_CONTAINS_DECREASED']);
    expect(diffSchemas(after, before).map((c) => c.kind)).toEqual(['MIN_CONTAINS_INCREASED']);
    expect(check(before, after, 'FORWARD').compatible, 'new events may lack a string').toBe(false);
    expect(check(before, after, 'BACKWARD').compatible, 'old events all have one').toBe(true);
  });

  it('additionalProperties: true is kept where an unevaluatedProperties reads it', () => {
    const before = { type: 'object', allOf: [{ properties: { a: { type: 'string' } }, additionalProperties: true }], unevaluatedProperties: false };
    const after = { type: 'object', allOf: [{ properties: { a: { type: 'string' } } }], unevaluatedProperties: false };
    expect([ajv2020.validate(before, { b: 1 }), ajv2020.validate(after, { b: 1 })], 'witness: {b: 1} valid before, invalid after').toEqual([true, false]);
    expect(check(before, after, 'BACKWARD').compatible, 'old events with b break').toBe(false);
  });

  it('items: true is kept where an unevaluatedItems reads it', () => {
    const before = { type: 'array', allOf: [{ items: true }], unevaluatedItems: false };
    const after = { type: 'array', allOf: [{}], unevaluatedItems: false };
    expect([ajv2020.validate(before, [1]), ajv2020.validate(after, [1])], 'witness: [1] valid before, invalid after').toEqual([true, false]);
    expect(check(before, after, 'BACKWARD').compatible, 'old non-empty arrays break').toBe(false);
  });
});

describe('keywords that read their siblings are not merged into another object', () => {
  const A = { properties: { a: { type: 'string' } } };
  it.each([
    ['additionalProperties: false beside a one-branch allOf with properties', { type: 'object', additionalProperties: false, allOf: [A] }],
    ['additionalProperties: false beside a $ref to properties', { type: 'object', additionalProperties: false, $ref: '#/$defs/A', $defs: { A } }],
  ])('%s refuses the properties it does not see', (_name, after) => {
    const before = { type: 'object', ...A, additionalProperties: false };
    expect([ajv2020.validate(before, { a: 'x' }), ajv2020.validate(after, { a: 'x' })], 'witness: {a: "x"} valid before, invalid after (2020-12)').toEqual([true, false]);
    expect(check(before, after, 'BACKWARD').compatible, 'old events with a break').toBe(false);
  });

  it('maxContains beside a $ref has no contains to count (2019-09+): it constrains nothing', () => {
    const before = { $ref: '#/$defs/L', $defs: { L: { type: 'array', contains: { type: 'string' } } } };
    const after = { $ref: '#/$defs/L', maxContains: 1, $defs: before.$defs };
    for (const v of [['a'], ['a', 'b'], [1], []]) expect(ajv2020.validate(after, v), `witness ${JSON.stringify(v)}`).toBe(ajv2020.validate(before, v));
    expect(diffSchemas(before, after)).toEqual([]);
    expect(check(before, after, 'FULL').compatible).toBe(true);
  });
});
