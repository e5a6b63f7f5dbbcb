/**
 * Pacts in the registry and can-i-deploy's three situations, end to end: the seed is
 * registered, the committed pacts of prompt-studio are published, pact_ffi verifies
 * real producers (the generated one, and a variant) and the results are recorded.
 * Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '#catalog/load.ts';
import type { Catalog } from '#catalog/model.ts';
import { catalogProducerBuilder, producerBuilderFor } from '#contracts/message-builders.ts';
import { PACTS_DIR } from '#contracts/names.ts';
import { readPact } from '#contracts/pact-file.ts';
import { loadCatalogCached } from '#contracts/seed.ts';
import { verifyProvider, type VerificationResult } from '#contracts/verify.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { openTestRegistry, seedText, type TestRegistry } from '../testing/harness.ts';

const PROVIDER = 'prompt-studio';
let registry: TestRegistry;
let catalog: Catalog;
let files: string[];

const record = async (results: VerificationResult[], providerVersion: string) => {
  for (const r of results) {
    const res = await registry.call('POST', `/v1/pacts/provider/${PROVIDER}/consumer/${r.consumer}/version/1.0.0/verification-results`, {
      body: { providerApplicationVersion: providerVersion, success: r.success, interactions: r.interactions },
      token: registry.tokens.publish,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
};
const canIDeploy = async (version: string) => (await registry.call('GET', `/v1/can-i-deploy?pacticipant=${PROVIDER}&version=${version}`)).json;

beforeAll(async () => {
  registry = await openTestRegistry();
  catalog = await loadCatalogCached();
  const seed = await registry.call('POST', '/v1/documents', { raw: seedText(), headers: { 'content-type': 'application/yaml' } });
  expect(seed.status, JSON.stringify(seed.json).slice(0, 500)).toBe(201);
  const dir = path.join(repoRoot, PACTS_DIR);
  files = readFileSyncDir(dir).filter((f) => readPact(f).provider.name === PROVIDER);
  for (const file of files) {
    const pact = readPact(file);
    const res = await registry.call('PUT', `/v1/pacts/provider/${PROVIDER}/consumer/${pact.consumer.name}/version/1.0.0`, { body: pact, token: registry.tokens.publish });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
}, 120_000);
afterAll(async () => registry?.close());

function readFileSyncDir(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.json')).sort().map((n) => path.join(dir, n));
}

describe('pact routes', () => {
  it('serves a published pact back unchanged and lists the latest pact per consumer', async () => {
    const pact = readPact(files[0]!);
    const got = await registry.call('GET', `/v1/pacts/provider/${PROVIDER}/consumer/${pact.consumer.name}/version/1.0.0`);
    expect(got.json, 'the stored pact is the published JSON').toEqual(pact);
    const latest = await registry.call('GET', `/v1/pacts/provider/${PROVIDER}/latest`);
    expect(latest.json.pacts.map((p: { consumer: string }) => p.consumer), 'one entry per consumer').toEqual(files.map((f) => readPact(f).consumer.name).sort());
  }, 120_000);

  it('refuses a pact whose names do not match the path, and writes without a publish token', async () => {
    const pact = readPact(files[0]!);
    const wrong = await registry.call('PUT', `/v1/pacts/provider/${PROVIDER}/consumer/someone-else/version/1.0.0`, { body: pact, token: registry.tokens.publish });
    expect(wrong.status, 'consumer name mismatch is unusable input').toBe(422);
    const anonymous = await registry.call('PUT', `/v1/pacts/provider/${PROVIDER}/consumer/${pact.consumer.name}/version/1.0.0`, { body: pact, token: null });
    expect(anonymous.status, 'publishing needs a token').toBe(401);
    const reader = await registry.call('PUT', `/v1/pacts/provider/${PROVIDER}/consumer/${pact.consumer.name}/version/1.0.0`, { body: pact, token: registry.tokens.read });
    expect(reader.status, 'a read token cannot publish').toBe(403);
  }, 120_000);
});

describe('can-i-deploy', () => {
  it('says yes when every pact is verified by this version and the document is compatible with every reader', async () => {
    await record(await verifyProvider(catalog, PROVIDER, files, await producerBuilderFor(catalog, PROVIDER)), '1.0.0');
    const answer = await canIDeploy('1.0.0');
    expect(answer.deployable, JSON.stringify(answer.reasons, null, 1)).toBe(true);
    expect(answer.reasons.filter((r: { kind: string }) => r.kind === 'pact-verified').length, 'one verified pact per consumer').toBe(files.length);
    expect(answer.reasons.some((r: { kind: string }) => r.kind === 'schema-compatible'), 'the schema half was checked against document 1.0.0').toBe(true);
    const matrix = await registry.call('GET', `/v1/matrix?pacticipant=${PROVIDER}&version=1.0.0`);
    expect(matrix.json.matrix.every((row: { success: boolean }) => row.success === true), 'the matrix shows the successful results').toBe(true);
  }, 120_000);

  it('says no, naming the interaction, when a pact failed verification', async () => {
    // A producer release that retypes priority, which three consumers read.
    const variant = structuredClone(catalog);
    const event = variant.events.find((e) => e.eventType === 'Prompt.Creation.Requested')!;
    (event.schema as any).$defs.Priority = { type: 'integer' };
    ((event.examples[0] as any).payload ?? event.examples[0]).priority = 3;
    const results = await verifyProvider(variant, PROVIDER, files, catalogProducerBuilder(variant, PROVIDER));
    expect(results.some((r) => !r.success), 'the variant must fail pact_ffi verification').toBe(true);
    await record(results, '1.0.1');
    const answer = await canIDeploy('1.0.1');
    expect(answer.deployable).toBe(false);
    const failed = answer.reasons.filter((r: { kind: string }) => r.kind === 'pact-failed');
    expect(failed.length, 'one reason per failing interaction').toBeGreaterThan(0);
    expect(failed[0].interaction, 'the failing interaction is named').toBe('a Prompt.Creation.Requested event (v1)');
    expect(failed[0].message, 'with the mismatch at the field, as a JSON pointer (evc verify speaks pointers)').toContain('at /payload/priority');
  }, 120_000);

  it('says no, naming the consumers, when the provider sends what readers reject (a break the registry only takes as a new major)', async () => {
    // Under BACKWARD the registry accepts a new enum value; it breaks old readers (forward), so
    // the event needs a new major (issue #13: the bump follows the change, not the level), and
    // ui-ux-designer only accepts the old values.
    const cfg = await registry.call('PUT', '/v1/config/Prompt.Creation.Requested', { body: { level: 'BACKWARD' } });
    expect(cfg.status, JSON.stringify(cfg.json)).toBe(200);
    const text = seedText()
      .replace('enum: [low, medium, high, critical]', 'enum: [low, medium, high, critical, urgent]')
      .replace(/^( {2}version:) 1\.0\.0$/m, '$1 1.1.0')
      .replace(/(x-event-type: Prompt\.Creation\.Requested\n\s+x-version:) 1\.0\.0/, '$1 2.0.0');
    const asMinor = await registry.call('POST', '/v1/documents?dryRun=true', { raw: text.replace(/(x-event-type: Prompt\.Creation\.Requested\n\s+x-version:) 2\.0\.0/, '$1 1.1.0'), headers: { 'content-type': 'application/yaml' } });
    expect(asMinor.json.report.events.find((e: { eventType: string }) => e.eventType === 'Prompt.Creation.Requested').smallestAcceptableVersion, 'a forward break is never a minor, whatever the level').toBe('2.0.0');
    const published = await registry.call('POST', '/v1/documents', { raw: text, headers: { 'content-type': 'application/yaml' } });
    expect(published.status, JSON.stringify(published.json).slice(0, 800)).toBe(201);
    const next = await parseCatalog(text, 'prompt-platform-1.1.0.yaml');
    const results = await verifyProvider(next, PROVIDER, files, catalogProducerBuilder(next, PROVIDER));
    await record(results, '1.1.0');
    const answer = await canIDeploy('1.1.0');
    expect(answer.deployable, 'readers of 1.x are not ready for the new major').toBe(false);
    // Before issue #13 the registry took this break as a minor and only the schema half of
    // can-i-deploy caught it; now the minor is refused above, and the 2.0.0 producer fails the
    // consumers' v1 pacts, each named.
    const consumers = answer.reasons.filter((r: { kind: string }) => r.kind === 'pact-failed' || r.kind === 'schema-incompatible').map((r: { consumer: string }) => r.consumer);
    expect(consumers, 'the consumers that read Prompt.Creation.Requested are named').toContain('prompt-engineering-specialist');
  }, 120_000);
});
