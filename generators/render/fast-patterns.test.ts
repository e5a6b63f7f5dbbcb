import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evcPattern } from './fast-patterns.ts';

const isFast = (pattern: string, flags = 'u') => !(evcPattern(pattern, flags) instanceof RegExp);

/** Random patterns of the grammar evcPattern compiles (and some it must hand to RegExp), rendered as strings. */
const alphabet = ['a', 'b', 'z', 'A', '0', '9', '-', '_', '.', ':', '/'];
const klass = fc
  .uniqueArray(fc.oneof(fc.constantFrom(...alphabet.filter((c) => c !== '-')), fc.constantFrom('a-z', '0-9', 'A-Z', 'a-b')), { minLength: 1, maxLength: 4 })
  .chain((items) => fc.boolean().map((dash) => `[${items.join('')}${dash ? '-' : ''}]`));
const literal = fc.constantFrom('a', 'b', '0', '-', '_', ':', '/', '4');
const quantifier = fc.constantFrom('', '', '+', '*', '?', '{2}', '{1,3}', '{0,2}', '{2,}');
const atom = fc.tuple(fc.oneof(klass, klass, literal), quantifier).map(([a, q]) => a + q);
const pattern = fc.array(atom, { minLength: 0, maxLength: 4 }).map((atoms) => `^${atoms.join('')}$`);
const subject = fc.oneof(
  fc.array(fc.constantFrom(...alphabet, 'Z', 'é', '😀', '\ud800'), { maxLength: 12 }).map((cs) => cs.join('')),
  fc.string({ maxLength: 12 }),
);

describe('evcPattern', () => {
  it('compiles the seed\'s simple id patterns to the fast matcher, and leaves the rest to RegExp', () => {
    // why: the speed-up only exists for these; everything with groups, escapes or other flags must stay a real RegExp.
    for (const p of ['^[A-Za-z0-9._:-]+$', '^[A-Za-z0-9_-]+$', '^[A-Za-z0-9_.-]{1,64}$', '^[a-z0-9][a-z0-9-]*/[A-Za-z0-9._:-]+$', '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$']) {
      expect(isFast(p), p).toBe(true);
    }
    for (const p of ['^[a-z][a-z0-9]*(-[a-z0-9]+)*$', '^\\d+$', '[a-z]+', '^[a-z]+', '^[^a]+$', '^a|b$', '^[a-z]+?$', '^[a-z]*[0-9]*[a-z]$', '^[a-z]+[a-z0-9]$']) {
      expect(isFast(p), p).toBe(false);
    }
    expect(isFast('^[a-z]+$', 'i'), 'other flags').toBe(false);
  });

  it('gives RegExp\'s verdict for random patterns of its grammar and random strings', () => {
    let fast = 0;
    // why: a matcher that differs from ECMA-262 would change what `pattern` accepts (JSON Schema §6.3.3).
    fc.assert(
      fc.property(pattern, fc.array(subject, { minLength: 1, maxLength: 8 }), (p, strings) => {
        let expected: RegExp;
        try {
          expected = new RegExp(p, 'u');
        } catch {
          expect(() => evcPattern(p, 'u'), `${p} is invalid for RegExp, so it must throw here too`).toThrow();
          return;
        }
        const matcher = evcPattern(p, 'u');
        if (!(matcher instanceof RegExp)) fast++;
        // Strings built from the pattern's own pieces, so matches are common, plus random ones.
        const pieces = p.slice(1, -1).replace(/[[\]+*?{}]/g, '').replace(/\d,\d/g, '');
        const built = strings.map((s, i) => (i % 2 === 0 ? s : [...s].map((_, j) => pieces[(j * 7 + s.length) % Math.max(1, pieces.length)] ?? '').join('')));
        for (const s of [...strings, ...built, '']) expect(matcher.test(s), `${p} on ${JSON.stringify(s)}`).toBe(expected.test(s));
      }),
      { numRuns: 5000 },
    );
    // why: the property only proves something if the fast path was taken often.
    expect(fast).toBeGreaterThan(1000);
  });

  it('is keyed by pattern and flags (Ajv de-duplicates patterns by toString)', () => {
    expect(String(evcPattern('^[a-z]+$', 'u'))).toBe('/^[a-z]+$/u');
    expect(String(evcPattern('^[a-z]+$', ''))).toBe('/^[a-z]+$/');
  });
});
