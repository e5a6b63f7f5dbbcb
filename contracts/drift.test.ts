/**
 * The drift check of contracts/: the generated consumer tests are what the document
 * renders today, every committed pact belongs to a planned (consumer, provider) pair,
 * and every committed pact validates against the Pact V4 schema. (Each generated test
 * also regenerates its pacts into a temp dir and compares them with the committed ones.)
 * The schema validator is first shown to tell pass from fail on pactflow's own examples.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '#catalog/model.ts';
import { conformanceDir, repoRoot } from '#test/support/conformance.ts';
import { needsConformance, skipWithout } from '#test/support/requirements.ts';
import { CONSUMER_TESTS_DIR, PACTS_DIR } from './names.ts';
import { readPact, validatePactV4 } from './pact-file.ts';
import { planPacts } from './plan.ts';
import { renderConsumerTests } from './render-tests.ts';
import { loadCatalogCached } from './seed.ts';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalogCached();
}, 120_000);

const examples = (kind: 'pass' | 'fail') => {
  const dir = path.join(conformanceDir(), 'pact-schemas', 'examples-v4', kind);
  return readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => ({ name: n, json: JSON.parse(readFileSync(path.join(dir, n), 'utf8')) as unknown }));
};

describe.skipIf(skipWithout(needsConformance))('Pact V4 schema validation', () => {
  it('accepts every pactflow pass example and rejects every fail example (so it can fail)', () => {
    const pass = examples('pass');
    const fail = examples('fail');
    expect(pass.length + fail.length, 'the conformance examples are there').toBeGreaterThan(20);
    expect(pass.filter((e) => validatePactV4(e.json, conformanceDir()).length > 0).map((e) => e.name), 'pass examples').toEqual([]);
    expect(fail.filter((e) => validatePactV4(e.json, conformanceDir()).length === 0).map((e) => e.name), 'fail examples').toEqual([]);
  });

  it('accepts every committed pact', () => {
    const dir = path.join(repoRoot, PACTS_DIR);
    const invalid = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .map((n) => ({ n, errors: validatePactV4(readPact(path.join(dir, n)), conformanceDir()) }))
      .filter((r) => r.errors.length > 0);
    expect(invalid, 'every committed pact is a valid Pact V4 file').toEqual([]);
  });
});

describe('drift', () => {
  it('the committed consumer contract tests are what the document renders (run `npm run pacts:generate`)', () => {
    const rendered = renderConsumerTests(catalog);
    for (const file of rendered) {
      const full = path.join(repoRoot, file.path);
      expect(existsSync(full), `${file.path} is missing`).toBe(true);
      expect(readFileSync(full, 'utf8'), `${file.path} is stale`).toBe(file.contents);
    }
    const committed = readdirSync(path.join(repoRoot, CONSUMER_TESTS_DIR)).filter((n) => n.endsWith('.pact.test.ts')).sort();
    expect(committed, 'no orphan consumer tests').toEqual(rendered.map((f) => path.basename(f.path)).sort());
  });

  it('every committed pact belongs to a (consumer, provider) pair of the document, and every pair has one', () => {
    const planned = planPacts(catalog).map((p) => p.file).sort();
    const committed = readdirSync(path.join(repoRoot, PACTS_DIR)).filter((n) => n.endsWith('.json')).sort();
    expect(committed).toEqual(planned);
    expect(planned.length, 'the seed has many subscriber/publisher pairs').toBeGreaterThan(10);
  });

  it('every seed subscriber has a pact with each of its publishers', () => {
    const files = new Set(planPacts(catalog).map((p) => p.file));
    const missing = catalog.events.flatMap((e) =>
      e.subscribers.flatMap((s) => e.publishers.filter((p) => p !== s.agent && !files.has(`${s.agent}-${p}.json`)).map((p) => `${s.agent}-${p} (${e.eventType})`)),
    );
    expect(missing).toEqual([]);
  });
});
