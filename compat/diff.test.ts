/**
 * diff.ts on its own: the default policy, the shortcut for equal documents, which schema an
 * error is about, the memo of `$defs` compared once, the depth counter, `false` schemas, and the
 * keyword groups it owns (annotations, type, enum/const, limits, patterns reached through a
 * `$ref`). Each expectation states the change kind, pointer and the before/after values a reader
 * of the report sees. Everything is computed inside the tests.
 */
import { describe, expect, it } from 'vitest';
import { CompatError } from './errors.ts';
import { diffRaw, diffSchemas } from './diff.ts';
import type { JsonSchema } from './types.ts';

/** kind, pointer, before, after: what one change says. */
const facts = (before: JsonSchema, after: JsonSchema) => diffSchemas(before, after).map((c) => [c.kind, c.path, c.before, c.after]);
const kinds = (before: JsonSchema, after: JsonSchema) => diffSchemas(before, after).map((c) => `${c.kind} ${c.path}`);
const errorOf = (fn: () => unknown): CompatError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CompatError) return error;
    throw error;
  }
  throw new Error('expected a CompatError');
};

// A property added to an object whose additionalProperties is a schema: whether the old
// additionalProperties schema covers the new property is a nested verdict, taken under the policy.
const openBefore = (): JsonSchema => ({ type: 'object', properties: { id: { type: 'string' } }, additionalProperties: { type: 'object' } });
const openAfter = (): JsonSchema => ({
  type: 'object',
  properties: { id: { type: 'string' }, meta: { type: 'object', properties: { note: { type: 'string' } } } },
  additionalProperties: { type: 'object' },
});

describe('the policy a diff classifies under', () => {
  it('diffSchemas and diffRaw without a policy classify under STRICT, not LENIENT', () => {
    const strict = diffSchemas(openBefore(), openAfter(), 'STRICT').map((c) => c.kind);
    const lenient = diffSchemas(openBefore(), openAfter(), 'LENIENT').map((c) => c.kind);
    // why: STRICT: "meta" gains an optional "note" that old data under additionalProperties may carry with any value
    expect(strict).toEqual(['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL']);
    // why: LENIENT: producers emit only declared properties, so the old additionalProperties schema covers it
    expect(lenient).toEqual(['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL']);
    // why: README: "diffSchemas(a, b) without a policy classifies under STRICT"
    expect(diffSchemas(openBefore(), openAfter()).map((c) => c.kind)).toEqual(strict);
    expect(diffRaw(openBefore(), openAfter()).map((c) => c.kind)).toEqual(strict);
  });
});

describe('equal documents and errors', () => {
  it('two equal documents are not walked at all, even with a pattern the engine would refuse', () => {
    // why: equal documents resolve every $ref the same way: nothing changed, nothing to check
    expect(diffSchemas({ pattern: '(?<=x)y' }, { pattern: '(?<=x)y' })).toEqual([]);
    // why: once they differ, the refused pattern is reported in the schema that holds it
    expect(errorOf(() => diffSchemas({ pattern: '(?<=x)y' }, { pattern: 'a' }))).toMatchObject({ side: 'before', pointer: '/pattern' });
    expect(errorOf(() => diffSchemas({ pattern: 'a' }, { pattern: '(?<=x)y' }))).toMatchObject({ side: 'after', pointer: '/pattern' });
    expect(errorOf(() => diffSchemas({ pattern: 'a' }, { pattern: '(?<=y)z' })).message).toMatch(/\(at \/pattern in the new schema\)$/);
  });

  it('an unresolvable $ref names the schema it is in', () => {
    // why: the old schema's $ref points nowhere
    expect(errorOf(() => diffSchemas({ $ref: '#/$defs/Nope' }, {}))).toMatchObject({ side: 'before', pointer: '' });
    // why: the new schema's $ref points nowhere
    expect(errorOf(() => diffSchemas({}, { $ref: '#/$defs/Nope' }))).toMatchObject({ side: 'after', pointer: '' });
  });

  it('equal subtrees are skipped only when both documents have the same $defs and definitions', () => {
    // The same {$ref} text on both sides, but only one document declares the target: the
    // subtrees are not the same schema, so they are walked and the dangling side is reported.
    const ref = (to: string) => ({ properties: { a: { $ref: to } } });
    const e1 = errorOf(() => diffSchemas({ ...ref('#/$defs/X'), $defs: { X: { type: 'string' } } }, { ...ref('#/$defs/X'), title: 'x' }));
    // why: the new document has no $defs for the unchanged-looking {$ref: #/$defs/X}
    expect([e1.side, e1.pointer]).toEqual(['after', '/properties/a']);
    const e2 = errorOf(() => diffSchemas({ ...ref('#/$defs/X'), title: 'x' }, { ...ref('#/$defs/X'), $defs: { X: { type: 'string' } } }));
    expect([e2.side, e2.pointer]).toEqual(['before', '/properties/a']);
    const e3 = errorOf(() => diffSchemas({ ...ref('#/definitions/X'), definitions: { X: { type: 'string' } } }, { ...ref('#/definitions/X'), title: 'x' }));
    // why: the same holds for draft-07 definitions
    expect([e3.side, e3.pointer]).toEqual(['after', '/properties/a']);
    const e4 = errorOf(() => diffSchemas({ ...ref('#/definitions/X'), title: 'x' }, { ...ref('#/definitions/X'), definitions: { X: { type: 'string' } } }));
    expect([e4.side, e4.pointer]).toEqual(['before', '/properties/a']);
  });

  it('a changed definition is seen through every unchanged $ref to it, at each pointer', () => {
    const doc = (t: string, defs: '$defs' | 'definitions') => ({
      properties: { a: { $ref: `#/${defs}/X` }, b: { $ref: `#/${defs}/X` } },
      [defs]: { X: { type: t } },
    });
    // why: {$ref} is textually equal on both sides, but X changed: both a and b change type; the
    // second is replayed from the first comparison with its own pointer
    expect(facts(doc('string', '$defs'), doc('integer', '$defs'))).toEqual([
      ['TYPE_CHANGED', '/properties/a/type', 'string', 'integer'],
      ['TYPE_CHANGED', '/properties/b/type', 'string', 'integer'],
    ]);
    expect(kinds(doc('string', 'definitions'), doc('integer', 'definitions'))).toEqual(['TYPE_CHANGED /properties/a/type', 'TYPE_CHANGED /properties/b/type']);
  });

  it('a schema nested deeper than the call stack is refused with a CompatError, not a RangeError', () => {
    let before: unknown = 1;
    let after: unknown = 2;
    for (let i = 0; i < 20_000; i++) {
      before = [before];
      after = [after];
    }
    const error = errorOf(() => diffSchemas({ enum: [before] }, { enum: [after] }));
    // why: the engine's one error type, with what to do about it
    expect(error.message).toBe('schema too deeply nested to compare (at /)');
    expect(error.hint).toBe('flatten the schema with $defs and $ref');
    expect(error.pointer).toBe('');
  });

  it('many sibling sub-diffs do not add up to the nesting limit', () => {
    // 310 properties, each with a `not` compared by its own sub-diff: side by side, never nested.
    const many = (t: string): JsonSchema => ({ type: 'object', properties: Object.fromEntries(Array.from({ length: 310 }, (_, i) => [`p${i}`, { not: { type: t } }])) });
    const changes = diffSchemas(many('string'), many('integer'));
    // why: one change per property; the depth limit (300) is about nesting, not count
    expect(changes).toHaveLength(310);
    expect(changes[309]).toMatchObject({ kind: 'NOT_TYPE_EXTENDED', path: '/properties/p309/not' });
  });
});

describe('false schemas', () => {
  it('false replaced and introduced, with the resolved false as the value', () => {
    // why: a property that accepted nothing now accepts strings: every old event stays valid
    expect(facts({ properties: { a: false } }, { properties: { a: { type: 'string' } } })).toEqual([['FALSE_SCHEMA_REPLACED', '/properties/a', false, { type: 'string' }]]);
    expect(facts({ properties: { a: { type: 'string' } } }, { properties: { a: false } })).toEqual([['FALSE_SCHEMA_INTRODUCED', '/properties/a', { type: 'string' }, false]]);
    // why: through a $ref the reported value is what the $ref resolves to (false), not the {$ref} text
    const viaRef = { properties: { a: { $ref: '#/$defs/N' } }, $defs: { N: false } };
    const plain = { properties: { a: { type: 'string' } }, $defs: { N: false } };
    expect(facts(viaRef, plain)).toEqual([['FALSE_SCHEMA_REPLACED', '/properties/a', false, { type: 'string' }]]);
    expect(facts(plain, viaRef)).toEqual([['FALSE_SCHEMA_INTRODUCED', '/properties/a', { type: 'string' }, false]]);
  });

  it('false on both sides is no change', () => {
    // why: only b changed; a accepts nothing before and after
    expect(facts({ properties: { a: false, b: { type: 'string' } } }, { properties: { a: false, b: { type: 'integer' } } })).toEqual([['TYPE_CHANGED', '/properties/b/type', 'string', 'integer']]);
    // why: written differently (a $ref to false), it still accepts nothing
    expect(facts({ properties: { a: false } }, { properties: { a: { $ref: '#/$defs/N' } }, $defs: { N: false } })).toEqual([]);
  });
});

describe('annotations and type', () => {
  it('an annotation present and equal on both sides is not a change', () => {
    // why: title and description did not change; only the type did
    expect(kinds({ description: 'd', title: 't', examples: ['x'], type: 'string' }, { description: 'd', title: 't', examples: ['x'], type: 'integer' })).toEqual(['TYPE_CHANGED /type']);
  });

  it('a type added narrows, a type removed widens; all six types are no type at all', () => {
    // why: {} accepts anything, {type: string} only strings
    expect(facts({}, { type: 'string' })).toEqual([['TYPE_NARROWED', '/type', undefined, 'string']]);
    expect(facts({ type: 'string' }, {})).toEqual([['TYPE_EXTENDED', '/type', 'string', undefined]]);
    // why: the six JSON types together accept every JSON value, like no type keyword
    expect(facts({}, { type: ['null', 'boolean', 'object', 'array', 'number', 'string'] })).toEqual([]);
    expect(facts({ type: ['string', 'number', 'array', 'object', 'boolean', 'null'] }, {})).toEqual([]);
    // why: integer is inside number, so number|...: still everything
    expect(facts({}, { type: ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] })).toEqual([]);
  });
});

describe('enum and const', () => {
  it.each([
    ['const changed', { const: 1 }, { const: 2 }, 'ENUM_ARRAY_CHANGED', '/const', [1], [2]],
    ['enum extended', { enum: [1] }, { enum: [1, 2] }, 'ENUM_ARRAY_EXTENDED', '/enum', [1], [1, 2]],
    ['const became a wider enum: reported at the enum', { const: 1 }, { enum: [1, 2] }, 'ENUM_ARRAY_EXTENDED', '/enum', [1], [1, 2]],
    ['enum became a const: reported at the const', { enum: [1, 2] }, { const: 1 }, 'ENUM_ARRAY_NARROWED', '/const', [1, 2], [1]],
    ['const removed: reported where it was', { const: 1 }, {}, 'ENUM_ARRAY_EXTENDED', '/const', [1], undefined],
    ['enum removed', { enum: [1, 2] }, {}, 'ENUM_ARRAY_EXTENDED', '/enum', [1, 2], undefined],
    ['const added', {}, { const: 1 }, 'ENUM_ARRAY_NARROWED', '/const', undefined, [1]],
    ['enum added', {}, { enum: [1] }, 'ENUM_ARRAY_NARROWED', '/enum', undefined, [1]],
  ] as const)('%s', (_why, before, after, kind, path, was, is) => {
    // why: fewer allowed values narrow (old data may hold a dropped one), more extend
    expect(facts(before, after)).toEqual([[kind, path, was, is]]);
  });

  it('the same values in another order are no change', () => {
    // why: an enum is a set
    expect(facts({ enum: ['a', 'b'] }, { enum: ['b', 'a'] })).toEqual([]);
  });
});

describe('limits', () => {
  it('numeric bounds are described with their operator', () => {
    // why: the report says ">= 1" → ">= 2": a raised lower bound
    expect(facts({ minimum: 1, maximum: 5 }, { minimum: 2, maximum: 4 })).toEqual([
      ['MAXIMUM_DECREASED', '/maximum', '<= 5', '<= 4'],
      ['MINIMUM_INCREASED', '/minimum', '>= 1', '>= 2'],
    ]);
    // why: exclusive bounds are strict inequalities; a removed bound has no value after
    expect(facts({ exclusiveMinimum: 1, exclusiveMaximum: 5 }, {})).toEqual([
      ['EXCLUSIVE_MAXIMUM_REMOVED', '/exclusiveMaximum', '< 5', undefined],
      ['EXCLUSIVE_MINIMUM_REMOVED', '/exclusiveMinimum', '> 1', undefined],
    ]);
    expect(facts({}, { exclusiveMinimum: 1, exclusiveMaximum: 5 })).toEqual([
      ['EXCLUSIVE_MAXIMUM_ADDED', '/exclusiveMaximum', undefined, '< 5'],
      ['EXCLUSIVE_MINIMUM_ADDED', '/exclusiveMinimum', undefined, '> 1'],
    ]);
  });

  it('a multipleOf that is not a number is no limit', () => {
    // why: multipleOf: "x" is not a valid bound: dropping it changes nothing
    expect(facts({ type: 'number', multipleOf: 'x' }, { type: 'number' })).toEqual([]);
    expect(facts({ type: 'number', multipleOf: 2 }, { type: 'number' })).toEqual([['MULTIPLE_OF_REMOVED', '/multipleOf', 2, undefined]]);
  });

  it('beside contains on both sides an absent minContains is 1; elsewhere minContains: 0 is just added', () => {
    const c = { type: 'string' };
    // why: 1 → 0 lowers the bound
    expect(facts({ type: 'array', contains: c }, { type: 'array', contains: c, minContains: 0 })).toEqual([['MIN_CONTAINS_DECREASED', '/minContains', undefined, 0]]);
    // why: 0 → 1 raises it
    expect(facts({ type: 'array', contains: c, minContains: 0 }, { type: 'array', contains: c })).toEqual([['MIN_CONTAINS_INCREASED', '/minContains', 0, undefined]]);
    // why: the old schema had no contains, so there was no implicit 1 to lower
    expect(kinds({ type: 'array' }, { type: 'array', contains: c, minContains: 0 })).toEqual(['MIN_CONTAINS_ADDED /minContains', 'CONTAINS_ADDED /contains']);
    // why: contains dropped with its minContains: 0 (no implicit 1 on the new side, which has no contains)
    expect(kinds({ type: 'array', contains: c, minContains: 0 }, { type: 'array' })).toEqual(['MIN_CONTAINS_REMOVED /minContains', 'CONTAINS_REMOVED /contains']);
    // why: the implicit 1 is minContains' only: a maxContains: 0 is added, not a lowered 1
    expect(facts({ type: 'array', contains: c }, { type: 'array', contains: c, maxContains: 0 })).toEqual([['MAX_CONTAINS_ADDED', '/maxContains', undefined, 0]]);
  });

  it('a pattern reached only through a $ref outside $defs is still checked, in its own schema', () => {
    const lib = { properties: { a: { $ref: '#/x-lib/A' } }, 'x-lib': { A: { type: 'string', pattern: '(?<=x)y' } } };
    const plain = { properties: { a: { type: 'string' } } };
    const old = errorOf(() => diffSchemas(lib, plain));
    // why: the lookbehind is refused where the comparison meets it, and said to be in the old schema
    expect([old.pointer, old.side]).toEqual(['/properties/a/pattern', 'before']);
    expect(old.message).toMatch(/\(at \/properties\/a\/pattern in the old schema\)$/);
    const neu = errorOf(() => diffSchemas(plain, lib));
    expect([neu.pointer, neu.side]).toEqual(['/properties/a/pattern', 'after']);
  });
});
