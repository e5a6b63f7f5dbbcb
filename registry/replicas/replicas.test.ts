/**
 * Three `evc serve` processes on one fresh PostgreSQL database behave as one registry:
 * they start together (migrations and bootstrap serialise), racing registrations through
 * both APIs get unique, gap-free versions, a write on one is read back from another at
 * once, and a SIGKILL mid-burst loses nothing for clients that retry elsewhere.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '#test/support/db.ts';
import { needsPostgres, skipWithout } from '#test/support/requirements.ts';
import { generateToken } from '../domain/tokens.ts';
import { evolveSeed } from '../testing/evolve.ts';
import { startServeProcess, type ServeProcess } from '../testing/serve-process.ts';

const token = generateToken();
const auth = { authorization: `Bearer ${token}` };

class NetworkError extends Error {}

/** One request on a fresh connection (no keep-alive reuse racing a busy server's idle timeout). */
async function call(base: string, method: string, path: string, body?: unknown, raw?: string): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { ...auth };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (raw !== undefined) headers['content-type'] = 'application/yaml';
  const payload = body !== undefined ? JSON.stringify(body) : raw;
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
      res.on('error', (e) => reject(new NetworkError(e.message)));
    });
    req.on('error', (e) => reject(new NetworkError(e.message)));
    req.end(payload);
  });
}

const schemaWith = (field: string) =>
  JSON.stringify({ type: 'object', properties: { id: { type: 'string' }, [field]: { type: 'string' } }, required: ['id'] });

/** Retries on other instances after a network error, a 5xx, or a write conflict (409 40901). */
async function registerAnywhere(instances: () => string[], start: number, subject: string, schema: string) {
  for (let attempt = 0; attempt < 30; attempt++) {
    const urls = instances();
    const base = urls[(start + attempt) % urls.length]!;
    try {
      const r = await call(base, 'POST', `/subjects/${subject}/versions`, { schemaType: 'JSON', schema });
      if (r.status === 200) return r.json.id as number;
      if (r.status !== 409 && r.status < 500) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.json)}`);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error; // the instance is gone
    }
    await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
  }
  throw new Error(`no instance registered ${subject}`);
}

describe.skipIf(skipWithout(needsPostgres))('three evc serve instances on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let instances: ServeProcess[] = [];

  beforeAll(async () => {
    db = await openTestDatabase();
    // Started together: each migrates and bootstraps under the startup lock.
    instances = await Promise.all([0, 1, 2].map(() => startServeProcess({ database: { url: db.url! }, token })));
  }, 600_000);

  afterAll(async () => {
    if (process.env.EVC_DEBUG) for (const i of instances) console.log(i.url, i.output());
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    await db?.close();
  });

  it('started together: the seed was registered once and every instance serves it', async () => {
    const docs = await Promise.all(instances.map((i) => call(i.url, 'GET', '/v1/documents')));
    for (const d of docs) expect(d.json.documents.length, 'one seed document, not one per instance').toBe(1);
    const ready = await Promise.all(instances.map((i) => call(i.url, 'GET', '/health/ready')));
    expect(ready.map((r) => [r.status, r.json.changeFeed]), 'all ready, all listening for changes').toEqual(instances.map(() => [200, 'live']));
  });

  it('60 racing registrations through both APIs: unique, gap-free versions, none lost', async () => {
    const S = 'Replicas.Race.Written';
    await call(instances[0]!.url, 'POST', `/subjects/${S}/versions`, { schemaType: 'JSON', schema: schemaWith('base') });
    const confluent = Array.from({ length: 50 }, (_, i) => call(instances[i % 3]!.url, 'POST', `/subjects/${S}/versions`, { schemaType: 'JSON', schema: schemaWith(`field${i}`) }));
    // The native API registers whole documents: ten evolutions of one seed event, each
    // adding its own optional field and declaring its own minor version.
    const native = Array.from({ length: 10 }, (_, i) => {
      const doc = evolveSeed('PromptCreationRequested', `1.${i + 1}.0`, (schema) => (schema.properties[`native${i}`] = { type: 'string' }), `1.${i + 1}.0`);
      return call(instances[i % 3]!.url, 'POST', '/v1/documents', undefined, doc);
    });
    const results = await Promise.all([...confluent, ...native]);
    const statuses = results.map((r) => r.status);
    const others = results.filter((r) => ![200, 201, 409].includes(r.status)).map((r) => `${r.status} ${JSON.stringify(r.json)}`);
    expect(others, 'only success or a clean conflict').toEqual([]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.error_code, 'conflicts are Confluent 40901').toBe(40901);

    const won = results.slice(0, 50).filter((r) => r.status === 200);
    expect(new Set(won.map((r) => r.json.id)).size, 'each distinct schema got its own id').toBe(won.length);
    for (const subject of [S, 'Prompt.Creation.Requested']) {
      // Read from an instance that did not necessarily write: the store is the truth.
      const stored = await call(instances[2]!.url, 'GET', `/v1/events/${subject}/versions`);
      const versions = stored.json.versions as Array<{ version: string; position: number }>;
      expect(new Set(versions.map((v) => v.version)).size, `${subject}: semver versions are unique`).toBe(versions.length);
      expect(versions.map((v) => v.position).sort((a, b) => a - b), `${subject}: positions are gap-free 1..n`).toEqual(versions.map((_, i) => i + 1));
    }
    const stored = (await call(instances[1]!.url, 'GET', `/subjects/${S}/versions`)).json as number[];
    expect(stored.length, 'every Confluent winner plus the base is stored: none lost, none doubled').toBe(won.length + 1);
    const nativeWon = results.slice(50).filter((r) => r.status === 201).length;
    const seedVersions = (await call(instances[0]!.url, 'GET', '/v1/events/Prompt.Creation.Requested/versions')).json.versions;
    expect(seedVersions.length, 'the seed version plus every accepted document evolution').toBe(1 + nativeWon);
    expect(won.length + nativeWon, 'serialised racers succeed, they do not all conflict').toBeGreaterThan(10);
  }, 420_000);

  it('a write on one instance is read back from another at once (cache primed first)', async () => {
    const S = 'Replicas.ReadYourWrites';
    await call(instances[0]!.url, 'POST', `/subjects/${S}/versions`, { schemaType: 'JSON', schema: schemaWith('v0') });
    for (let i = 1; i <= 20; i++) {
      const [writer, reader] = [instances[i % 3]!, instances[(i + 1) % 3]!];
      // Prime the reader's 1 s read cache with the old answer, twice, so a stale hit is possible.
      for (let k = 0; k < 2; k++) await call(reader.url, 'GET', `/subjects/${S}/versions/latest`);
      await call(reader.url, 'GET', `/v1/events/${S}/versions/latest`);
      const written = await call(writer.url, 'POST', `/subjects/${S}/versions`, { schemaType: 'JSON', schema: schemaWith(`v${i}`) });
      expect(written.status).toBe(200);
      const confluent = await call(reader.url, 'GET', `/subjects/${S}/versions/latest`);
      expect(confluent.json.id, `round ${i}: the Confluent latest on another instance is the new schema, not a cached one`).toBe(written.json.id);
      const native = await call(reader.url, 'GET', `/v1/events/${S}/versions/latest`);
      expect(native.json.schemaId, `round ${i}: the native latest too`).toBe(written.json.id);
    }
  }, 300_000);

  it('a client bundle asked of every instance at once is built once and served identically', async () => {
    const probe = await call(instances[0]!.url, 'GET', '/v1/clients/no-such-agent.tgz');
    const agent = (probe.json.validAgents as string[])[0]!;
    const answers = await Promise.all(
      instances.map(
        (i) =>
          new Promise<{ status: number; cache: string; etag: string }>((resolve, reject) => {
            http.get(`${i.url}/v1/clients/${agent}.tgz`, { agent: false, headers: auth }, (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode ?? 0, cache: String(res.headers['x-evc-bundle-cache']), etag: String(res.headers.etag) }));
            }).on('error', reject);
          }),
      ),
    );
    expect(answers.map((a) => a.status), 'every instance serves it').toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.cache === 'miss'), 'one instance built it; the others waited on the lock and read it').toHaveLength(1);
    expect(new Set(answers.map((a) => a.etag)).size, 'the same bytes everywhere').toBe(1);
  }, 300_000);

  it('one instance killed with SIGKILL mid-burst: clients retrying elsewhere succeed and the data is consistent', async () => {
    const S = 'Replicas.Crash.Burst';
    const alive = () => instances.filter((i) => i.child.exitCode === null && i.child.signalCode === null).map((i) => i.url);
    await registerAnywhere(alive, 0, S, schemaWith('base'));
    const burst = Array.from({ length: 40 }, (_, i) => registerAnywhere(alive, i, S, schemaWith(`crash${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    instances[2]!.child.kill('SIGKILL');
    const ids = await Promise.all(burst);
    expect(await instances[2]!.exited, 'the victim died by signal').toBeNull();
    expect(new Set(ids).size, 'every racer got its own schema id').toBe(40);
    const survivors = alive();
    expect(survivors.length).toBe(2);
    const lists = await Promise.all(survivors.map((u) => call(u, 'GET', `/subjects/${S}/versions`)));
    expect(lists[0]!.json, 'both survivors report the same versions').toEqual(lists[1]!.json);
    expect(lists[0]!.json, 'base + 40 racers, positions 1..41, no gap and no double').toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    for (const id of ids) {
      const usage = await call(survivors[0]!, 'GET', `/schemas/ids/${id}/versions`);
      expect(usage.json, `schema ${id} is stored under exactly one version`).toHaveLength(1);
    }
  }, 300_000);
});
