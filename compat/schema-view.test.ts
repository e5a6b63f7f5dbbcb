/**
 * The small readers the diff is built on: which keys are annotations, when a node accepts
 * everything, canonical enum text, the kind of `$ref`s in a subtree, JSON equality with a work
 * budget, and the types a node (or its union branches) declares.
 */
import { describe, expect, it } from 'vitest';
import { canonical, hasRef, isAnnotation, isTrivial, quickSame, refKindOf, sameJson, typesOf } from './schema-view.ts';

describe('isAnnotation', () => {
  it('knows the annotation keywords and x- extensions, nothing else', () => {
    for (const k of ['title', 'description', 'examples', 'example', 'default', '$comment', 'deprecated', 'readOnly', 'writeOnly', 'x-owner', 'x-']) expect(isAnnotation(k), k).toBe(true);
    for (const k of ['type', 'pattern', 'ex-', 'owner-x-', 'X-owner', 'x', 'minimum']) expect(isAnnotation(k), k).toBe(false);
  });
});

describe('isTrivial', () => {
  it('true and schemas of annotations only accept everything', () => {
    expect(isTrivial(true)).toBe(true);
    expect(isTrivial({})).toBe(true);
    expect(isTrivial({ description: 'd', 'x-a': 1, $comment: 'c' })).toBe(true);
  });
  it('a constraining keyword, a $ref, false or a non-schema does not', () => {
    expect(isTrivial({ description: 'd', type: 'string' })).toBe(false);
    expect(isTrivial({ $ref: '#/$defs/a' })).toBe(false);
    expect(isTrivial({ not: {} })).toBe(false);
    expect(isTrivial(false)).toBe(false);
    expect(isTrivial(null)).toBe(false);
    expect(isTrivial('string')).toBe(false);
  });
});

describe('canonical', () => {
  it('is key-order independent, keeps array order, and prints scalars as JSON', () => {
    expect(canonical({ b: 1, a: [2, { d: null, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
    expect(canonical({ a: 1, b: 2 })).toBe(canonical({ b: 2, a: 1 }));
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
    expect(canonical('a"b')).toBe('"a\\"b"');
    expect(canonical(null)).toBe('null');
    expect(canonical(undefined)).toBe('null');
    expect(canonical({ 'k"': true })).toBe('{"k\\"":true}');
  });
});

describe('refKindOf', () => {
  it('0 without refs, 1 with refs into $defs/definitions only, 2 with any other ref', () => {
    expect(refKindOf({ type: 'object', properties: { a: { type: 'string' } } })).toBe(0);
    expect(refKindOf('#/$defs/a')).toBe(0);
    expect(refKindOf(null)).toBe(0);
    expect(refKindOf({ properties: { a: { $ref: '#/$defs/a' } } })).toBe(1);
    expect(refKindOf({ items: [{ $ref: '#/definitions/a' }] })).toBe(1);
    expect(refKindOf({ properties: { a: { $ref: '#/properties/b' } } })).toBe(2);
    expect(refKindOf({ a: { $ref: 'other.json#/$defs/a' } })).toBe(2);
    expect(refKindOf({ a: { $ref: 'x#/$defs/a' } }), 'the $defs prefix must start the ref').toBe(2);
    expect(refKindOf({ a: { $ref: 42 } }), 'a $ref that is not a string is still a ref').toBe(2);
    expect(refKindOf({ a: { $dynamicRef: '#meta' } })).toBe(2);
    expect(refKindOf({ a: { $recursiveRef: '#' } })).toBe(2);
    expect(refKindOf({ a: { $ref: '#/$defs/a' }, b: { $ref: '#/x' } }), 'the strongest kind below wins').toBe(2);
    expect(refKindOf({ a: { $ref: '#/x' }, b: { $ref: '#/$defs/a' } })).toBe(2);
  });

  it('a property named $ref counts as a ref: conservative, such a subtree is walked instead of skipped', () => {
    expect(refKindOf({ properties: { $ref: { type: 'string' } } })).toBe(2);
  });

  it('caches per node: a shared subtree gets the same answer in every parent', () => {
    const shared = { $ref: '#/$defs/a' };
    expect(refKindOf({ x: shared })).toBe(1);
    expect(refKindOf({ y: [shared], z: { type: 'string' } })).toBe(1);
    expect(refKindOf(shared)).toBe(1);
    expect(hasRef({ y: shared })).toBe(true);
    expect(hasRef({ y: {} })).toBe(false);
    expect(hasRef(3)).toBe(false);
  });
});

describe('sameJson and quickSame', () => {
  it('compare JSON regardless of key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameJson({ a: undefined }, { b: undefined }), 'own keys must match, not only values').toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({}, [])).toBe(false);
    expect(sameJson({ 0: 'a' }, ['a'])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({}, null)).toBe(false);
    expect(sameJson(1, '1')).toBe(false);
    expect(sameJson('a', 'a')).toBe(true);
    expect(sameJson({ a: { b: { c: [1] } } }, { a: { b: { c: [2] } } })).toBe(false);
  });

  it('quickSame gives up (not equal) past its budget; sameJson has none', () => {
    const wide = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(quickSame(wide(40), wide(40))).toBe(true);
    expect(quickSame(wide(49), wide(49)), '1 + 49 nodes is exactly the budget').toBe(true);
    expect(quickSame(wide(50), wide(50))).toBe(false);
    expect(sameJson(wide(500), wide(500))).toBe(true);
    const same = wide(500);
    expect(quickSame(same, same), 'the same object is equal without walking').toBe(true);
  });
});

describe('typesOf', () => {
  const self = (n: unknown) => n as never;
  it('reads type as a string or a list', () => {
    expect(typesOf({ type: 'string' }, self)).toEqual(['string']);
    expect(typesOf({ type: ['string', 7, 'null'] }, self)).toEqual(['string', 'null']);
  });
  it('else unions the types of anyOf/oneOf branches that all declare one', () => {
    expect(typesOf({ anyOf: [{ type: 'string' }, { type: ['integer', 'null'] }, false] }, self)).toEqual(['string', 'integer', 'null']);
    expect(typesOf({ oneOf: [{ type: 'string' }, { type: 'string' }] }, self)).toEqual(['string']);
    expect(typesOf({ anyOf: [{ type: 'string' }, { minimum: 1 }] }, self), 'a branch of any type makes the union any').toBeUndefined();
    expect(typesOf({ anyOf: [], oneOf: [{ type: 'boolean' }] }, self), 'an empty anyOf is skipped').toEqual(['boolean']);
    expect(typesOf({ anyOf: 'no', oneOf: [{ type: 'boolean' }] }, self)).toEqual(['boolean']);
    expect(typesOf({ anyOf: [{ type: ['a', 1] }] }, self)).toEqual(['a']);
    expect(typesOf({ description: 'any' }, self)).toBeUndefined();
  });
  it('resolves each branch first', () => {
    const defs: Record<string, unknown> = { '#/$defs/s': { type: 'string' } };
    const resolve = (n: unknown) => ((n as { $ref?: string }).$ref ? defs[(n as { $ref: string }).$ref] : n) as never;
    expect(typesOf({ anyOf: [{ $ref: '#/$defs/s' }, { type: 'null' }] }, resolve)).toEqual(['string', 'null']);
  });
});
