/**
 * "Latest" per agent (issue #11): an agent's bundle comes from the most recently registered
 * document that contains the agent, and versions are monotonic per document (by info.title),
 * not per registry. Through the HTTP API, on PGlite or on PostgreSQL when DATABASE_URL is set.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '#catalog/bundled.ts';
import { openTestRegistry, seedText, type TestRegistry } from '../testing/harness.ts';

/** Another team's document: its own title, event types and version line; agents prompt-studio and prompt-engineering-specialist. */
const otherTeam = (version: string) =>
  readFileSync(path.join(repoRoot, 'test/fixtures/lint/valid.yaml'), 'utf8')
    .replace('title: Lint fixture', 'title: Tenant team events')
    .replace(/^  version: 1\.0\.0$/m, `  version: ${version}`)
    .replaceAll('Prompt.Creation.', 'Tenant.Creation.')
    .replaceAll('Prompt.Lifecycle.', 'Tenant.Lifecycle.');

describe('GET /v1/clients/{agent}.tgz?document=latest, per agent', () => {
  let r: TestRegistry;
  beforeAll(async () => {
    r = await openTestRegistry();
    const seed = await r.call('POST', '/v1/documents', { raw: seedText(), token: r.tokens.publish });
    expect(seed.status, JSON.stringify(seed.json)).toBe(201);
    const other = await r.call('POST', '/v1/documents', { raw: otherTeam('2.0.0'), token: r.tokens.publish });
    // why: a document with another title has its own version line; 2.0.0 does not collide with the seed's 1.0.0.
    expect(other.status, JSON.stringify(other.json)).toBe(201);
  }, 180_000);
  afterAll(() => r?.close());

  it('serves an agent missing from the newest document from the newest document that contains it', async () => {
    const res = await r.request('GET', '/v1/clients/evaluation-engine.tgz?document=latest');
    // why: the old code took the highest info.version (2.0.0, without evaluation-engine) for every agent and answered 404.
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('x-evc-document-version')).toBe('1.0.0');
  }, 180_000);

  it('serves an agent in both documents from the more recently registered one', async () => {
    const res = await r.request('GET', '/v1/clients/prompt-studio.tgz');
    expect(res.status, await res.clone().text()).toBe(200);
    // why: the newest registration that contains prompt-studio is the other team's 2.0.0.
    expect(res.headers.get('x-evc-document-version')).toBe('2.0.0');
  }, 180_000);

  it('answers 404 listing every known agent for an agent in no document', async () => {
    const res = await r.call('GET', '/v1/clients/nobody.tgz');
    expect(res.status).toBe(404);
    expect(res.json.error_code).toBe(40410);
    // why: the user learns the valid names across documents, not just those of one document.
    expect(res.json.validAgents).toEqual(expect.arrayContaining(['evaluation-engine', 'prompt-studio']));
  });

  it('refuses a lower or equal version of the same document, before anything is written', async () => {
    const older = await r.call('POST', '/v1/documents', { raw: otherTeam('1.5.0'), token: r.tokens.publish });
    // why: versions are monotonic per document; 1.5.0 after 2.0.0 would make "latest" ambiguous.
    expect(older.status).toBe(409);
    expect(older.json.message).toMatch(/document "Tenant team events" is already registered at version 2\.0\.0; version 1\.5\.0 is not higher/);
    const dry = await r.call('POST', '/v1/documents?dryRun=true', { raw: otherTeam('1.5.0'), token: null });
    // why: the CI gate (dry run) reports the same refusal.
    expect(dry.status).toBe(409);
    const docs = await r.call('GET', '/v1/documents');
    expect(docs.json.documents.map((d: { version: string }) => d.version).sort()).toEqual(['1.0.0', '2.0.0']);
    const newer = await r.call('POST', '/v1/documents', { raw: otherTeam('2.1.0'), token: r.tokens.publish });
    // why: a higher version of the same document registers (content unchanged except the version: 201, events unchanged).
    expect(newer.status, JSON.stringify(newer.json)).toBe(201);
  });

  it('refuses a document whose agent id or event type is not a plain name: 422 with line, column and pointer', async () => {
    const cases = [
      { what: 'agent id ".."', raw: otherTeam('3.0.0').replaceAll('prompt-studio', "'..'"), pointer: '/x-agents/..' },
      { what: 'event type "Tenant.Creation.Requested*/"', raw: otherTeam('3.0.0').replace('x-event-type: Tenant.Creation.Requested', "x-event-type: 'Tenant.Creation.Requested*/'"), pointer: '/components/messages/' },
    ];
    for (const c of cases) {
      const res = await r.call('POST', '/v1/documents', { raw: c.raw, token: r.tokens.publish });
      // why: names become folders, package names and generated code; the registry stores none it cannot generate safely.
      expect(res.status, `${c.what}: ${JSON.stringify(res.json)}`).toBe(422);
      expect(res.json.error_code).toBe(42201);
      expect(res.json.message).toContain(`${c.what} cannot be used`);
      expect(res.json.pointer).toContain(c.pointer);
      expect(res.json.line).toBeGreaterThan(0);
    }
    const docs = await r.call('GET', '/v1/documents');
    expect(docs.json.documents.map((d: { version: string }) => d.version)).not.toContain('3.0.0');
  });
});
