/**
 * Property-based tests (fast-check) over generated JSON Schemas:
 * - a schema compared with (a deep copy of) itself has no changes and needs no release;
 * - BACKWARD(a, b) = FORWARD(b, a), under every policy;
 * - a LENIENT verdict is never stricter than the STRICT one, at every level;
 * - soundness against a real validator: when STRICT says `b` reads everything `a` accepts,
 *   every generated instance Ajv accepts under `a` is accepted under `b`. oneOf is left out
 *   of this one property: we read oneOf as a union (see the README) and do not prove
 *   that branches are disjoint.
 */
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { diffSchemas } from './diff.ts';
import { LEVEL_NAMES } from './levels.ts';
import type { JsonSchema, Level, Policy } from './types.ts';

const keys = ['a', 'b', 'c'] as const;

function schemaArbitrary(options: { oneOf: boolean }) {
  return fc.letrec<{ schema: JsonSchema }>((tie) => {
    const sub = tie('schema');
    const string = fc.record(
      { type: fc.constant('string'), minLength: fc.nat(3), maxLength: fc.integer({ min: 1, max: 4 }), pattern: fc.constantFrom('^a', '^[a-z]*$', 'b'), enum: fc.uniqueArray(fc.constantFrom('a', 'ab', 'b', 'A'), { minLength: 1, maxLength: 3 }) },
      { requiredKeys: ['type'] },
    );
    const number = fc.record(
      { type: fc.constantFrom('number', 'integer'), minimum: fc.integer({ min: -2, max: 3 }), maximum: fc.integer({ min: 0, max: 10 }), exclusiveMinimum: fc.integer({ min: -2, max: 3 }), multipleOf: fc.constantFrom(1, 2, 3, 5), description: fc.constantFrom('n', 'm') },
      { requiredKeys: ['type'] },
    );
    const simple = fc.oneof(
      fc.constant(true),
      fc.constant(false),
      fc.record({ type: fc.constantFrom('boolean', 'null') }),
      fc.record({ type: fc.uniqueArray(fc.constantFrom('string', 'number', 'integer', 'null'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ enum: fc.uniqueArray(fc.constantFrom('a', 'b', 1, 2, null, true), { minLength: 1, maxLength: 4 }) }),
      fc.record({ const: fc.constantFrom('a', 1, null) }),
      string,
      number,
    );
    const object = fc.record(
      {
        type: fc.constant('object'),
        properties: fc.dictionary(fc.constantFrom(...keys), sub, { maxKeys: 3 }),
        required: fc.subarray([...keys]),
        additionalProperties: fc.oneof(fc.constant(false), fc.constant(true), sub),
        patternProperties: fc.dictionary(fc.constantFrom('^x', '^d'), sub, { maxKeys: 1 }),
        minProperties: fc.nat(2),
      },
      { requiredKeys: ['type'] },
    );
    const array = fc
      .record(
        { type: fc.constant('array'), items: fc.oneof(sub, fc.constant(false)), prefixItems: fc.array(sub, { minLength: 1, maxLength: 2 }), minItems: fc.nat(2), maxItems: fc.integer({ min: 1, max: 3 }), uniqueItems: fc.boolean(), contains: sub },
        { requiredKeys: ['type'] },
      )
      // Ajv 8 accepts [] for {prefixItems: [{const: null}], contains: {...}}, which JSON Schema does not:
      // the oracle would be wrong, so the two keywords are not generated together.
      .map(({ contains, ...rest }) => ('prefixItems' in rest ? rest : { ...rest, ...(contains === undefined ? {} : { contains }) }));
    const combinators = options.oneOf ? (['anyOf', 'allOf', 'oneOf'] as const) : (['anyOf', 'allOf'] as const);
    const combinator = fc.oneof(
      fc.constantFrom(...combinators).chain((k) => fc.array(sub, { minLength: 1, maxLength: 3 }).map((branches) => ({ [k]: branches }))),
      sub.map((s) => ({ not: s })),
      fc.record({ type: fc.constant('object'), properties: fc.dictionary(fc.constantFrom(...keys), sub, { maxKeys: 2 }), if: sub, then: sub, else: sub }, { requiredKeys: ['if'] }),
    );
    return { schema: fc.oneof({ depthSize: 'small', withCrossShrink: true }, simple, object, array, combinator) as fc.Arbitrary<JsonSchema> };
  }).schema;
}

const instance = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('', 'a', 'ab', 'abc', 'A', 'b', 'xa', 0, 1, 2, 3, 5, 6, 10, -1, 2.5, true, false, null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'x1'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Old/new pairs for the soundness property: unrelated schemas, plus edits that are often compatible. */
const dropKeyword = (s: JsonSchema, n: number): JsonSchema => {
  if (typeof s !== 'object') return s;
  const keys = Object.keys(s);
  if (keys.length === 0) return s;
  const { [keys[n % keys.length]!]: _dropped, ...rest } = s;
  return rest;
};
const plain = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T; // plain prototypes, as parsed JSON has
const soundnessPairs = schemaArbitrary({ oneOf: false }).chain((a) =>
  fc.oneof(
    schemaArbitrary({ oneOf: false }).map((b) => [a, b] as const),
    fc.nat().map((n) => [a, dropKeyword(a, n)] as const),
    schemaArbitrary({ oneOf: false }).map((x) => [a, { anyOf: [a, x] }] as const),
  ).map(([x, y]) => [plain(x), plain(y)] as const),
);

const compatible = (older: JsonSchema, newer: JsonSchema, level: Level, policy: Policy) =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: older }], candidate: { schema: newer }, level, policy }).compatible;

const runs = { numRuns: 300 };

describe('compatibility properties', () => {
  it('a schema compared with itself has no changes and needs no release', () => {
    fc.assert(
      fc.property(schemaArbitrary({ oneOf: true }), (s) => {
        const copy = structuredClone(s);
        expect(diffSchemas(s, copy)).toEqual([]);
        const r = checkCompatibility({ history: [{ version: '1.0.0', schema: s }], candidate: { schema: copy }, level: 'FULL_TRANSITIVE', policy: 'STRICT' });
        expect(r.compatible).toBe(true);
        expect(r.requiredBump).toBe('none');
      }),
      runs,
    );
  });

  it('BACKWARD(a, b) equals FORWARD(b, a) under every policy', () => {
    fc.assert(
      fc.property(schemaArbitrary({ oneOf: true }), schemaArbitrary({ oneOf: true }), fc.constantFrom<Policy>('STRICT', 'LENIENT'), (a, b, policy) => {
        expect(compatible(a, b, 'BACKWARD', policy)).toBe(compatible(b, a, 'FORWARD', policy));
      }),
      runs,
    );
  });

  it('a LENIENT verdict is never stricter than the STRICT one, at every level', () => {
    fc.assert(
      fc.property(schemaArbitrary({ oneOf: true }), schemaArbitrary({ oneOf: true }), (a, b) => {
        for (const level of LEVEL_NAMES) {
          if (compatible(a, b, level, 'STRICT')) expect(compatible(a, b, level, 'LENIENT'), level).toBe(true);
        }
      }),
      runs,
    );
  });

  it('STRICT BACKWARD is sound: what the old schema accepts, the new one accepts', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allowMatchingProperties: true });
    let checked = 0;
    fc.assert(
      fc.property(soundnessPairs, fc.array(instance.map(plain), { minLength: 10, maxLength: 30 }), ([a, b], values) => {
        if (!compatible(a, b, 'BACKWARD', 'STRICT')) return;
        const validA = ajv.compile(a as object | boolean);
        const validB = ajv.compile(b as object | boolean);
        for (const v of values) {
          if (!validA(v)) continue;
          checked++;
          expect(validB(v), `${JSON.stringify(v)} is valid under the old schema, so it must be under the new one`).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
    console.log(`soundness: ${checked} instances valid under the old schema were checked under the new one`);
    expect(checked, 'the property saw instances valid under the old schema').toBeGreaterThan(100);
  }, 180_000);
});
