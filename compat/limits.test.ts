/**
 * The limit records' comparator (limits.ts) where the data makes a difference: an effective
 * numeric bound from `maximum` + `exclusiveMaximum` when both are present (JSON Schema
 * validation §6.2.2–6.2.5: both apply, so the tighter one is the bound), ties included.
 */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from './diff.ts';
import { compareBound, compareMultipleOf, numericBound, widens } from './limits.ts';

describe('numericBound: the tighter of the inclusive and the exclusive keyword', () => {
  it.each([
    // Equal values: `x < 10` and `x <= 10` together accept exactly `x < 10`.
    ['upper, equal values: exclusive wins', { maximum: 10, exclusiveMaximum: 10 }, 'upper', { value: 10, exclusive: true }],
    ['lower, equal values: exclusive wins', { minimum: 10, exclusiveMinimum: 10 }, 'lower', { value: 10, exclusive: true }],
    ['upper, exclusive below inclusive', { maximum: 10, exclusiveMaximum: 9 }, 'upper', { value: 9, exclusive: true }],
    ['upper, inclusive below exclusive', { maximum: 9, exclusiveMaximum: 10 }, 'upper', { value: 9, exclusive: false }],
    ['lower, exclusive above inclusive', { minimum: 9, exclusiveMinimum: 10 }, 'lower', { value: 10, exclusive: true }],
    ['lower, inclusive above exclusive', { minimum: 10, exclusiveMinimum: 9 }, 'lower', { value: 10, exclusive: false }],
    ['draft-04 boolean makes maximum exclusive', { maximum: 10, exclusiveMaximum: true }, 'upper', { value: 10, exclusive: true }],
    ['draft-04 false keeps maximum inclusive', { maximum: 10, exclusiveMaximum: false }, 'upper', { value: 10, exclusive: false }],
    ['exclusive alone', { exclusiveMaximum: 3 }, 'upper', { value: 3, exclusive: true }],
    ['no bound', {}, 'upper', undefined],
  ] as const)('%s', (_why, schema, bound, expected) => {
    const [keyword, exclusive] = bound === 'upper' ? ['maximum', 'exclusiveMaximum'] : ['minimum', 'exclusiveMinimum'];
    expect(numericBound(schema as Record<string, unknown>, keyword, exclusive, bound)).toEqual(expected);
  });
});

describe('compareBound and widens', () => {
  it.each([
    ['upper < 10 → <= 10 loosens', { value: 10, exclusive: true }, { value: 10, exclusive: false }, 'upper', 'INCREASED', true],
    ['upper <= 10 → < 10 tightens', { value: 10, exclusive: false }, { value: 10, exclusive: true }, 'upper', 'DECREASED', false],
    ['lower > 10 → >= 10 loosens', { value: 10, exclusive: true }, { value: 10, exclusive: false }, 'lower', 'DECREASED', true],
    ['lower >= 10 → > 10 tightens', { value: 10, exclusive: false }, { value: 10, exclusive: true }, 'lower', 'INCREASED', false],
    ['a larger value wins over exclusivity', { value: 10, exclusive: false }, { value: 11, exclusive: true }, 'upper', 'INCREASED', true],
    ['removed widens', { value: 1, exclusive: false }, undefined, 'lower', 'REMOVED', true],
    ['added narrows', undefined, { value: 1, exclusive: false }, 'upper', 'ADDED', false],
  ] as const)('%s', (_why, before, after, bound, suffix, widening) => {
    expect(compareBound(before, after, bound)).toBe(suffix);
    expect(widens(bound, suffix), 'the verdict follows the accepted set').toBe(widening);
  });

  it('equal bounds are no change', () => {
    expect(compareBound({ value: 2, exclusive: true }, { value: 2, exclusive: true }, 'upper')).toBeUndefined();
    expect(compareBound(undefined, undefined, 'lower')).toBeUndefined();
  });
});

describe('diffSchemas on bounds written two ways', () => {
  it.each([
    ['maximum 10 + exclusiveMaximum 10 is exclusiveMaximum 10', { type: 'number', maximum: 10, exclusiveMaximum: 10 }, { type: 'number', exclusiveMaximum: 10 }],
    ['minimum 10 + exclusiveMinimum 10 is exclusiveMinimum 10', { type: 'number', minimum: 10, exclusiveMinimum: 10 }, { type: 'number', exclusiveMinimum: 10 }],
    ['draft-04 exclusive maximum is the 2020-12 one', { type: 'number', maximum: 10, exclusiveMaximum: true }, { type: 'number', exclusiveMaximum: 10 }],
  ])('%s: the accepted numbers are the same, so no change', (_why, before, after) => {
    expect(diffSchemas(before, after).map((c) => c.kind)).toEqual([]);
    expect(diffSchemas(after, before).map((c) => c.kind), 'and the other way round').toEqual([]);
  });

  it('maximum 10 + exclusiveMaximum 10 → maximum 10 is a relaxation (10 becomes valid)', () => {
    expect(diffSchemas({ type: 'number', maximum: 10, exclusiveMaximum: 10 }, { type: 'number', maximum: 10 }).map((c) => c.kind)).toEqual(['MAXIMUM_INCREASED']);
  });
});

describe('limits: the remaining edges', () => {
  it.each([
    ['a smaller value wins over exclusivity (upper)', { value: 10, exclusive: true }, { value: 9, exclusive: false }, 'upper', 'DECREASED', false],
    ['a smaller lower bound widens', { value: 10, exclusive: false }, { value: 9, exclusive: true }, 'lower', 'DECREASED', true],
    ['a larger lower bound narrows', { value: 9, exclusive: true }, { value: 10, exclusive: false }, 'lower', 'INCREASED', false],
    ['a lower bound added narrows', undefined, { value: 0, exclusive: true }, 'lower', 'ADDED', false],
    ['an upper bound removed widens', { value: 0, exclusive: true }, undefined, 'upper', 'REMOVED', true],
  ] as const)('%s', (_why, before, after, bound, suffix, widening) => {
    expect(compareBound(before, after, bound)).toBe(suffix);
    expect(widens(bound, suffix)).toBe(widening);
  });

  it('only numbers are bounds: a draft-04 `true` without maximum, or a string maximum, is no bound', () => {
    expect(numericBound({ exclusiveMaximum: true }, 'maximum', 'exclusiveMaximum', 'upper')).toBeUndefined();
    expect(numericBound({ maximum: '10' }, 'maximum', 'exclusiveMaximum', 'upper')).toBeUndefined();
    expect(numericBound({ maximum: '10', exclusiveMaximum: 4 }, 'maximum', 'exclusiveMaximum', 'upper')).toEqual({ value: 4, exclusive: true });
    expect(numericBound({ minimum: 0, exclusiveMinimum: '1' }, 'minimum', 'exclusiveMinimum', 'lower')).toEqual({ value: 0, exclusive: false });
  });

  it.each([
    ['same', 5, 5, undefined],
    ['added', undefined, 5, 'ADDED'],
    ['removed', 5, undefined, 'REMOVED'],
    ['10 → 5 accepts more (every multiple of 10 is one of 5)', 10, 5, 'REDUCED'],
    ['5 → 10 accepts less', 5, 10, 'EXPANDED'],
    ['7 → 13 accepts different numbers', 7, 13, 'CHANGED'],
    ['13 → 7 as well', 13, 7, 'CHANGED'],
    ['0.1 → 0.3 despite floating point (0.3 / 0.1 = 2.9999999999999996)', 0.1, 0.3, 'EXPANDED'],
    ['0.3 → 0.1', 0.3, 0.1, 'REDUCED'],
    ['2 → 3 is not a multiple either way', 2, 3, 'CHANGED'],
  ] as const)('multipleOf %s', (_why, before, after, expected) => {
    expect(compareMultipleOf(before, after)).toBe(expected);
  });

  it('multipleOf changes in a schema: narrowing, widening, both', () => {
    const kinds = (a: number, b: number) => diffSchemas({ type: 'number', multipleOf: a }, { type: 'number', multipleOf: b }).map((c) => c.kind);
    expect(kinds(10, 5)).toEqual(['MULTIPLE_OF_REDUCED']);
    expect(kinds(5, 10)).toEqual(['MULTIPLE_OF_EXPANDED']);
    expect(kinds(7, 13)).toEqual(['MULTIPLE_OF_CHANGED']);
  });
});
