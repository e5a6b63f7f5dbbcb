/**
 * Numeric, string, array and object limits as data records, compared by one generic
 * comparator (as Karapace keeps them). A record says which keyword is a lower or upper
 * bound; the comparator says whether the accepted set grew or shrank.
 */

/** Confluent's name stem for each limit keyword. */
export const LIMITS = [
  { keyword: 'maxLength', name: 'MAX_LENGTH', bound: 'upper' },
  { keyword: 'minLength', name: 'MIN_LENGTH', bound: 'lower' },
  { keyword: 'maxItems', name: 'MAX_ITEMS', bound: 'upper' },
  { keyword: 'minItems', name: 'MIN_ITEMS', bound: 'lower' },
  { keyword: 'maxProperties', name: 'MAX_PROPERTIES', bound: 'upper' },
  { keyword: 'minProperties', name: 'MIN_PROPERTIES', bound: 'lower' },
  { keyword: 'maxContains', name: 'MAX_CONTAINS', bound: 'upper' },
  { keyword: 'minContains', name: 'MIN_CONTAINS', bound: 'lower' },
] as const;

/**
 * Numeric bounds: `maximum`/`exclusiveMaximum` (and the minimum pair) are one effective
 * bound each, so `exclusiveMinimum: 10` → `minimum: 10` is seen as the relaxation it is
 * (JSON Schema validation §6.2). Draft-04's boolean `exclusiveMinimum` is folded in too.
 */
export const NUMERIC_BOUNDS = [
  { keyword: 'maximum', exclusive: 'exclusiveMaximum', name: 'MAXIMUM', bound: 'upper' },
  { keyword: 'minimum', exclusive: 'exclusiveMinimum', name: 'MINIMUM', bound: 'lower' },
] as const;

/** Keywords whose value either holds or not: adding narrows, removing widens, changing breaks both ways. */
export const VALUE_KEYWORDS = [
  { keyword: 'pattern', name: 'PATTERN' },
  { keyword: 'format', name: 'FORMAT' },
  { keyword: 'contentEncoding', name: 'CONTENT_ENCODING' },
  { keyword: 'contentMediaType', name: 'CONTENT_MEDIA_TYPE' },
] as const;

export type LimitName = (typeof LIMITS)[number]['name'];
export type BoundName = LimitName | 'MAXIMUM' | 'MINIMUM' | 'EXCLUSIVE_MAXIMUM' | 'EXCLUSIVE_MINIMUM';
export type LimitSuffix = 'ADDED' | 'REMOVED' | 'INCREASED' | 'DECREASED';
export type ValueName = (typeof VALUE_KEYWORDS)[number]['name'];

export interface Bound {
  value: number;
  exclusive: boolean;
}

/**
 * Compares one bound. Returns the suffix of the change kind, or undefined when equal.
 * An absent bound is infinitely loose. For equal values, exclusive is tighter.
 */
export function compareBound(before: Bound | undefined, after: Bound | undefined, bound: 'upper' | 'lower'): LimitSuffix | undefined {
  if (!before && !after) return undefined;
  if (!before) return 'ADDED';
  if (!after) return 'REMOVED';
  if (before.value === after.value && before.exclusive === after.exclusive) return undefined;
  if (after.value !== before.value) return after.value > before.value ? 'INCREASED' : 'DECREASED';
  // Same value, exclusivity flipped: `< 10` → `<= 10` raises an upper bound; `> 10` → `>= 10` lowers a lower one.
  const loosened = before.exclusive && !after.exclusive;
  if (bound === 'upper') return loosened ? 'INCREASED' : 'DECREASED';
  return loosened ? 'DECREASED' : 'INCREASED';
}

/** Reads the effective numeric bound (`maximum` + `exclusiveMaximum`, both drafts). */
export function numericBound(schema: Record<string, unknown>, keyword: string, exclusiveKeyword: string, bound: 'upper' | 'lower'): Bound | undefined {
  const inclusive = typeof schema[keyword] === 'number' ? (schema[keyword] as number) : undefined;
  const ex = schema[exclusiveKeyword];
  // Draft-04: `exclusiveMaximum: true` makes `maximum` exclusive.
  if (ex === true && inclusive !== undefined) return { value: inclusive, exclusive: true };
  const exclusive = typeof ex === 'number' ? ex : undefined;
  if (inclusive === undefined) return exclusive === undefined ? undefined : { value: exclusive, exclusive: true };
  if (exclusive === undefined) return { value: inclusive, exclusive: false };
  // Both present: the tighter one wins.
  const tighter = bound === 'upper' ? exclusive <= inclusive : exclusive >= inclusive;
  return tighter ? { value: exclusive, exclusive: true } : { value: inclusive, exclusive: false };
}

/** True when the suffix widens the accepted set for this kind of bound. */
export function widens(bound: 'upper' | 'lower', suffix: LimitSuffix): boolean {
  if (suffix === 'REMOVED') return true;
  if (suffix === 'ADDED') return false;
  return bound === 'upper' ? suffix === 'INCREASED' : suffix === 'DECREASED';
}

/** `multipleOf`: 10 → 5 accepts more (every multiple of 10 is one of 5); 7 → 13 accepts different numbers. */
export function compareMultipleOf(before: number | undefined, after: number | undefined): 'ADDED' | 'REMOVED' | 'EXPANDED' | 'REDUCED' | 'CHANGED' | undefined {
  if (before === after) return undefined;
  if (before === undefined) return 'ADDED';
  if (after === undefined) return 'REMOVED';
  if (isMultiple(before, after)) return 'REDUCED';
  if (isMultiple(after, before)) return 'EXPANDED';
  return 'CHANGED';
}

function isMultiple(value: number, divisor: number): boolean {
  if (divisor === 0) return false;
  const q = value / divisor;
  return Math.abs(q - Math.round(q)) < 1e-9;
}
