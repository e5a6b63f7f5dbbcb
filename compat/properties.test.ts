/**
 * Property-based tests (fast-check) over generated JSON Schemas:
 * - a schema compared with (a deep copy of) itself has no changes and needs no release;
 * - BACKWARD(a, b) = FORWARD(b, a), under every policy;
 * - a LENIENT verdict is never stricter than the STRICT one, at every level;
 * - soundness against a real validator, both directions: when STRICT BACKWARD holds, every
 *   generated instance Ajv 2020 accepts under `a` is accepted under `b`; when FORWARD holds,
 *   every instance accepted under `b` is accepted under `a`;
 * - the rate of needless "incompatible" verdicts on edits known to be safe (reported, and zero
 *   for the equivalent rewrites the normalizations remove). oneOf is left out
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
    // Keywords beside a combinator, where normalizations merge a one-branch combinator into its
    // node: annotations, constraints, and keywords that read their siblings (additionalProperties).
    const siblings = fc.record(
      { description: fc.constantFrom('d', 'e'), type: fc.constantFrom('object', 'string', 'number'), additionalProperties: fc.oneof(fc.constant(false), sub), properties: fc.dictionary(fc.constantFrom(...keys), sub, { maxKeys: 1 }), minLength: fc.nat(2), minItems: fc.nat(1), uniqueItems: fc.boolean() },
      { requiredKeys: [] },
    );
    const combinator = fc.oneof(
      fc.tuple(fc.constantFrom(...combinators), fc.array(sub, { minLength: 1, maxLength: 3 }), siblings).map(([k, branches, beside]) => ({ ...beside, [k]: branches })),
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

/** Keywords that constrain nothing in every dialect (compat/no-ops.ts), added where absent. */
const NO_OP_KEYWORDS: Record<string, unknown> = { minLength: 0, minItems: 0, minProperties: 0, required: [], uniqueItems: false, maxContains: 3, propertyNames: true };
const withNoOps = (s: JsonSchema): JsonSchema => {
  if (s === false) return s;
  const node = s === true ? {} : (s as Record<string, unknown>);
  const added = Object.entries(NO_OP_KEYWORDS).filter(([k]) => !(k in node) && !(k === 'maxContains' && 'contains' in node));
  return { ...node, ...Object.fromEntries(added) } as JsonSchema;
};

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

  it('STRICT is sound in both directions: BACKWARD keeps what the old schema accepts, FORWARD what the new one accepts', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allowMatchingProperties: true });
    const checked = { backward: 0, forward: 0 };
    fc.assert(
      fc.property(soundnessPairs, fc.array(instance.map(plain), { minLength: 10, maxLength: 30 }), ([a, b], values) => {
        const backward = compatible(a, b, 'BACKWARD', 'STRICT');
        const forward = compatible(a, b, 'FORWARD', 'STRICT');
        if (!backward && !forward) return;
        const validA = ajv.compile(a as object | boolean);
        const validB = ajv.compile(b as object | boolean);
        for (const v of values) {
          if (backward && validA(v)) {
            checked.backward++;
            expect(validB(v), `${JSON.stringify(v)} is valid under the old schema, so BACKWARD needs it valid under the new one`).toBe(true);
          }
          if (forward && validB(v)) {
            checked.forward++;
            expect(validA(v), `${JSON.stringify(v)} is valid under the new schema, so FORWARD needs it valid under the old one`).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
    console.log(`soundness: ${checked.backward} instances checked BACKWARD (old → new), ${checked.forward} FORWARD (new → old)`);
    expect(checked.backward, 'the property saw instances valid under the old schema').toBeGreaterThan(100);
    expect(checked.forward, 'the property saw instances valid under the new schema').toBeGreaterThan(100);
  }, 180_000);

  // Edits known to keep the accepted set (FULL must hold) or to widen it (BACKWARD must hold).
  // A verdict of "incompatible" on one of them is needless; the rate is reported, and the
  // README ("Needless incompatible verdicts") lists why the remaining ones happen.
  const SAFE_EDITS: [name: string, level: Level, edit: (a: JsonSchema, x: JsonSchema) => JsonSchema][] = [
    ['wrapped in a one-branch allOf', 'FULL', (a) => ({ allOf: [a] })],
    ['wrapped in a one-branch anyOf', 'FULL', (a) => ({ anyOf: [a] })],
    ['wrapped in a one-branch oneOf', 'FULL', (a) => ({ oneOf: [a] })],
    ['behind a $ref with a description', 'FULL', (a) => ({ $defs: { T: a }, $ref: '#/$defs/T', description: 'same' })],
    ['a duplicated anyOf branch', 'FULL', (a, x) => ({ anyOf: [a, x, a] })],
    ['allOf with true', 'FULL', (a) => ({ allOf: [a, true] })],
    ['no-op keywords added', 'FULL', (a) => withNoOps(a)],
    ['a union with a new alternative', 'BACKWARD', (a, x) => ({ anyOf: [a, x] })],
  ];
  it('reports the rate of needless "incompatible" verdicts on edits known to be safe', () => {
    const counts = new Map(SAFE_EDITS.map(([name]) => [name, { runs: 0, needless: 0 }]));
    fc.assert(
      fc.property(schemaArbitrary({ oneOf: true }), schemaArbitrary({ oneOf: true }), fc.nat(SAFE_EDITS.length - 1), (a, x, n) => {
        const [name, level, edit] = SAFE_EDITS[n]!;
        const before = name === 'a duplicated anyOf branch' ? { anyOf: [a, x] } : a;
        const c = counts.get(name)!;
        c.runs++;
        if (!compatible(plain(before), plain(edit(a, x)), level, 'STRICT')) c.needless++;
      }),
      { numRuns: 700 },
    );
    const lines = [...counts].map(([name, c]) => `${name}: ${c.needless}/${c.runs} needless (${((100 * c.needless) / Math.max(1, c.runs)).toFixed(1)}%)`);
    console.log(`needless "incompatible" verdicts on safe edits:\n${lines.join('\n')}`);
    for (const name of ['wrapped in a one-branch allOf', 'wrapped in a one-branch anyOf', 'wrapped in a one-branch oneOf', 'behind a $ref with a description', 'allOf with true', 'no-op keywords added']) {
      expect(counts.get(name)!.needless, `${name} is an equivalent rewrite the normalizations remove`).toBe(0);
    }
  });
});
