/**
 * Array keywords (diff-array.ts) on concrete schema pairs: a tuple position on one side only
 * is judged against the other side's rest (open, closed, partially open), in both drafts'
 * spellings, plus `contains` and `unevaluatedItems`. Each case asserts kinds and paths, and
 * the verdict they imply through `breakingChanges`.
 */
import { describe, expect, it } from 'vitest';
import { breakingChanges } from './check.ts';
import { diffSchemas } from './diff.ts';
import type { JsonSchema } from './types.ts';

const S = { type: 'string' };
const I = { type: 'integer' };
const arr = (extra: Record<string, unknown>): JsonSchema => ({ type: 'array', ...extra });
const changes = (a: JsonSchema, b: JsonSchema) => diffSchemas(a, b).map((c): [string, string] => [c.kind, c.path]);

describe('a tuple position added', () => {
  it.each([
    ['open rest (no items)', arr({ prefixItems: [S] }), arr({ prefixItems: [S, I] }), [['ITEM_ADDED_TO_OPEN_CONTENT_MODEL', '/prefixItems/1']]],
    ['open rest, empty schema added', arr({ prefixItems: [S] }), arr({ prefixItems: [S, {}] }), [['ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', '/prefixItems/1']]],
    ['open rest, `true` added', arr({ prefixItems: [S], items: true }), arr({ prefixItems: [S, true], items: true }), [['ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', '/prefixItems/1']]],
    ['closed rest', arr({ prefixItems: [S], items: false }), arr({ prefixItems: [S, I], items: false }), [['ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', '/prefixItems/1']]],
    ['partially open rest that covers it', arr({ prefixItems: [S], items: I }), arr({ prefixItems: [S, I], items: I }), [['ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', '/prefixItems/1']]],
    ['draft-07 spelling, closed', arr({ items: [S], additionalItems: false }), arr({ items: [S, I], additionalItems: false }), [['ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', '/items/1']]],
    ['draft-07 spelling, open', arr({ items: [S] }), arr({ items: [S, I] }), [['ITEM_ADDED_TO_OPEN_CONTENT_MODEL', '/items/1']]],
  ])('%s', (_why, a, b, expected) => {
    expect(changes(a, b)).toEqual(expected);
  });

  it('a partially open rest that does not cover it: the item\'s own breaks follow', () => {
    const found = changes(arr({ prefixItems: [S], items: I }), arr({ prefixItems: [S, S], items: I }));
    expect(found[0]).toEqual(['ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', '/prefixItems/1']);
    expect(found.length, 'the integer → string change of that position is listed too').toBeGreaterThan(1);
    expect(found.slice(1).every(([, path]) => path.startsWith('/prefixItems/1'))).toBe(true);
    expect(breakingChanges(arr({ prefixItems: [S], items: I }), arr({ prefixItems: [S, S], items: I }), 'backward', 'STRICT').length).toBeGreaterThan(0);
  });
});

describe('a tuple position removed', () => {
  it.each([
    ['into an open rest', arr({ prefixItems: [S, I] }), arr({ prefixItems: [S] }), [['ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', '/prefixItems/1']]],
    ['into a closed rest', arr({ prefixItems: [S, I], items: false }), arr({ prefixItems: [S], items: false }), [['ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL', '/prefixItems/1']]],
    ['a `false` position into a closed rest', arr({ prefixItems: [S, false], items: false }), arr({ prefixItems: [S], items: false }), [['ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL', '/prefixItems/1']]],
    ['into a rest that covers it', arr({ prefixItems: [S, I], items: I }), arr({ prefixItems: [S], items: I }), [['ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', '/prefixItems/1']]],
    ['every position, into an open rest', arr({ prefixItems: [S] }), arr({}), [['ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', '/prefixItems/0']]],
  ])('%s', (_why, a, b, expected) => {
    expect(changes(a, b)).toEqual(expected);
  });

  it('into a rest that does not cover it: the position\'s breaks follow', () => {
    const found = changes(arr({ prefixItems: [S, S], items: I }), arr({ prefixItems: [S], items: I }));
    expect(found[0]).toEqual(['ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', '/prefixItems/1']);
    expect(found.length).toBeGreaterThan(1);
  });
});

describe('rest, unevaluatedItems and contains', () => {
  it.each([
    ['rest closed', arr({ items: S }), arr({ items: false }), [['ADDITIONAL_ITEMS_REMOVED', '/items']]],
    ['rest opened', arr({ items: false }), arr({ items: S }), [['ADDITIONAL_ITEMS_ADDED', '/items']]],
    ['draft-07 rest closed', arr({ items: [S], additionalItems: true }), arr({ items: [S], additionalItems: false }), [['ADDITIONAL_ITEMS_REMOVED', '/additionalItems']]],
    ['a tuple introduced keeps the new side\'s rest keyword', arr({ items: false }), arr({ prefixItems: [S], items: false }), [['ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', '/prefixItems/0']]],
    // unevaluatedItems alone is folded into the rest (normalize.ts); beside `contains` it is kept.
    ['unevaluatedItems alone is the rest', arr({ unevaluatedItems: false }), arr({}), [['ADDITIONAL_ITEMS_ADDED', '/items']]],
    ['unevaluatedItems beside contains opened', arr({ prefixItems: [S], contains: S, unevaluatedItems: false }), arr({ prefixItems: [S], contains: S }), [['UNEVALUATED_ITEMS_ADDED', '/unevaluatedItems']]],
    // Mixed drafts: the path uses the side that has the tuple (the new one when both do).
    ['draft-07 tuple removed into a closed 2020-12 rest', arr({ items: [S], additionalItems: false }), arr({ items: false }), [['ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL', '/items/0']]],
    ['draft-07 tuple → 2020-12 tuple', arr({ items: [S], additionalItems: false }), arr({ prefixItems: [S, I], items: false }), [['ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', '/prefixItems/1']]],
    ['draft-07 closed rest → 2020-12 open rest', arr({ items: [S], additionalItems: false }), arr({ prefixItems: [S], items: S }), [['ADDITIONAL_ITEMS_ADDED', '/items']]],
    ['draft-07 tuple dropped for a partially open rest: the rest change is placed where the old tuple\'s rest was', arr({ items: [S], additionalItems: false }), arr({ items: S }), [['ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', '/items/0'], ['ADDITIONAL_ITEMS_ADDED', '/additionalItems']]],
    ['contains added', arr({}), arr({ contains: S }), [['CONTAINS_ADDED', '/contains']]],
    ['contains removed', arr({ contains: S }), arr({}), [['CONTAINS_REMOVED', '/contains']]],
    ['the same keywords in another order', arr({ items: S, contains: S, maxItems: 3 }), arr({ maxItems: 3, contains: S, items: S }), []],
  ])('%s', (_why, a, b, expected) => {
    expect(changes(a, b)).toEqual(expected);
  });

  it('contains changed is compared inside, at its path', () => {
    const found = changes(arr({ contains: S }), arr({ contains: I }));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(([, path]) => path === '/contains' || path.startsWith('/contains/'))).toBe(true);
  });

  it('positions present on both sides are compared position by position', () => {
    const found = changes(arr({ prefixItems: [S, S] }), arr({ prefixItems: [S, I] }));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(([, path]) => path.startsWith('/prefixItems/1'))).toBe(true);
  });
});
