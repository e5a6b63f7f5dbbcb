/**
 * compareMultipleOf (limits.ts) with a zero divisor: `multipleOf` must be > 0 (JSON Schema
 * validation §6.2.1), so 0 divides nothing. The comparator must not read `3 → 0` as a
 * relaxation (REDUCED), which every level would accept.
 */
import { describe, expect, it } from 'vitest';
import { compareMultipleOf } from './limits.ts';

describe('multipleOf with a zero divisor', () => {
  it('3 → 0 is not a relaxation', () => {
    // why: no number is "a multiple of 0" in the divisor sense, so nothing old is known to be accepted now
    expect(compareMultipleOf(3, 0)).not.toBe('REDUCED');
  });
});
