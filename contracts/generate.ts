/**
 * Writes the generated consumer contract tests and the pacts they produce (the one
 * module of contracts/ that writes to disk). Run with `npm run pacts:generate`.
 *
 * `generatePacts` runs exactly what each generated test runs (the plan through PactV4
 * and the consumer), so the committed pacts are the output of the consumer tests.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '#catalog/model.ts';
import { runConsumerPact } from './consumer-harness.ts';
import { deliveryFor } from './delivery-for.ts';
import { CONSUMER_TESTS_DIR, PACTS_DIR } from './names.ts';
import { planPacts, type PactPlan } from './plan.ts';
import { renderConsumerTests } from './render-tests.ts';

/** Writes the test files; removes generated tests whose pair no longer exists. */
export function writeConsumerTests(catalog: Catalog, root: string): string[] {
  const files = renderConsumerTests(catalog);
  const dir = path.join(root, CONSUMER_TESTS_DIR);
  mkdirSync(dir, { recursive: true });
  const keep = new Set(files.map((f) => path.basename(f.path)));
  for (const name of readdirSync(dir)) if (name.endsWith('.pact.test.ts') && !keep.has(name)) rmSync(path.join(dir, name));
  for (const file of files) writeFileSync(path.join(root, file.path), file.contents);
  return files.map((f) => f.path);
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the input order of results. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}

/**
 * Runs every consumer pact into `dir` (emptied of pact files first, since pact_ffi merges).
 * Pairs are independent (own PactV4 handle, own file, own in-memory transport), so they
 * run `concurrency` at a time; pact_ffi does its work off the JS thread.
 */
export async function generatePacts(catalog: Catalog, dir: string, plans: PactPlan[] = planPacts(catalog), concurrency = 4): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith('.json')) rmSync(path.join(dir, name));
  await mapLimit(plans, concurrency, async (plan) => runConsumerPact(plan, { dir, deliver: await deliveryFor(plan.consumer) }));
  return plans.map((p) => path.join(dir, p.file));
}

export async function main(root: string): Promise<void> {
  const { loadCatalogCached } = await import('./seed.ts');
  const catalog = await loadCatalogCached();
  const tests = writeConsumerTests(catalog, root);
  const pacts = await generatePacts(catalog, path.join(root, PACTS_DIR));
  process.stdout.write(`wrote ${tests.length} consumer contract tests to ${CONSUMER_TESTS_DIR}/ and ${pacts.length} pacts to ${PACTS_DIR}/\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { repoRoot } = await import('#catalog/bundled.ts');
  await main(repoRoot);
}
