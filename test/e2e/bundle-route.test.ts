/**
 * The client-bundle route and `evc pull`: built on the first request, cached in the database
 * by (document hash, agent, generator version), served as an npm-installable tarball.
 * Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRegistry, seedText, type TestRegistry } from '#registry/testing/harness.ts';
import { clientBundles } from '#registry/db/schema/clients.ts';
import { GENERATOR_VERSION } from '#generators/index.ts';
import { runCli } from '#cli/test-io.ts';
import { tarEntries } from '#generators/fixtures/untar.ts';

/** File names and contents of a .tgz. */
const untar = (tgz: Buffer): Map<string, string> => new Map(tarEntries(tgz).map((e) => [e.path, e.contents]));

describe('GET /v1/clients/{agent}.tgz', () => {
  let registry: TestRegistry;
  let first: Response;
  let firstBytes: Buffer;

  beforeAll(async () => {
    registry = await openTestRegistry();
    const published = await registry.request('POST', '/v1/documents', { raw: seedText(), headers: { 'content-type': 'application/yaml' } });
    expect(published.status, await published.clone().text()).toBe(201);
    first = await registry.request('GET', '/v1/clients/evaluation-engine.tgz?document=latest');
    firstBytes = Buffer.from(await first.arrayBuffer());
  }, 480_000);
  afterAll(() => registry?.close());

  it('serves an npm-installable tarball of the agent\'s client', () => {
    // why: 200 with a gzip body that npm understands (package/ prefix, package.json).
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/gzip');
    expect(first.headers.get('x-evc-bundle-cache')).toBe('miss');
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="evc-clients-evaluation-engine-1.0.0.tgz"');
    const files = untar(firstBytes);
    const manifest = JSON.parse(files.get('package/package.json')!);
    // why: name, version = document version, types; dependencies only on the NATS client packages.
    expect(manifest).toMatchObject({ name: '@evc-clients/evaluation-engine', version: '1.0.0', types: './dist/index.d.ts', main: './dist/index.js' });
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@nats-io/jetstream', '@nats-io/transport-node']);
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/types.d.ts', 'dist/validators.js', 'dist/validators.d.ts', 'dist/producer.js', 'dist/consumer.js', 'dist/contracts.js', 'dist/runtime/index.js', 'dist/runtime/index.d.ts', 'dist/runtime/nats-transport.js']) {
      // why: compiled JS, declarations, the runtime and the validators all ship in the bundle.
      expect(files.has(`package/${f}`), f).toBe(true);
    }
    // why: compiled output must import .js siblings (Node ESM), never .ts sources or repo aliases.
    for (const [name, text] of files) if (name.endsWith('.js')) expect(text, name).not.toMatch(/from ["'](#|[^"']+\.ts["'])/);
    expect(files.get('package/dist/validators.js')).not.toMatch(/require\(/);
  });

  it('caches the bundle in the database and serves identical bytes from it', async () => {
    const rows = await registry.conn.db.select().from(clientBundles);
    // why: one row per (document hash, agent, generator version).
    expect(rows.map((r) => [r.agent, r.documentVersion, r.generatorVersion])).toEqual([['evaluation-engine', '1.0.0', GENERATOR_VERSION]]);
    const again = await registry.request('GET', '/v1/clients/evaluation-engine.tgz?document=1.0.0');
    // why: the second request is served from the cache, byte for byte.
    expect(again.headers.get('x-evc-bundle-cache')).toBe('hit');
    expect(Buffer.from(await again.arrayBuffer()).equals(firstBytes)).toBe(true);
    const etag = again.headers.get('etag')!;
    const notModified = await registry.request('GET', '/v1/clients/evaluation-engine.tgz', { headers: { 'if-none-match': etag } });
    // why: clients that already hold this bundle revalidate cheaply.
    expect(notModified.status).toBe(304);
  });

  it('builds once when first requests for a bundle arrive concurrently', async () => {
    const [a, b] = await Promise.all([
      registry.request('GET', '/v1/clients/prompt-studio.tgz'),
      registry.request('GET', '/v1/clients/prompt-studio.tgz'),
    ]);
    const [bytesA, bytesB] = [Buffer.from(await a.arrayBuffer()), Buffer.from(await b.arrayBuffer())];
    // why: both callers get the same tarball, and the cache holds exactly one row for the key.
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(bytesA.equals(bytesB)).toBe(true);
    const rows = await registry.conn.db.select().from(clientBundles);
    expect(rows.filter((r) => r.agent === 'prompt-studio')).toHaveLength(1);
  }, 480_000);

  it('answers 404 with the valid agents for an unknown agent', async () => {
    const res = await registry.call('GET', '/v1/clients/nobody.tgz');
    // why: the caller learns which names exist instead of guessing.
    expect(res.status).toBe(404);
    expect(res.json.error_code).toBe(40410);
    expect(res.json.message).toMatch(/Agent 'nobody' not found in document 1\.0\.0\. Valid agents: backend-developer, /);
    expect(res.json.validAgents).toContain('evaluation-engine');
  });

  it('answers 404 for an unknown document version', async () => {
    const res = await registry.call('GET', '/v1/clients/evaluation-engine.tgz?document=9.9.9');
    // why: a pinned version that does not exist must not silently fall back to latest.
    expect(res.status).toBe(404);
    expect(res.json.message).toMatch(/Document version 9\.9\.9 not found/);
  });

  it('`evc pull` saves the bundle from a running registry', async () => {
    const server = await registry.listen();
    const out = await mkdtemp(path.join(tmpdir(), 'evc-pull-'));
    try {
      const result = await runCli(['pull', 'evaluation-engine', '--registry', server.url, '--out', out]);
      // why: pull downloads exactly what the route serves, under the suggested file name.
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(await readdir(out)).toEqual(['evc-clients-evaluation-engine-1.0.0.tgz']);
      expect((await readFile(path.join(out, 'evc-clients-evaluation-engine-1.0.0.tgz'))).equals(firstBytes)).toBe(true);
      const unknown = await runCli(['pull', 'nobody', '--registry', server.url, '--out', out]);
      // why: the registry's 404 (with the valid agents) reaches the user; exit 2.
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/404: Agent 'nobody' not found .*Valid agents:/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
