/**
 * The table-driven fixtures in test/fixtures/compat/: each case states the changes the
 * diff must find, which directions hold under STRICT and LENIENT, and the release the
 * change needs when the level holds. Every level is checked for every case, and every
 * change kind of the rules table must be exercised by at least one case. `bump` is the release a
 * change that holds in both directions needs; a break in either direction needs a major under
 * every level (issue #13: no level lowers the bump).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#test/support/conformance.ts';
import { checkCompatibility } from './check.ts';
import { diffSchemas } from './diff.ts';
import { LEVELS, LEVEL_NAMES } from './levels.ts';
import { CHANGE_KINDS, RULES } from './rules.ts';
import type { Bump, JsonSchema, Level } from './types.ts';

type Directions = 'full' | 'backward' | 'forward' | 'none';
interface Fixture {
  description: string;
  before: JsonSchema;
  after: JsonSchema;
  changes: [string, string][];
  STRICT: Directions;
  LENIENT: Directions;
  bump: Bump;
}

const dir = path.join(repoRoot, 'test/fixtures/compat');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Fixture[]).map((c) => ({ ...c, file: f })));

const holds = (directions: Directions, level: Level): boolean =>
  LEVELS[level].directions.every((d) => directions === 'full' || directions === d);

describe('rules table fixtures', () => {
  it.each(fixtures.map((f) => [`${f.file}: ${f.description}`, f] as const))('%s', (_name, f) => {
    const changes = diffSchemas(f.before, f.after);
    expect(changes.map((c) => [c.kind, c.path]).sort(), 'the diff finds exactly the expected typed changes').toEqual([...f.changes].sort());
    for (const c of changes) {
      expect(c.message, 'each message names the pointer').toContain(c.path);
      if (!RULES[c.kind].backward.LENIENT) expect(c.hint, `a breaking ${c.kind} carries a fix hint`).not.toBe('');
    }
    for (const policy of ['STRICT', 'LENIENT'] as const) {
      for (const level of LEVEL_NAMES) {
        const report = checkCompatibility({ history: [{ version: '1.0.0', schema: f.before }], candidate: { schema: f.after }, level, policy });
        const expected = holds(f[policy], level);
        expect(report.compatible, `${level} under ${policy} should ${expected ? 'hold' : 'break'}`).toBe(expected);
        // The bump follows the semantic change, not the level: anything short of 'full' is a break.
        const semantic = f[policy] === 'full' ? f.bump : 'major';
        expect(report.requiredBump, `${level}/${policy}: ${semantic === 'major' ? 'a break needs a major under every level' : `the change needs a ${f.bump}`}`).toBe(semantic);
      }
    }
  });

  it('exercises every change kind of the rules table at least once', () => {
    const seen = new Set(fixtures.flatMap((f) => f.changes.map(([kind]) => kind)));
    const missing = CHANGE_KINDS.filter((k) => !seen.has(k));
    expect(missing, 'kinds without a fixture case').toEqual([]);
  });

  it('never makes LENIENT stricter than STRICT, row by row', () => {
    for (const kind of CHANGE_KINDS) expect(!RULES[kind].backward.STRICT || RULES[kind].backward.LENIENT, kind).toBe(true);
  });
});
