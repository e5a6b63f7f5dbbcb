/**
 * One row of the rules table: message and hint text (values formatted short, the root path
 * shown as "/", hint placeholders filled) and the generated rows for numeric bounds.
 */
import { describe, expect, it } from 'vitest';
import { fmt, ruleRow } from './rule-row.ts';
import { describe as describeChange, RULES } from './rules.ts';

describe('fmt', () => {
  it('prints JSON, "(absent)" for a missing value, and cuts long values to one short line', () => {
    expect(fmt(undefined)).toBe('(absent)');
    expect(fmt(null)).toBe('null');
    expect(fmt('a')).toBe('"a"');
    expect(fmt([1, { b: 2 }])).toBe('[1,{"b":2}]');
    const eighty = 'x'.repeat(78); // 80 characters with the quotes: kept whole
    expect(fmt(eighty)).toBe(`"${eighty}"`);
    expect(fmt(`${eighty}y`)).toBe(`"${'x'.repeat(76)}...`);
    expect(fmt(`${eighty}y`)).toHaveLength(80);
  });

  it('falls back to String() for what JSON cannot print', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(fmt(cyclic)).toBe('[object Object]');
    expect(fmt(() => 1)).toBe('() => 1');
    expect(fmt(10n)).toBe('10');
  });
});

describe('ruleRow', () => {
  const row = ruleRow('constraint', false, true, (c) => `changed at ${c.path}`, 'keep ${before} (not ${after}) at ${path}; again ${path}');

  it('fills every placeholder of the hint, and names the root "/"', () => {
    expect(row.hint({ path: '/a', before: 1, after: 'two' })).toBe('keep 1 (not "two") at /a; again /a');
    expect(row.hint({ path: '', before: undefined, after: [1] })).toBe('keep (absent) (not [1]) at /; again /');
    expect(row.message({ path: '', before: 1, after: 2 })).toBe('changed at /');
    expect(row.message({ path: '/x', before: 1, after: 2 })).toBe('changed at /x');
  });

  it('keeps the category and the verdict per policy', () => {
    expect(row).toMatchObject({ category: 'constraint', backward: { STRICT: false, LENIENT: true } });
    expect(ruleRow('annotation', true, true, () => '', '').backward).toEqual({ STRICT: true, LENIENT: true });
  });

  it('refuses a row where LENIENT would be stricter than STRICT', () => {
    expect(() => ruleRow('constraint', true, false, () => '', '')).toThrow('a LENIENT verdict is never stricter than the STRICT one');
  });
});

describe('the generated rows for numeric bounds', () => {
  const facts = { path: '/p', before: 1, after: 2 };
  it.each([
    ['MINIMUM_ADDED', 'minimum 2 added at /p', 'drop minimum at /p, or release it as a new major version', false],
    ['MINIMUM_REMOVED', 'minimum 1 removed at /p', '', true],
    ['MINIMUM_INCREASED', 'minimum increased from 1 to 2 at /p', 'keep minimum at 1 at /p, or release it as a new major version', false],
    ['MINIMUM_DECREASED', 'minimum decreased from 1 to 2 at /p', '', true],
    ['MAXIMUM_INCREASED', 'maximum increased from 1 to 2 at /p', '', true],
    ['MAXIMUM_DECREASED', 'maximum decreased from 1 to 2 at /p', 'keep maximum at 1 at /p, or release it as a new major version', false],
    ['EXCLUSIVE_MINIMUM_ADDED', 'exclusiveMinimum 2 added at /p', 'drop exclusiveMinimum at /p, or release it as a new major version', false],
    ['MAX_LENGTH_REMOVED', 'maxLength 1 removed at /p', '', true],
  ] as const)('%s', (kind, message, hint, backward) => {
    expect(describeChange(kind, facts)).toMatchObject({ kind, message, hint });
    expect(RULES[kind].backward).toEqual({ STRICT: backward, LENIENT: backward });
  });
});
