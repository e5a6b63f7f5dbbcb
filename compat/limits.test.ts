/**
 * The limit records' comparator (limits.ts) where the data makes a difference: an effective
 * numeric bound from `maximum` + `exclusiveMaximum` when both are present (JSON Schema
 * validation §6.2.2–6.2.5: both apply, so the tighter one is the bound), ties included.
 */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from './diff.ts';
import { compareBound, numericBound, widens } from './limits.ts';

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
