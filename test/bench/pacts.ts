/**
 * `npm run bench:pacts`: wall time to generate every seed pact (PactV4 consumer runs
 * through the generated consumers) and to verify every publishing agent with pact_ffi
 * (generated producers). Target: generate + verify < 10 s wall. The catalog load (the
 * AsyncAPI parser) is timed apart, uncached. Writes test/bench/results/pacts.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';

process.env.PACT_DO_NOT_TRACK = 'true';
const started = performance.now();
const lap = (since: number) => (performance.now() - since) / 1000;

const t0 = performance.now();
const { loadCatalog } = await import('#catalog/load.ts');
const { repoRoot } = await import('#test/support/conformance.ts');
const catalog = await loadCatalog(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'));
const catalogSeconds = lap(t0);

const t1 = performance.now();
const { generatePacts, mapLimit } = await import('#contracts/generate.ts');
const { planPacts } = await import('#contracts/plan.ts');
const { producerBuilderFor } = await import('#contracts/message-builders.ts');
const { verifyProvider } = await import('#contracts/verify.ts');
const importSeconds = lap(t1);

const dir = mkdtempSync(path.join(tmpdir(), 'evc-bench-pacts-'));
// Silence pact_ffi's per-pact report on stdout; the figures are what this prints.
const write = process.stdout.write.bind(process.stdout);
const quiet = () => (process.stdout.write = (() => true) as typeof process.stdout.write);
const loud = () => (process.stdout.write = write);

const plans = planPacts(catalog);
const t2 = performance.now();
quiet();
const files = await generatePacts(catalog, dir, plans);
loud();
const generateSeconds = lap(t2);

const t3 = performance.now();
const providers = [...new Set(plans.map((p) => p.provider))].sort();
let verified = 0;
let failed = 0;
quiet();
// Providers are independent verifier runs (each its own proxy port and pact_ffi handle).
await mapLimit(providers, 4, async (provider) => {
  const mine = plans.filter((p) => p.provider === provider).map((p) => path.join(dir, p.file));
  const results = await verifyProvider(catalog, provider, mine, await producerBuilderFor(catalog, provider));
  verified += results.filter((r) => r.success).length;
  failed += results.filter((r) => !r.success).length;
});
loud();
const verifySeconds = lap(t3);
rmSync(dir, { recursive: true, force: true });
const total = lap(started);
const interactions = plans.reduce((n, p) => n + p.interactions.length, 0);
const core = generateSeconds + verifySeconds;

const report = [
  '# bench:pacts',
  '',
  `Date: ${new Date().toISOString()}  `,
  'Command: `npm run bench:pacts` (`tsx test/bench/pacts.ts`)  ',
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average at end ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (shared with other work)`,
  '',
  `Seed: ${plans.length} pacts, ${interactions} interactions, ${providers.length} publishing agents.`,
  '',
  '| step | wall |',
  '|---|---|',
  `| load catalog (AsyncAPI parser, uncached) | ${catalogSeconds.toFixed(2)} s |`,
  `| import Pact JS + pact_ffi + contracts | ${importSeconds.toFixed(2)} s |`,
  `| generate all pacts (PactV4, generated consumers) | ${generateSeconds.toFixed(2)} s |`,
  `| verify all providers (MessageProviderPact + pact_ffi, generated producers) | ${verifySeconds.toFixed(2)} s |`,
  `| **generate + verify** (target < 10 s) | **${core.toFixed(2)} s** ${core < 10 ? '(met)' : '(NOT met)'} |`,
  `| whole run incl. catalog and imports | ${total.toFixed(2)} s |`,
  '',
  `Verification: ${verified} pacts verified, ${failed} failed.`,
  '',
].join('\n');
writeFileSync(path.join(repoRoot, 'test/bench/results/pacts.md'), report);
process.stdout.write(report);
process.exitCode = failed === 0 ? 0 : 1;
