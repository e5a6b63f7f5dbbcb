/**
 * `npm run bench:broker`: the Pact Broker API under the seed's pacts with 100 consumer
 * versions per consumer (content changing every 10 versions, so verifications are reused
 * by content), every version on main, the latest deployed to production, and each
 * provider's verification of every distinct content. Measures over HTTP on a real port:
 * can-i-deploy (`GET /matrix?q[][pacticipant]=…&latestby=cvpv&environment=production`, what
 * `pact-broker can-i-deploy --to-environment` sends) and pacts-for-verification (POST with
 * mainBranch + deployedOrReleased, pending and WIP), against `GET /health` (one database
 * round trip) as the baseline in the same run. Targets: p95 < 50 ms for both on PostgreSQL.
 * Writes test/bench/results/broker.md.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';
import { PACTS_DIR } from '#contracts/names.ts';
import { publishPact } from '#registry/broker/publish.ts';
import { ensureVersion, insertEnvironment, recordDeployment } from '#registry/store/broker.ts';
import { findPact, insertVerification } from '#registry/store/pacts.ts';
import { openTestRegistry } from '#registry/testing/harness.ts';

const VERSIONS = 100;
const CONTENT_EVERY = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);

const registry = await openTestRegistry();
const db = registry.conn.db;
const pacts = readdirSync(path.join(repoRoot, PACTS_DIR)).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(repoRoot, PACTS_DIR, f), 'utf8')) as { consumer: { name: string }; provider: { name: string }; metadata?: Record<string, unknown> });
const consumers = [...new Set(pacts.map((p) => p.consumer.name))].sort();
const providers = [...new Set(pacts.map((p) => p.provider.name))].sort();

const seedStarted = performance.now();
const env = (await insertEnvironment(db, { name: 'production', displayName: null, production: true, contacts: null }))!;
for (let v = 1; v <= VERSIONS; v++) {
  // One consumer at a time per version (its pacts share the version row); consumers in parallel.
  await Promise.all(
    consumers.map(async (consumer) => {
      for (const pact of pacts.filter((p) => p.consumer.name === consumer)) {
        // Content changes every CONTENT_EVERY versions; versions in between republish identical content.
        const content = { ...pact, metadata: { ...pact.metadata, revision: Math.ceil(v / CONTENT_EVERY) } };
        await publishPact(db, { consumer, provider: pact.provider.name, consumerVersion: String(v), content, branch: 'main' }, 'bench');
      }
    }),
  );
}
for (const provider of providers) {
  const pv = await ensureVersion(db, provider, 'p1');
  await recordDeployment(db, 'deployment', pv.id, pv.pacticipantId, env.uuid, '');
  for (const pact of pacts.filter((p) => p.provider.name === provider)) {
    for (let v = CONTENT_EVERY; v <= VERSIONS; v += CONTENT_EVERY) {
      const row = (await findPact(db, { provider, consumer: pact.consumer.name, consumerVersion: String(v) }))!;
      await insertVerification(db, { pactId: row.id, providerVersion: 'p1', success: true, interactions: [], verifiedBy: 'bench', buildUrl: null });
    }
  }
}
for (const consumer of consumers) {
  const cv = await ensureVersion(db, consumer, String(VERSIONS));
  await recordDeployment(db, 'deployment', cv.id, cv.pacticipantId, env.uuid, '');
}
const seedSeconds = (performance.now() - seedStarted) / 1000;

const server = await registry.listen();
const base = server.url;

async function measure(name: string, send: (i: number) => Promise<Response>, check: (r: Response, body: any) => void) {
  for (let i = 0; i < 20; i++) await (await send(i)).arrayBuffer(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const res = await send(i);
    const body = await res.json();
    times.push(performance.now() - t);
    if (i === 0) check(res, body);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { name, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

const who = (i: number) => (i % 2 === 0 ? { pacticipant: providers[i % providers.length]!, version: 'p1' } : { pacticipant: consumers[i % consumers.length]!, version: String(VERSIONS) });
const health = await measure('GET /health (baseline: one database round trip)', () => fetch(`${base}/health`), () => {});
const cid = await measure(
  'can-i-deploy --to-environment production (GET /matrix)',
  (i) => fetch(`${base}/matrix?q[][pacticipant]=${encodeURIComponent(who(i).pacticipant)}&q[][version]=${who(i).version}&latestby=cvpv&environment=production`, { headers: { accept: 'application/hal+json' } }),
  (res, body) => {
    if (res.status !== 200 || body.summary.deployable !== true) throw new Error(`can-i-deploy should say yes on the seeded data: ${JSON.stringify(body.summary)}`);
  },
);
const pfv = await measure(
  'pacts-for-verification (mainBranch + deployedOrReleased, pending, WIP)',
  (i) =>
    fetch(`${base}/pacts/provider/${encodeURIComponent(providers[i % providers.length]!)}/for-verification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/hal+json' },
      body: JSON.stringify({ consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }], includePendingStatus: true, includeWipPactsSince: '2020-01-01', providerVersionBranch: 'main' }),
    }),
  (res, body) => {
    if (res.status !== 200 || body._embedded.pacts.length === 0) throw new Error(`pacts-for-verification returned nothing: ${JSON.stringify(body).slice(0, 300)}`);
  },
);
await registry.close();

const database = process.env.DATABASE_URL ? `PostgreSQL (${new URL(process.env.DATABASE_URL).host})` : 'PGlite (in memory)';
const row = (m: { name: string; p50: number; p95: number; p99: number }) => `| ${m.name} | ${m.p50.toFixed(1)} ms | ${m.p95.toFixed(1)} ms | ${m.p99.toFixed(1)} ms | ${(m.p95 / health.p95).toFixed(1)}x |`;
const met = (m: { p95: number }) => (m.p95 < 50 ? '(met)' : '(NOT met)');
const report = [
  '# bench:broker',
  '',
  `Date: ${new Date().toISOString()}  `,
  'Command: `DATABASE_URL=postgres://… npm run bench:broker` (`tsx test/bench/broker.ts`)  ',
  `Database: ${database}  `,
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average at end ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (shared with other engineers' builds and tests, so absolute figures are noisy)`,
  '',
  `Data: the seed's ${pacts.length} pacts (${consumers.length} consumers, ${providers.length} providers) × ${VERSIONS} consumer versions on main (content changes every ${CONTENT_EVERY} versions), every provider's p1 and every consumer's latest version deployed to production, p1 verified every distinct content. Seeding took ${seedSeconds.toFixed(1)} s. ${ROUNDS} sequential requests each, after 20 warm-up requests, over HTTP on a real port.`,
  '',
  '| request | p50 | p95 | p99 | p95 / baseline |',
  '|---|---|---|---|---|',
  row(health),
  row(cid),
  row(pfv),
  '',
  `Targets (p95 < 50 ms on PostgreSQL): can-i-deploy ${cid.p95.toFixed(1)} ms ${met(cid)}, pacts-for-verification ${pfv.p95.toFixed(1)} ms ${met(pfv)}.`,
  '',
].join('\n');
writeFileSync(path.join(repoRoot, 'test/bench/results/broker.md'), report);
process.stdout.write(report);
