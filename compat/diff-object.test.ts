/**
 * Object keywords (diff-object.ts) on concrete schema pairs: what a schema accepts for a name it
 * does not declare (matching patternProperties, else additionalProperties), a pattern or
 * `propertyNames` on one side only, the values reported when additionalProperties opens or
 * closes, dependencies, and `required` entries that name nothing. Each case asserts kinds and
 * pointers; verdicts are checked through checkCompatibility and, where a break is claimed, an
 * Ajv witness (an event valid on one side and not on the other).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { diffSchemas } from './diff.ts';
import type { JsonSchema, Level, Policy } from './types.ts';

const ajv = new Ajv2020({ strict: false, validateFormats: false });
const S = { type: 'string' };
const obj = (extra: Record<string, unknown>): JsonSchema => ({ type: 'object', ...extra });
const kinds = (a: JsonSchema, b: JsonSchema) => diffSchemas(a, b).map((c): [string, string] => [c.kind, c.path]);
const check = (before: JsonSchema, after: JsonSchema, level: Level, policy: Policy = 'STRICT') =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: before }], candidate: { schema: after }, level, policy });

describe('a property added is compared with what the old schema accepted for its name', () => {
  const patterned = obj({ patternProperties: { '^x_': S } });

  it('a name one pattern matches is covered by that pattern', () => {
    // why: the old schema already held x_id to strings, so a string x_id is no news to old events
    expect(kinds(patterned, obj({ patternProperties: { '^x_': S }, properties: { x_id: S } }))).toEqual([['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', '/properties/x_id']]);
    expect(check(patterned, obj({ patternProperties: { '^x_': S }, properties: { x_id: S } }), 'FULL').compatible).toBe(true);
  });

  it('a name no pattern matches falls back to additionalProperties (open here)', () => {
    // why: `y` is not matched by ^x_, so old events may carry y with any value
    const after = obj({ patternProperties: { '^x_': S }, properties: { y: S } });
    expect(kinds(patterned, after)).toEqual([['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', '/properties/y']]);
    // why: witness {y: 1} was valid and is not any more, so STRICT BACKWARD breaks
    expect([ajv.validate(patterned, { y: 1 }), ajv.validate(after, { y: 1 })]).toEqual([true, false]);
    expect(check(patterned, after, 'BACKWARD').compatible).toBe(false);
  });

  it('a name two patterns match is held to both', () => {
    const before = obj({ patternProperties: { '^x': S, '_id$': { maxLength: 10 } } });
    const same = obj({ patternProperties: { '^x': S, '_id$': { maxLength: 10 } }, properties: { x_id: { type: 'string', maxLength: 10 } } });
    // why: x_id was held to "string" and "at most 10 long" together: a property saying both adds nothing
    expect(kinds(before, same)).toEqual([['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', '/properties/x_id']]);
    const tighter = obj({ patternProperties: { '^x': S, '_id$': { maxLength: 10 } }, properties: { x_id: { type: 'string', maxLength: 5 } } });
    // why: an old x_id of 8 characters is refused now, and the narrowing is listed at the property
    expect([ajv.validate(before, { x_id: 'abcdefgh' }), ajv.validate(tighter, { x_id: 'abcdefgh' })]).toEqual([true, false]);
    expect(kinds(before, tighter)).toEqual([
      ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', '/properties/x_id'],
      ['MAX_LENGTH_DECREASED', '/properties/x_id/maxLength'],
    ]);
  });

  it('a matching pattern whose schema is empty leaves the name open; one that is false closes it', () => {
    // why: `^x: {}` accepts anything under x…, as an open object does
    expect(kinds(obj({ patternProperties: { '^x': {} } }), obj({ patternProperties: { '^x': {} }, properties: { x1: S } }))).toEqual([['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', '/properties/x1']]);
    // why: `^x: false` refused every x… name, so no old event has x1: adding it is the closed-model kind
    expect(kinds(obj({ patternProperties: { '^x': false } }), obj({ patternProperties: { '^x': false }, properties: { x1: S } }))).toEqual([['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', '/properties/x1']]);
  });

  it('a covered property lists no sub-changes (they do not break)', () => {
    const before = obj({ additionalProperties: { type: 'string', maxLength: 10 } });
    const after = obj({ additionalProperties: { type: 'string', maxLength: 10 }, properties: { p: S } });
    // why: p accepts every string, more than the old additionalProperties did: only the coverage is reported
    expect(kinds(before, after)).toEqual([['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', '/properties/p']]);
    expect(check(before, after, 'BACKWARD').compatible).toBe(true);
  });
});

describe('a pattern on one side only is compared with the other side\'s additionalProperties', () => {
  it.each([
    ['added to an open object', obj({}), obj({ patternProperties: { '^x': S } }), [['TYPE_NARROWED', '/patternProperties/^x/type']], false],
    ['removed into an open object', obj({ patternProperties: { '^x': S } }), obj({}), [['TYPE_EXTENDED', '/patternProperties/^x/type']], true],
    ['added beside additionalProperties: string', obj({ additionalProperties: S }), obj({ additionalProperties: S, patternProperties: { '^x': { type: 'string', maxLength: 5 } } }), [['MAX_LENGTH_ADDED', '/patternProperties/^x/maxLength']], false],
    ['removed beside additionalProperties: string', obj({ additionalProperties: S, patternProperties: { '^x': { type: 'string', maxLength: 5 } } }), obj({ additionalProperties: S }), [['MAX_LENGTH_REMOVED', '/patternProperties/^x/maxLength']], true],
  ] as const)('%s', (_why, before, after, expected, backward) => {
    // why: the names the pattern matches were (or become) held by additionalProperties, open or not
    expect(kinds(before, after)).toEqual(expected);
    expect(check(before, after, 'BACKWARD').compatible).toBe(backward);
    if (!backward) {
      // why: witness: an old x-name with a value the pattern refuses
      const witness = { xa: _why.includes('open') ? 1 : 'abcdefg' };
      expect([ajv.validate(before, witness), ajv.validate(after, witness)]).toEqual([true, false]);
    }
  });
});

describe('propertyNames on one side only', () => {
  const named = obj({ propertyNames: { maxLength: 5 } });
  it('added: compared with "any name"', () => {
    // why: names were unconstrained; now at most 5 long, so an old {longname: 1} breaks
    expect(kinds(obj({}), named)).toEqual([['MAX_LENGTH_ADDED', '/propertyNames/maxLength']]);
    expect([ajv.validate(obj({}), { longname: 1 }), ajv.validate(named, { longname: 1 })]).toEqual([true, false]);
    expect(check(obj({}), named, 'BACKWARD').compatible).toBe(false);
  });
  it('removed: any name is accepted again', () => {
    expect(kinds(named, obj({}))).toEqual([['MAX_LENGTH_REMOVED', '/propertyNames/maxLength']]);
    expect(check(named, obj({}), 'BACKWARD').compatible).toBe(true);
    expect(check(named, obj({}), 'FORWARD').compatible).toBe(false);
  });
});

describe('additionalProperties opened or closed: the values on each side', () => {
  it.each([
    ['false → string schema', obj({ additionalProperties: false }), obj({ additionalProperties: S }), 'ADDITIONAL_PROPERTIES_ADDED', false, S],
    ['false → absent (true)', obj({ additionalProperties: false }), obj({}), 'ADDITIONAL_PROPERTIES_ADDED', false, true],
    ['string schema → false', obj({ additionalProperties: S }), obj({ additionalProperties: false }), 'ADDITIONAL_PROPERTIES_REMOVED', S, false],
    ['absent (true) → false', obj({}), obj({ additionalProperties: false }), 'ADDITIONAL_PROPERTIES_REMOVED', true, false],
  ] as const)('%s', (_why, before, after, kind, was, now) => {
    const [change, ...rest] = diffSchemas(before, after);
    expect(rest).toEqual([]);
    // why: the change names the keyword and both values as written (absent reads as true)
    expect(change).toMatchObject({ kind, path: '/additionalProperties', before: was, after: now });
  });
});

describe('dependencies', () => {
  it('an unchanged dependentRequired beside another change is not reported', () => {
    const before = obj({ properties: { a: S, b: S }, dependentRequired: { a: ['b'] } });
    const after = obj({ properties: { a: S, b: S }, dependentRequired: { a: ['b'] }, required: ['a'] });
    // why: only `required` changed
    expect(kinds(before, after)).toEqual([['REQUIRED_ATTRIBUTE_ADDED', '/required']]);
  });

  it('a dependent schema on both sides is compared inside', () => {
    const before = obj({ dependentSchemas: { a: { required: ['b'] } } });
    const after = obj({ dependentSchemas: { a: { required: ['b', 'c'] } } });
    // why: with a present, c is now required too: old {a, b} events break
    expect(kinds(before, after)).toEqual([['REQUIRED_ATTRIBUTE_ADDED', '/dependentSchemas/a/required']]);
    expect([ajv.validate(before, { a: 1, b: 1 }), ajv.validate(after, { a: 1, b: 1 })]).toEqual([true, false]);
    expect(check(before, after, 'BACKWARD').compatible).toBe(false);
    expect(check(before, after, 'FORWARD').compatible).toBe(true);
  });

  it('draft-07 dependencies (schema form) on both sides are compared inside too', () => {
    const before = obj({ dependencies: { a: { required: ['b', 'c'] } } });
    const after = obj({ dependencies: { a: { required: ['b'] } } });
    expect(kinds(before, after)).toEqual([['REQUIRED_ATTRIBUTE_REMOVED', '/dependencies/a/required']]);
  });
});

describe('required entries that are not strings name no property', () => {
  it('dropping a non-string entry is no change', () => {
    const before = { type: 'object', properties: { a: S }, required: ['a', 1] } as JsonSchema;
    const after = obj({ properties: { a: S }, required: ['a'] });
    // why: no instance property is named 1 (a number): only the string entries constrain anything
    expect(kinds(before, after)).toEqual([]);
    expect(kinds(after, before)).toEqual([]);
  });
});
