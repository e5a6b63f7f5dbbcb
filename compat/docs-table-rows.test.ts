/**
 * renderKindsTable on hand-made fixture lists (the README test feeds it the real ones): the
 * header, a kind with no example, the example a kind is shown with, and the evc-only marker.
 * Plus ruleRow's message and hint functions on a row built inside the test.
 */
import { describe, expect, it } from 'vitest';
import { renderKindsTable, type FixtureCase } from './docs-table.ts';
import { ruleRow } from './rule-row.ts';
import { CHANGE_KINDS } from './rules.ts';

const HEADER = [
  '| change kind | backward STRICT | backward LENIENT | bump when neither direction breaks (a break needs a major) | example (test/fixtures/compat) | example holds under STRICT / LENIENT |',
  '|---|:-:|:-:|:-:|---|---|',
];
const row = (table: string, kind: string) => table.split('\n').find((l) => l.startsWith(`| \`${kind}\``));

describe('renderKindsTable', () => {
  it('without fixtures: the header, then one row per kind with empty example cells', () => {
    const table = renderKindsTable([]);
    const lines = table.split('\n');
    // why: the README table starts with its header and has a row for every change kind
    expect(lines.slice(0, 2)).toEqual(HEADER);
    expect(lines).toHaveLength(2 + CHANGE_KINDS.length);
    // why: no fixture shows TYPE_CHANGED: both example cells are empty; it breaks under both policies
    expect(row(table, 'TYPE_CHANGED')).toBe('| `TYPE_CHANGED` | ❌ | ❌ | minor |  |  |');
    // why: an annotation is a patch and never breaks; ANNOTATION_CHANGED is evc's own kind
    expect(row(table, 'ANNOTATION_CHANGED')).toBe('| `ANNOTATION_CHANGED` (evc) | ✅ | ✅ | patch |  |  |');
  });

  it('shows a kind with the case that has it alone, else the first case that has it', () => {
    const fixtures: FixtureCase[] = [
      { description: 'id and type together', changes: [['ID_CHANGED', '/$id'], ['TYPE_CHANGED', '/type']], STRICT: 'none', LENIENT: 'none', bump: 'major' },
      { description: 'string to integer', changes: [['TYPE_CHANGED', '/type']], STRICT: 'forward', LENIENT: 'backward', bump: 'major' },
    ];
    const table = renderKindsTable(fixtures);
    // why: the single-change case illustrates TYPE_CHANGED best
    expect(row(table, 'TYPE_CHANGED')).toBe('| `TYPE_CHANGED` | ❌ | ❌ | minor | string to integer | FORWARD only / BACKWARD only |');
    // why: ID_CHANGED only appears beside another change
    expect(row(table, 'ID_CHANGED')).toBe('| `ID_CHANGED` | ✅ | ✅ | patch | id and type together | neither / neither |');
  });
});

describe('ruleRow message and hint, built inside the test', () => {
  it('the message sees "/" for the root, the hint gets its placeholders filled', () => {
    const r = ruleRow('constraint', false, false, (c) => `at ${c.path}: ${String(c.before)} → ${String(c.after)}`, 'keep ${before} at ${path}');
    // why: the root pointer is empty; messages print it as "/"
    expect(r.message({ path: '', before: 1, after: 2 })).toBe('at /: 1 → 2');
    expect(r.hint({ path: '/a', before: 'x', after: 'y' })).toBe('keep "x" at /a');
  });
});
