/**
 * No-ops (no-ops.ts) seen where they decide a change kind: a property added to an open object
 * with a schema made only of no-ops accepts every value, so it is an unconstrained property
 * (PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL, compatible under STRICT), not an
 * optional property with a constraint (OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL, which
 * breaks STRICT: old events may already carry the name with any value). Where the document has an
 * `unevaluated*` keyword, `additionalProperties: true` / `items: true` are read by it and kept.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { diffSchemas } from './diff.ts';
import type { JsonSchema, Level, Policy } from './types.ts';

const ajv = new Ajv2020({ strict: false, validateFormats: false });
const WITNESSES: unknown[] = ['', 'abc', 0, 2.5, true, null, [], [1, 'a', 1], {}, { a: 1 }, { '': [] }];

const base = (): JsonSchema => ({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] });
const withField = (field: unknown, extra: Record<string, unknown> = {}): JsonSchema => ({
  type: 'object',
  properties: { id: { type: 'string' }, f: field },
  required: ['id'],
  ...extra,
});
const kinds = (a: JsonSchema, b: JsonSchema) => diffSchemas(a, b).map((c): [string, string] => [c.kind, c.path]);
const check = (before: JsonSchema, after: JsonSchema, level: Level, policy: Policy = 'STRICT') =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: before }], candidate: { schema: after }, level, policy });

describe('a property whose schema is only no-ops is an unconstrained property', () => {
  it.each([
    ['propertyNames: true', { propertyNames: true }],
    ['propertyNames: {}', { propertyNames: {} }],
    ['properties: {}', { properties: {} }],
    ['patternProperties: {}', { patternProperties: {} }],
    ['required: []', { required: [] }],
    ['uniqueItems: false', { uniqueItems: false }],
    ['additionalProperties: true', { additionalProperties: true }],
    ['additionalProperties: {}', { additionalProperties: {} }],
    ['items: true', { items: true }],
    ['items: {}', { items: {} }],
    ['additionalItems: true', { additionalItems: true }],
    ['additionalItems: {}', { additionalItems: {} }],
  ])('%s', (_name, field) => {
    // why: the field schema accepts every value, exactly as `{}` does (Ajv 2020-12 on witnesses)
    for (const v of WITNESSES) expect(ajv.validate(field, v), JSON.stringify(v)).toBe(true);
    // why: so adding it to an open object is the unconstrained-property kind, at the property's pointer
    expect(kinds(base(), withField(field))).toEqual([['PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', '/properties/f']]);
    // why: no old event can hold a value it refuses, so even STRICT BACKWARD accepts it, as a minor release
    const r = check(base(), withField(field), 'BACKWARD');
    expect(r.compatible).toBe(true);
    expect(r.requiredBump).toBe('minor');
  });

  it('a real constraint beside the no-op is an optional property with a constraint (the control case)', () => {
    // why: `{propertyNames: true, maxProperties: 1}` refuses {a: 1, b: 2}, which an old event may carry under f
    expect(ajv.validate({ propertyNames: true, maxProperties: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(kinds(base(), withField({ propertyNames: true, maxProperties: 1 }))).toEqual([['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', '/properties/f']]);
    expect(check(base(), withField({ propertyNames: true, maxProperties: 1 }), 'BACKWARD').compatible).toBe(false);
  });
});

describe('where an unevaluated* keyword exists in the document, the keyword it reads is kept', () => {
  it('additionalProperties: true beside unevaluatedProperties elsewhere is not dropped', () => {
    // why: another node of the document has unevaluatedProperties, so the facts say it may read an
    // `additionalProperties: true`; it is kept, and the field counts as constrained (conservative)
    const meta = { meta: { type: 'object', allOf: [{ properties: { k: { type: 'string' } } }], unevaluatedProperties: false } };
    const before: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, ...meta }, required: ['id'] };
    const after: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, ...meta, f: { additionalProperties: true } }, required: ['id'] };
    expect(kinds(before, after)).toEqual([['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', '/properties/f']]);
  });

  it('items: true beside unevaluatedItems elsewhere is not dropped', () => {
    // why: the same for items, read by an unevaluatedItems elsewhere in the document
    const meta = { tags: { type: 'array', allOf: [{ prefixItems: [{ type: 'string' }] }], unevaluatedItems: false } };
    const before: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, ...meta }, required: ['id'] };
    const after: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, ...meta, f: { items: true } }, required: ['id'] };
    expect(kinds(before, after)).toEqual([['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', '/properties/f']]);
  });

  it('an unevaluatedProperties elsewhere does not keep items: true, nor the other way round', () => {
    // why: each fact is about its own keyword: unevaluatedProperties reads no items, unevaluatedItems no properties
    const props = { meta: { type: 'object', allOf: [{ properties: { k: { type: 'string' } } }], unevaluatedProperties: false } };
    const items = { tags: { type: 'array', allOf: [{ prefixItems: [{ type: 'string' }] }], unevaluatedItems: false } };
    const doc = (extra: object, f?: unknown): JsonSchema => ({ type: 'object', properties: { id: { type: 'string' }, ...extra, ...(f === undefined ? {} : { f }) }, required: ['id'] });
    expect(kinds(doc(props), doc(props, { items: true }))).toEqual([['PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', '/properties/f']]);
    expect(kinds(doc(items), doc(items, { additionalProperties: true }))).toEqual([['PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', '/properties/f']]);
  });
});
