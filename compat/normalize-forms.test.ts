/**
 * The normal forms normalize.ts gives single subschemas (read through the resolver, which applies
 * every rewrite step), and `acceptsNothing` on schemas whose emptiness follows from the JSON Schema
 * validation spec: type lists, enum/const values and their JSON types, inclusive and exclusive
 * numeric bounds (draft-04 booleans too), the length / item / property-count pairs, and `allOf`
 * type intersections. Each expectation is the accepted set, worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { acceptsNothing } from './normalize.ts';
import { createResolver } from './refs.ts';
import { checkCompatibility } from './check.ts';
import type { JsonSchema } from './types.ts';

const S = { type: 'string' };
/** The fully normalized root of a document. */
const norm = (schema: unknown) => createResolver(schema, 'before').resolve(schema, '');
const self = (n: unknown) => n as never;
const empty = (schema: Record<string, unknown>) => acceptsNothing(schema, self);
const backward = (before: unknown, after: unknown) =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: before as JsonSchema }], candidate: { schema: after as JsonSchema }, level: 'BACKWARD', policy: 'STRICT' }).compatible;

describe('a one-branch combinator', () => {
  it('is its branch, merged with equal or annotation siblings (the outer annotation wins)', () => {
    // why: type string on both sides means the same thing; the merged node means both
    expect(norm({ type: 'string', anyOf: [{ type: 'string', minLength: 1 }] })).toEqual({ type: 'string', minLength: 1 });
    // why: an annotation set on both constrains nothing, so the branch still merges; the node's text is kept
    expect(norm({ description: 'outer', oneOf: [{ description: 'inner', maxLength: 3 }] })).toEqual({ description: 'outer', maxLength: 3 });
  });

  it('stays as written when a constraint is set differently on both sides', () => {
    const node = { maxLength: 5, anyOf: [{ maxLength: 3 }] };
    // why: merging would keep one of the two bounds and change the accepted set (a 4-char string)
    expect(norm(node)).toEqual({ maxLength: 5, anyOf: [{ maxLength: 3 }] });
    const types = { type: 'string', anyOf: [{ type: 'integer' }] };
    // why: this accepts nothing; merging would make it accept every string
    expect(norm(types)).toEqual(types);
  });

  it('whose branch is false accepts nothing, whatever the siblings say', () => {
    // why: anyOf [false] fails every instance, so the node is false
    expect(norm({ type: 'string', anyOf: [false] })).toBe(false);
    expect(norm({ allOf: [false], description: 'never' })).toBe(false);
  });

  it('is only a real combinator: an unknown keyword holding one schema is data', () => {
    const node = { undefined: [{ type: 'string' }], 'x-other': [S] };
    // why: unknown keywords constrain nothing, so the node accepts everything and must not become {type: string}
    expect(norm(node)).toEqual(node);
  });
});

describe('flattening allOf', () => {
  it('merges branches of independent keywords into the node and drops the emptied allOf', () => {
    // why: allOf of independent keywords is their conjunction in one object
    expect(norm({ type: 'object', allOf: [{ properties: { b: S } }, { required: ['b'] }] })).toEqual({ type: 'object', properties: { b: S }, required: ['b'] });
    // why: an equal constraint and an annotation (the node's value is kept) do not stop the merge
    expect(norm({ title: 't', allOf: [{ title: 'u', maxLength: 3 }, { title: 'v', minLength: 1 }] })).toEqual({ title: 't', maxLength: 3, minLength: 1 });
    expect(norm({ type: 'string', allOf: [{ type: 'string', maxLength: 3 }, { type: 'string', minLength: 1 }] })).toEqual({ type: 'string', maxLength: 3, minLength: 1 });
  });

  it('keeps a branch whose keyword reads siblings, or whose constraint conflicts, in allOf', () => {
    // why: inside its branch additionalProperties:false forbids every property, a beside properties {a} it would allow a
    expect(norm({ properties: { a: S }, allOf: [{ additionalProperties: false }, { minProperties: 1 }] })).toEqual({ properties: { a: S }, minProperties: 1, allOf: [{ additionalProperties: false }] });
    // why: moved beside additionalProperties:false, properties {b} would allow b, which the branch forbade
    expect(norm({ additionalProperties: false, allOf: [{ properties: { b: S } }, { type: 'object' }] })).toEqual({ additionalProperties: false, type: 'object', allOf: [{ properties: { b: S } }] });
    // why: maxLength 5 and maxLength 3 both apply; keeping only the node's 5 would widen it
    expect(norm({ maxLength: 5, allOf: [{ maxLength: 3 }, { type: 'string' }] })).toEqual({ maxLength: 5, type: 'string', allOf: [{ maxLength: 3 }] });
  });

  it('a constraint moved into an allOf is no change', () => {
    // why: the two schemas accept the same strings, so no direction breaks
    expect(backward({ type: 'string', maxLength: 3 }, { allOf: [{ type: 'string' }, { maxLength: 3 }] })).toBe(true);
    expect(backward({ allOf: [{ type: 'string' }, { maxLength: 3 }] }, { type: 'string', maxLength: 3 })).toBe(true);
  });
});

describe('duplicate branches', () => {
  it('two equal anyOf branches collapse, then the one branch is the schema', () => {
    // why: anyOf [S, S] is S
    expect(norm({ anyOf: [S, { type: 'string' }] })).toEqual({ type: 'string' });
    expect(norm({ allOf: [{ minimum: 1 }, { minimum: 1 }] })).toEqual({ minimum: 1 });
  });

  it('oneOf duplicates are kept: oneOf [A, A] accepts nothing A accepts', () => {
    const node = { oneOf: [S, { type: 'string' }] };
    expect(norm(node)).toEqual(node);
  });
});

describe('unevaluatedItems', () => {
  it('becomes items where nothing else evaluates items, and is left beside a draft-07 tuple', () => {
    // why: without prefixItems/contains/applicators every item is unevaluated, as with items
    expect(norm({ type: 'array', unevaluatedItems: S })).toEqual({ type: 'array', items: S });
    // why: in draft-07 array items is a tuple; rewriting would replace the tuple by one item schema
    const tuple = { type: 'array', items: [S], unevaluatedItems: false };
    expect(norm(tuple)).toEqual(tuple);
  });
});

describe('acceptsNothing: type lists and values', () => {
  it('an empty type list or enum', () => {
    expect(empty({ type: [] })).toBe(true);
    expect(norm({ type: [] })).toBe(false);
    expect(empty({ enum: [] })).toBe(true);
    // why: a non-empty list admits its types
    expect(empty({ type: ['string'] })).toBe(false);
  });

  it('reads every string of a type list', () => {
    // why: 1 is a number, neither string nor null
    expect(empty({ type: ['string', 'null'], enum: [1] })).toBe(true);
    expect(empty({ type: ['integer', 'null'], enum: [1] })).toBe(false);
    expect(empty({ type: ['null', 'string'], enum: [null] })).toBe(false);
  });

  it('ignores non-string entries of a type list (they name no type)', () => {
    // why: the only type named is number and 5 > 1 leaves no number
    expect(empty({ type: ['number', 5], minimum: 5, maximum: 1 })).toBe(true);
    // why: a list naming no type is not "only numbers": strings still pass numeric bounds
    expect(empty({ type: [7], minimum: 5, maximum: 1 })).toBe(false);
  });

  it('null, arrays, objects, booleans and strings have their own JSON type', () => {
    expect(empty({ type: 'object', enum: [null] }), 'null is not an object').toBe(true);
    expect(empty({ type: 'null', enum: [null] })).toBe(false);
    expect(empty({ type: 'object', enum: [[1]] }), 'an array is not an object').toBe(true);
    expect(empty({ type: 'array', enum: [[1]] })).toBe(false);
    expect(empty({ type: 'object', enum: [{}] })).toBe(false);
    expect(empty({ type: 'boolean', enum: ['true'] })).toBe(true);
    expect(empty({ type: 'string', enum: ['true'] })).toBe(false);
  });

  it('an integral number is an integer and a number; 1.5 only a number', () => {
    expect(empty({ type: 'integer', enum: [2] })).toBe(false);
    expect(empty({ type: 'integer', enum: [1.5] })).toBe(true);
    expect(empty({ type: 'number', enum: [1.5] })).toBe(false);
    expect(empty({ type: 'number', enum: [2] })).toBe(false);
    // why: a number type does not admit strings
    expect(empty({ type: 'number', enum: ['x'] })).toBe(true);
  });

  it('const counts like a one-value enum; one admitted value is enough', () => {
    expect(empty({ type: 'string', const: 1 })).toBe(true);
    expect(empty({ type: 'string', const: 'a' })).toBe(false);
    expect(empty({ type: 'string', enum: ['a', 1] })).toBe(false);
    expect(empty({ type: 'string', enum: [1, true] })).toBe(true);
  });
});

describe('acceptsNothing: numeric bounds', () => {
  const n = (bounds: Record<string, unknown>) => empty({ type: 'number', ...bounds });
  it('inclusive bounds leave the equal value; exclusive ones do not', () => {
    expect(n({ minimum: 3, maximum: 3 }), '3 passes').toBe(false);
    expect(n({ minimum: 1, maximum: 5 })).toBe(false);
    expect(n({ minimum: 5, maximum: 1 })).toBe(true);
    expect(n({ exclusiveMinimum: 3, maximum: 3 })).toBe(true);
    expect(n({ minimum: 3, exclusiveMaximum: 3 })).toBe(true);
    expect(n({ exclusiveMinimum: 1, maximum: 5 }), '2 passes').toBe(false);
    expect(n({ exclusiveMinimum: 5, maximum: 1 })).toBe(true);
    expect(n({ minimum: 5, exclusiveMaximum: 1 })).toBe(true);
  });

  it('draft-04 boolean exclusives make the inclusive bound exclusive', () => {
    expect(n({ minimum: 3, maximum: 3, exclusiveMaximum: true })).toBe(true);
    expect(n({ minimum: 3, maximum: 3, exclusiveMinimum: true })).toBe(true);
    expect(n({ minimum: 3, maximum: 3, exclusiveMaximum: false })).toBe(false);
  });

  it('with both an inclusive and an exclusive bound on one side, the tighter one counts', () => {
    // lower side: exclusiveMinimum 3 is tighter than minimum 1, and nothing is > 3 and <= 2
    expect(n({ minimum: 1, exclusiveMinimum: 3, maximum: 2 })).toBe(true);
    // minimum 3 is tighter than exclusiveMinimum 1
    expect(n({ minimum: 3, exclusiveMinimum: 1, maximum: 2 })).toBe(true);
    expect(n({ minimum: 1, exclusiveMinimum: 0, maximum: 2 }), '1 passes').toBe(false);
    expect(n({ minimum: 0, exclusiveMinimum: 1, maximum: 2 }), '1.5 passes').toBe(false);
    // at equal values the exclusive one is the tighter: nothing is > 3 and <= 3
    expect(n({ minimum: 3, exclusiveMinimum: 3, maximum: 3 })).toBe(true);
    // upper side: exclusiveMaximum 2 is tighter than maximum 5
    expect(n({ maximum: 5, exclusiveMaximum: 2, minimum: 3 })).toBe(true);
    expect(n({ maximum: 2, exclusiveMaximum: 5, minimum: 3 })).toBe(true);
    expect(n({ maximum: 5, exclusiveMaximum: 4, minimum: 3 }), '3 passes').toBe(false);
    expect(n({ maximum: 4, exclusiveMaximum: 5, minimum: 3 }), '3 passes').toBe(false);
    expect(n({ maximum: 3, exclusiveMaximum: 3, minimum: 3 })).toBe(true);
  });

  it('integer counts as numeric; bounds under any other or no type do not empty it', () => {
    expect(empty({ type: 'integer', minimum: 5, maximum: 1 })).toBe(true);
    expect(empty({ type: ['integer', 'number'], minimum: 5, maximum: 1 })).toBe(true);
    // why: numeric bounds ignore strings, and "x" passes both
    expect(empty({ minimum: 5, maximum: 1 })).toBe(false);
    expect(empty({ type: ['number', 'string'], minimum: 5, maximum: 1 })).toBe(false);
  });
});

describe('acceptsNothing: length, item and property counts', () => {
  it.each([
    ['minLength', 'maxLength', 'string'],
    ['minItems', 'maxItems', 'array'],
    ['minProperties', 'maxProperties', 'object'],
  ])('%s above %s empties type %s only', (min, max, type) => {
    expect(empty({ type, [min]: 3, [max]: 2 })).toBe(true);
    // why: equal counts leave exactly one size
    expect(empty({ type, [min]: 2, [max]: 2 })).toBe(false);
    expect(empty({ type, [min]: 1, [max]: 5 })).toBe(false);
    // why: the keywords ignore instances of other types, and the schema has no type at all here
    expect(empty({ [min]: 3, [max]: 2 })).toBe(false);
    expect(empty({ type: type === 'string' ? 'boolean' : 'string', [min]: 3, [max]: 2 })).toBe(false);
  });

  it('a count that is not a number is no bound', () => {
    expect(empty({ type: 'string', minLength: '5', maxLength: 1 })).toBe(false);
  });
});

describe('acceptsNothing: allOf', () => {
  it('a false branch, or types that do not intersect', () => {
    expect(empty({ allOf: [{ type: 'string' }, false] })).toBe(true);
    expect(norm({ type: 'string', allOf: [{ minLength: 1 }, false] })).toBe(false);
    expect(empty({ allOf: [{ type: 'string' }, { type: 'integer' }] })).toBe(true);
    expect(empty({ type: 'boolean', allOf: [{ type: ['string', 'null'] }] })).toBe(true);
  });

  it('types that share a member, or integer inside number, leave instances', () => {
    expect(empty({ allOf: [{ type: ['string', 'null'] }, { type: ['null', 'integer'] }] }), 'null passes').toBe(false);
    expect(empty({ type: 'number', allOf: [{ type: 'integer' }] }), '1 passes').toBe(false);
    expect(empty({ allOf: [{ type: 'integer' }, { type: 'number' }] })).toBe(false);
    expect(empty({ allOf: [{ type: 'string' }, { minLength: 1 }, { type: 'string' }] })).toBe(false);
  });

  it('resolves each branch through $ref', () => {
    const doc = { $defs: { Never: false, I: { type: 'integer' } }, type: 'string', allOf: [{ $ref: '#/$defs/I' }] };
    // why: string and integer share no instance
    expect(norm(doc)).toBe(false);
    const never = { $defs: { Never: false }, allOf: [{ $ref: '#/$defs/Never' }, S] };
    expect(norm(never)).toBe(false);
  });
});
