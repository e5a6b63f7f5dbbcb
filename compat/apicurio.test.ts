/**
 * Apicurio Registry's 145 JSON Schema compatibility cases, read in place from
 * CONFORMANCE_DIR, under STRICT: backward === (compatibility !== "none"),
 * forward === (compatibility === "both"). Agreement must stay ≥ 95%; every
 * disagreement is listed (and explained in README.md). No case is
 * special-cased: the same engine runs for all of them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceDir, repoRoot } from '#test/support/conformance.ts';
import { needsConformance, skipWithout } from '#test/support/requirements.ts';
import { breakingChanges } from './check.ts';
import type { JsonSchema } from './types.ts';

interface ApicurioCase {
  id: string;
  enabled: boolean;
  compatibility: 'backward' | 'both' | 'none';
  original: JsonSchema;
  updated: JsonSchema;
}

const skip = skipWithout(needsConformance);
const file = skip ? '' : path.join(conformanceDir(), 'apicurio-jsonschema', 'jsonschema-compatibility-test-data.json');
const cases = skip ? [] : (JSON.parse(readFileSync(file, 'utf8')) as { tests: ApicurioCase[] }).tests;

function evaluate(c: ApicurioCase) {
  const backward = breakingChanges(c.original, c.updated, 'backward', 'STRICT');
  const forward = breakingChanges(c.original, c.updated, 'forward', 'STRICT');
  const expected = { backward: c.compatibility !== 'none', forward: c.compatibility === 'both' };
  const actual = { backward: backward.length === 0, forward: forward.length === 0 };
  return { expected, actual, agree: expected.backward === actual.backward && expected.forward === actual.forward, backward, forward };
}

describe.skipIf(skip)('Apicurio JSON Schema compatibility cases (STRICT)', () => {
  it('has all 145 cases to run (the data set is read in place, never copied)', () => {
    expect(cases.length).toBe(145);
  });

  it('agrees with at least 95% of the cases and lists every disagreement', () => {
    const results = cases.map((c, index) => ({ c, index, ...evaluate(c) }));
    const disagreements = results.filter((r) => !r.agree);
    const lines = disagreements.map(
      (r) =>
        `#${r.index} "${r.c.id}": Apicurio ${r.c.compatibility}, evc backward=${r.actual.backward} forward=${r.actual.forward}` +
        ` [backward breaks: ${r.backward.map((x) => `${x.kind} ${x.path}`).join(', ') || '-'}; forward breaks: ${r.forward.map((x) => `${x.kind} ${x.path}`).join(', ') || '-'}]`,
    );
    const agreement = (results.length - disagreements.length) / results.length;
    console.log(`Apicurio agreement: ${results.length - disagreements.length}/${results.length} (${(agreement * 100).toFixed(1)}%)\n${lines.join('\n')}`);
    expect(agreement, `disagreements:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0.95);
    // Every disagreement must be explained in the README section, by its case id.
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Apicurio conformance'), readme.indexOf('### `evc diff`'));
    const unexplained = disagreements.filter((r) => !section.includes(`"${r.c.id}"`)).map((r) => r.c.id);
    expect(unexplained, 'disagreements missing from README.md').toEqual([]);
    expect(section, 'the README states the computed agreement').toContain(`Agreement: ${results.length - disagreements.length}/${results.length}.`);
  });
});
