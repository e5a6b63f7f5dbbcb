import { describe, expect, it } from 'vitest';
import { CatalogError } from './errors.ts';
import { checkDataLimits, checkTextSize, INPUT_LIMITS, type LimitName } from './input-limits.ts';
import { parseSource } from './source.ts';

const nest = (n: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 1; i < n; i++) v = [v];
  return v;
};
const L = (name: LimitName) => INPUT_LIMITS[name].max;

describe('checkDataLimits', () => {
  it.each<[string, unknown, LimitName, string]>([
    // The root object is level 1, so `a` holding L arrays makes L + 1 levels.
    ['nesting one level over the limit', { a: nest(L('nesting-depth') + 1) }, 'nesting-depth', `/a${'/0'.repeat(L('nesting-depth') - 1)}`],
    ['an object with too many keys', { properties: Object.fromEntries(Array.from({ length: L('object-properties') + 1 }, (_, i) => [`p${i}`, {}])) }, 'object-properties', '/properties'],
    ['an array with too many items', { examples: Array.from({ length: L('array-items') + 1 }, () => 0) }, 'array-items', '/examples'],
    ['an enum over its own (smaller) limit', { properties: { s: { enum: Array.from({ length: L('enum-values') + 1 }, (_, i) => i) } } }, 'enum-values', '/properties/s/enum'],
    ['a long pattern', { pattern: 'a'.repeat(L('pattern-length') + 1) }, 'pattern-length', '/pattern'],
    ['a long patternProperties key', { patternProperties: { ['b'.repeat(L('pattern-length') + 1)]: {} } }, 'pattern-length', `/patternProperties/${'b'.repeat(L('pattern-length') + 1)}`],
    ['too many patterns', { allOf: Array.from({ length: L('pattern-count') + 1 }, () => ({ pattern: '^a$' })) }, 'pattern-count', `/allOf/${L('pattern-count')}/pattern`],
    ['too many $refs', { allOf: Array.from({ length: L('ref-count') + 1 }, () => ({ $ref: '#' })) }, 'ref-count', `/allOf/${L('ref-count')}/$ref`],
    ['a very long string', { description: 'x'.repeat(L('string-length') + 1) }, 'string-length', '/description'],
  ])('refuses %s, naming the limit and the pointer', (_name, value, limit, pointer) => {
    const found = checkDataLimits(value);
    // why: the error must say which limit and where, so the author knows what to change.
    expect(found?.limit.name).toBe(limit);
    expect(found?.pointer).toBe(pointer);
    expect(found?.message).toMatch(new RegExp(`limit ${limit} exceeded`));
  });

  it.each<[string, unknown]>([
    ['nesting exactly at the limit', { a: nest(L('nesting-depth')) }],
    ['an enum exactly at the limit', { enum: Array.from({ length: L('enum-values') }, (_, i) => i) }],
    ['a property named "enum" with a normal schema', { properties: { enum: { type: 'string' } } }],
    ['scalars', 42],
  ])('accepts %s', (_name, value) => {
    // why: limits leave room for real contracts; off-by-one here would refuse valid input.
    expect(checkDataLimits(value)).toBeUndefined();
  });

  it('counts the walk iteratively: 100,000 levels are refused without a stack overflow', () => {
    // why: the check itself must not be the recursion it guards against.
    expect(checkDataLimits(nest(100_000))?.limit.name).toBe('nesting-depth');
  });

  it('checks text size in bytes, not characters', () => {
    const multibyte = 'é'.repeat(L('document-bytes') / 2 + 1);
    expect(checkTextSize(multibyte)?.limit.name).toBe('document-bytes');
  });

  it('has a status, unit and hint for every limit (the README table is generated from the same rows)', () => {
    for (const limit of Object.values(INPUT_LIMITS)) {
      expect([413, 422]).toContain(limit.status);
      expect(limit.hint.length).toBeGreaterThan(10);
    }
  });
});

describe('parseSource with hostile nesting (crashed Node: js-yaml stopped, then `yaml` overflowed, then V8 aborted)', () => {
  it.each([
    ['1,100 nested JSON arrays', `{"asyncapi":"3.0.0","x":${'['.repeat(1100)}${']'.repeat(1100)}}`],
    ['100,000 unclosed [', `x: ${'['.repeat(100_000)}`],
    ['1,000 levels of YAML indentation', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1'],
    ['1,000 nested sequences on one line', `x:\n${'- '.repeat(1000)}a`],
    ['an anchor in the text (takes the `yaml` path) and 1,000 nested maps', `a: &x 1\nb: ${'{c: '.repeat(1000)}1${'}'.repeat(1000)}`],
  ])('refuses %s with a diagnostic, every time it is asked', (_name, text) => {
    for (let i = 0; i < 3; i++) {
      // why: the second parse is the one that aborted the process; three prove the parser state is clean.
      let error: unknown;
      try {
        parseSource(text, 'deep.yaml');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CatalogError);
      expect((error as CatalogError).diagnostics[0]!.code).toMatch(/input-too-deep|limit-nesting-depth/);
    }
  });

  it('refuses data made deep by YAML aliases (each alias 60 levels deeper)', () => {
    const wrap = (inner: string) => `${'['.repeat(60)}${inner}${']'.repeat(60)}`;
    const lines = [`a0: &a0 ${wrap('1')}`, `a1: &a1 ${wrap('*a0')}`, `a2: &a2 ${wrap('*a1')}`];
    let error: unknown;
    try {
      parseSource(lines.join('\n'), 'aliases.yaml');
    } catch (e) {
      error = e;
    }
    // why: the text nests 61 levels, but the data every later walk sees is over 180 levels deep.
    expect((error as CatalogError).diagnostics[0]!.code).toBe('limit-nesting-depth');
  });
});
