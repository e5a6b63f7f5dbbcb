/**
 * The pattern checks that run before any comparison (validate.ts, patterns.ts, errors.ts):
 * every place a schema can hold a regular expression, the pointer and side each refusal names,
 * what is not a pattern, and the linear-time matcher. The 10,000-deep and ReDoS stress cases
 * are in hostile.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CompatError } from './errors.ts';
import { checkPattern, matches, patternProblem } from './patterns.ts';
import { validatePatterns } from './validate.ts';

const BAD = '(';
/** The error validatePatterns throws for `schema`, or undefined. */
function refusal(schema: unknown, side: 'before' | 'after' = 'after'): CompatError | undefined {
  try {
    validatePatterns(schema, side);
  } catch (error) {
    if (error instanceof CompatError) return error;
    throw error;
  }
  return undefined;
}
const at = (schema: unknown) => refusal(schema)?.pointer;

describe('validatePatterns finds a bad pattern wherever a subschema can be', () => {
  it.each([
    ['the root', { pattern: BAD }, '/pattern'],
    ['properties', { properties: { a: { pattern: BAD } } }, '/properties/a/pattern'],
    ['$defs', { $defs: { d: { pattern: BAD } } }, '/$defs/d/pattern'],
    ['definitions', { definitions: { d: { pattern: BAD } } }, '/definitions/d/pattern'],
    ['dependentSchemas', { dependentSchemas: { a: { pattern: BAD } } }, '/dependentSchemas/a/pattern'],
    ['dependencies', { dependencies: { a: { pattern: BAD } } }, '/dependencies/a/pattern'],
    ['items (one schema)', { items: { pattern: BAD } }, '/items/pattern'],
    ['items (a tuple)', { items: [{}, { pattern: BAD }] }, '/items/1/pattern'],
    ['prefixItems', { prefixItems: [{}, {}, { pattern: BAD }] }, '/prefixItems/2/pattern'],
    ['additionalItems', { additionalItems: { pattern: BAD } }, '/additionalItems/pattern'],
    ['additionalProperties', { additionalProperties: { pattern: BAD } }, '/additionalProperties/pattern'],
    ['unevaluatedProperties', { unevaluatedProperties: { pattern: BAD } }, '/unevaluatedProperties/pattern'],
    ['unevaluatedItems', { unevaluatedItems: { pattern: BAD } }, '/unevaluatedItems/pattern'],
    ['propertyNames', { propertyNames: { pattern: BAD } }, '/propertyNames/pattern'],
    ['contains', { contains: { pattern: BAD } }, '/contains/pattern'],
    ['not', { not: { pattern: BAD } }, '/not/pattern'],
    ['if', { if: { pattern: BAD } }, '/if/pattern'],
    ['then', { then: { pattern: BAD } }, '/then/pattern'],
    ['else', { else: { pattern: BAD } }, '/else/pattern'],
    ['allOf', { allOf: [{ pattern: BAD }] }, '/allOf/0/pattern'],
    ['anyOf', { anyOf: [{}, { pattern: BAD }] }, '/anyOf/1/pattern'],
    ['oneOf', { oneOf: [{}, {}, {}, { pattern: BAD }] }, '/oneOf/3/pattern'],
    ['contentSchema', { contentSchema: { pattern: BAD } }, '/contentSchema/pattern'],
    ['deep inside', { properties: { a: { items: [{ anyOf: [{ properties: { 'x/y~z': { pattern: BAD } } }] }] } } }, '/properties/a/items/0/anyOf/0/properties/x~1y~0z/pattern'],
    ['a patternProperties key', { patternProperties: { '^ok$': {}, '[': {} } }, '/patternProperties/['],
    ['inside a patternProperties value', { patternProperties: { '^ok$': { pattern: BAD } } }, '/patternProperties/^ok$/pattern'],
  ])('%s', (_where, schema, pointer) => {
    expect(at(schema)).toBe(pointer);
  });

  it('names the side and says what to do', () => {
    const e = refusal({ properties: { a: { pattern: BAD } } }, 'before')!;
    expect(e.side).toBe('before');
    expect(e.message).toMatch(/^invalid regular expression "\(": .+ \(at \/properties\/a\/pattern in the old schema\)$/);
    expect(e.hint).toMatch(/^fix the pattern \(JSON Schema patterns are ECMA-262/);
    expect(e.name).toBe('CompatError');
    expect(refusal({ pattern: BAD })!.message).toMatch(/in the new schema\)$/);
  });

  it('reads only keywords: a property named "pattern", values of annotations and enums are data', () => {
    expect(at({ properties: { pattern: { type: 'string' } } })).toBeUndefined();
    expect(at({ examples: [{ pattern: BAD }], default: { pattern: BAD }, enum: [{ pattern: BAD }], const: { pattern: BAD } })).toBeUndefined();
    expect(at({ properties: { a: { description: BAD, format: BAD } } })).toBeUndefined();
    expect(at({ properties: { a: true, b: false, c: null } }), 'boolean and null subschemas are skipped').toBeUndefined();
    expect(at({ items: 'nonsense', not: 3 }), 'what is not a schema holds no pattern').toBeUndefined();
    expect(at({ properties: { a: { type: 'string', pattern: '^[a-z]+$' } }, patternProperties: { '^x-': {} } })).toBeUndefined();
  });

  it('a non-string pattern is refused with what it is', () => {
    expect(() => checkPattern(42, '/pattern', 'after')).toThrow(/^pattern must be a string, got 42 \(at \/pattern in the new schema\)$/);
    expect(() => checkPattern(undefined, '/pattern', 'after')).not.toThrow();
  });

  it('walks shared and cyclic subschemas once, and remembers a checked schema', () => {
    const shared: Record<string, unknown> = { type: 'object' };
    shared.properties = { self: shared, other: { pattern: BAD } };
    // Either place names the same subschema; the walk is depth-first from the last branch.
    expect(at({ allOf: [shared, shared] })).toBe('/allOf/1/properties/other/pattern');
    const ok = { properties: { a: { pattern: '^a' } } };
    expect(at(ok)).toBeUndefined();
    (ok.properties.a as { pattern: string }).pattern = BAD;
    expect(at(ok), 'an already validated schema object is not walked again (registry histories)').toBeUndefined();
    expect(at([{ pattern: BAD }]), 'a root that is not an object is not a schema to walk').toBeUndefined();
  });
});

describe('patterns run on a linear-time engine only', () => {
  it('refuses backreferences and lookaround, saying why', () => {
    expect(patternProblem('(a)\\1')).toMatch(/needs a backtracking engine .*backreferences and lookaround are not allowed/);
    expect(patternProblem('a(?=b)')).toMatch(/needs a backtracking engine/);
    expect(patternProblem('^[a-z]+$')).toBeUndefined();
    expect(patternProblem('\\p{L}+')).toBeUndefined();
    expect(patternProblem(BAD)).toMatch(/Invalid regular expression/);
    expect(patternProblem(BAD), 'the cached refusal is the same').toBe(patternProblem(BAD));
  });

  it('matches like ECMA test (unanchored), with \\u escapes rewritten and escaped backslashes kept', () => {
    expect(matches('b', 'abc', '/p', 'after')).toBe(true);
    expect(matches('^b', 'abc', '/p', 'after')).toBe(false);
    expect(matches('^\\u0041$', 'A', '/p', 'after')).toBe(true);
    expect(matches('^\\u{1F600}$', '😀', '/p', 'after')).toBe(true);
    expect(matches('^\\\\u0041$', '\\u0041', '/p', 'after'), '\\\\u0041 is a backslash then "u0041"').toBe(true);
    expect(matches('^\\\\u0041$', 'A', '/p', 'after')).toBe(false);
    expect(() => matches(BAD, 'x', '/patternProperties/(', 'before')).toThrow(/at \/patternProperties\/\( in the old schema/);
  });

  it('a pathological pattern on a long name answers (a backtracking engine would not return)', () => {
    expect(matches('^(((.+)+)+)+!$', 'a'.repeat(5000), '/p', 'after')).toBe(false);
  });
});

describe('CompatError', () => {
  it('says where, in which schema, and keeps the parts', () => {
    const e = new CompatError('bad', '', 'do this');
    expect(e.message).toBe('bad (at /)');
    expect(new CompatError('bad', '/a', 'h', 'after').message).toBe('bad (at /a in the new schema)');
    expect(e).toMatchObject({ pointer: '', hint: 'do this', side: undefined, name: 'CompatError' });
  });
});
