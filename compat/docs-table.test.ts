/**
 * README.md carries the change-kind table rendered from the rules table
 * and the fixtures; this test fails when they drift apart (and prints the table to paste).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#test/support/conformance.ts';
import { renderKindsTable, type FixtureCase } from './docs-table.ts';

describe('README change-kind table', () => {
  it('matches the rules table and the fixtures', () => {
    const dir = path.join(repoRoot, 'test/fixtures/compat');
    const fixtures = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as FixtureCase[]);
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const table = renderKindsTable(fixtures);
    expect(readme.includes(table), `README.md must contain this table:\n${table}`).toBe(true);
  });
});
