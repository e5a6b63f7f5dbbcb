/**
 * Issue #13's cases: equivalent rewrites are no change, schemas that accept nothing are
 * recognised, 2020-12 `unevaluated*` keywords are judged like their older twins where no
 * applicator adds evaluated locations, and the unsound prefixItems + unevaluatedItems verdict
 * is fixed. Each verdict is cross-checked with Ajv (2020-12) on witness instances.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { diffSchemas } from './diff.ts';
import type { JsonSchema, Level } from './types.ts';

const S = { type: 'string' };
const I = { type: 'integer' };
const ajv = new Ajv2020({ strict: false, validateFormats: false });
const verdict = (before: JsonSchema, after: JsonSchema, level: Level) =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: before }], candidate: { schema: after }, level, policy: 'STRICT' }).compatible;

/** Ajv refuses to compile some empty schemas (`enum: []`): then it accepts nothing either. */
const acceptsAnyOf = (schema: unknown, values: unknown[]): boolean => {
  try {
    const validate = ajv.compile(schema as object);
    return values.some((v) => validate(v));
  } catch {
    return false;
  }
};

describe('equivalent rewrites are no change', () => {
  const withDefs = (a: unknown) => ({ type: 'object', properties: { a }, $defs: { Id: S } });
  it.each([
    ['a one-branch allOf around a $ref, with a description beside it', withDefs({ $ref: '#/$defs/Id' }), withDefs({ allOf: [{ $ref: '#/$defs/Id' }], description: 'the id' })],
    ['a one-branch anyOf', S, { anyOf: [S] }],
    ['a one-branch oneOf switched for a one-branch anyOf', { oneOf: [S] }, { anyOf: [S] }],
    ['a duplicated anyOf branch', { anyOf: [S, I] }, { anyOf: [S, I, { type: 'string' }] }],
    ['a duplicated allOf branch', { allOf: [{ type: 'object' }, { required: ['a'] }] }, { allOf: [{ type: 'object' }, { required: ['a'] }, { required: ['a'] }] }],
    ['reordered anyOf branches', { anyOf: [S, I] }, { anyOf: [I, S] }],
  ] as const)('%s', (_name, before, after) => {
    const changes = diffSchemas(before as JsonSchema, after as JsonSchema).filter((c) => !/DESCRIPTION|ANNOTATION/.test(c.kind));
    expect(changes, 'only annotations may differ').toEqual([]);
    expect(verdict(before as JsonSchema, after as JsonSchema, 'FULL'), 'compatible both ways').toBe(true);
  });
});

describe('schemas that accept nothing', () => {
  it.each([
    ['contradictory allOf types', { allOf: [S, I] }],
    ['an empty enum', { enum: [] }],
    ['minimum above maximum', { type: 'number', minimum: 5, maximum: 1 }],
    ['an exclusive bound equal to the other', { type: 'integer', exclusiveMinimum: 3, maximum: 3 }],
    ['an enum none of whose values has the type', { type: 'string', enum: [1, 2] }],
    ['minLength above maxLength', { type: 'string', minLength: 3, maxLength: 2 }],
  ] as const)('%s: any change from it is backward compatible', (_name, empty) => {
    expect(acceptsAnyOf(empty, [0, 1, 3, 5, 'x', 'abc', [], {}, null]), 'witness: Ajv accepts none of these').toBe(false);
    expect(verdict(empty as JsonSchema, { type: 'boolean' }, 'BACKWARD'), 'no old event exists to break').toBe(true);
    expect(verdict(empty as JsonSchema, { type: 'boolean' }, 'FORWARD'), 'old readers accept nothing, so new events break them').toBe(false);
  });

  it('bounds on another type do not make a schema empty', () => {
    const open = { minimum: 5, maximum: 1 };
    expect(ajv.validate(open, 'x'), 'witness: a string passes numeric bounds').toBe(true);
    expect(verdict(open, { type: 'boolean' }, 'BACKWARD'), 'old strings would fail the new boolean schema').toBe(false);
  });

  it('adding a oneOf branch no old value can match is backward compatible', () => {
    expect(verdict({ oneOf: [S, I] }, { oneOf: [S, I, { type: 'boolean' }] }, 'BACKWARD')).toBe(true);
  });
});

describe('unevaluatedProperties / unevaluatedItems', () => {
  const closed = (kw: string, props: Record<string, unknown>) => ({ type: 'object', properties: props, [kw]: false });
  it.each(['BACKWARD', 'FORWARD', 'FULL'] as const)('an optional property added to a model closed with unevaluatedProperties: false is judged like additionalProperties (%s)', (level) => {
    const viaUnevaluated = verdict(closed('unevaluatedProperties', { a: S }), closed('unevaluatedProperties', { a: S, b: S }), level);
    const viaAdditional = verdict(closed('additionalProperties', { a: S }), closed('additionalProperties', { a: S, b: S }), level);
    expect(viaUnevaluated).toBe(viaAdditional);
    expect(verdict(closed('unevaluatedProperties', { a: S }), closed('unevaluatedProperties', { a: S, b: S }), 'BACKWARD'), 'old events never carry b').toBe(true);
  });

  it('a prefixItems entry added where unevaluatedItems covered it is judged like items', () => {
    const before = { type: 'array', prefixItems: [S], unevaluatedItems: S };
    const after = { type: 'array', prefixItems: [S, S], unevaluatedItems: S };
    expect(verdict(before, after, 'FULL'), 'the same arrays are accepted').toBe(true);
  });

  it('the unsound verdict is fixed: a removed prefixItems entry now governed by a narrower unevaluatedItems breaks', () => {
    const before = { type: 'array', prefixItems: [S, { type: ['string', 'integer'] }], unevaluatedItems: S };
    const after = { type: 'array', prefixItems: [S], unevaluatedItems: S };
    const witness = ['a', 1];
    expect([ajv.validate(before, witness), ajv.validate(after, witness)], 'witness: valid before, invalid after').toEqual([true, false]);
    expect(verdict(before, after, 'BACKWARD')).toBe(false);
  });

  it('with an applicator beside it, unevaluatedProperties is compared as written (conservatively)', () => {
    const base = { allOf: [{ not: { type: 'null' } }, { not: { type: 'boolean' } }], properties: { a: S }, unevaluatedProperties: false };
    const changes = diffSchemas(base, { ...base, unevaluatedProperties: true }).map((c) => c.kind);
    expect(changes).toEqual(['UNEVALUATED_PROPERTIES_ADDED']);
  });
});
