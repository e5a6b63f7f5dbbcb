/**
 * Governance that no publish token can bypass (issues #11 and #13): settings changes need
 * admin on both APIs, a request the event already satisfies is acknowledged without change,
 * breaks always need a major, READONLY refuses every write, and the registry reports
 * versions a document does not contain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolveSeed } from '../testing/evolve.ts';
import { openTestRegistry, seedText, type TestRegistry } from '../testing/harness.ts';

const E = 'Workflow.Execution.Started';
const unrelated = { schemaType: 'JSON', schema: JSON.stringify({ type: 'object', properties: { totally: { type: 'integer' } }, required: ['totally'] }) };

describe('governance', () => {
  let r: TestRegistry;
  const doc = (text: string, dryRun = false) => r.call('POST', `/v1/documents${dryRun ? '?dryRun=true' : ''}`, { raw: text, headers: { 'content-type': 'application/yaml' }, token: r.tokens.publish });
  beforeAll(async () => {
    r = await openTestRegistry();
    expect((await doc(seedText())).status, 'the seed registers').toBe(201);
  }, 180_000);
  afterAll(async () => r?.close());

  it('the issue repro: a publish token cannot set NONE, and a total break is never stored as a minor', async () => {
    for (const [method, url, body] of [
      ['PUT', `/config/${E}`, { compatibility: 'NONE' }],
      ['PUT', `/v1/config/${E}`, { level: 'NONE' }],
      ['PUT', `/v1/config/${E}`, { policy: 'CONSUMER_AWARE' }],
      ['PUT', `/config/${E}`, { compatibilityPolicy: 'CONSUMER_AWARE' }],
    ] as const) {
      const res = await r.call(method, url, { body, token: r.tokens.publish });
      expect(res.status, `${method} ${url} ${JSON.stringify(body)} with a publish token lowers governance`).toBe(403);
      expect(res.json.message).toMatch(/needs an admin token/);
    }
    expect((await r.call('GET', `/config/${E}`)).json.error_code, 'nothing was stored for the subject').toBe(40408);
    const refused = await r.call('POST', `/subjects/${E}/versions`, { body: unrelated, token: r.tokens.publish });
    expect(refused.status, 'FULL_TRANSITIVE still applies, so the unrelated schema is refused').toBe(409);

    // Even an admin's NONE only lets the break in as a new major line.
    expect((await r.call('PUT', `/config/${E}`, { body: { compatibility: 'NONE' }, token: r.tokens.admin })).status).toBe(200);
    const stored = await r.call('POST', `/subjects/${E}/versions`, { body: unrelated, token: r.tokens.publish });
    expect(stored.status).toBe(200);
    const versions = (await r.call('GET', `/v1/events/${E}/versions`)).json.versions.map((v: { version: string }) => v.version);
    expect(versions, 'a total break needs a major, under NONE too').toEqual(['1.0.0', '2.0.0']);
    expect((await doc(seedText(), true)).json.ok, 'the honest document still passes: 1.0.0 is untouched').toBe(true);
    await r.call('DELETE', `/config/${E}`, { token: r.tokens.admin });
  });

  it("a publish token's request the event already satisfies is acknowledged without change (kafkajs register())", async () => {
    const S = 'Prompt.Creation.Requested';
    const put = await r.call('PUT', `/config/${S}`, { body: { compatibility: 'BACKWARD' }, token: r.tokens.publish });
    expect(put.status, 'FULL_TRANSITIVE already runs every BACKWARD check').toBe(200);
    expect(put.json.compatibility, 'the answer is the level that applies, not the one asked for').toBe('FULL_TRANSITIVE');
    expect((await r.call('GET', `/config/${S}`)).json.error_code, 'still no subject-level config').toBe(40408);
    expect((await r.call('GET', `/config/${S}?defaultToGlobal=true`)).json.compatibilityLevel).toBe('FULL_TRANSITIVE');
    const native = await r.call('PUT', `/v1/config/${S}`, { body: { level: 'FULL', policy: 'LENIENT' }, token: r.tokens.publish });
    expect(native.status).toBe(200);
    expect(native.json).toMatchObject({ level: 'FULL_TRANSITIVE', policy: 'LENIENT' });
    expect(native.json.acknowledged.join(' ')).toMatch(/level FULL is already enforced by FULL_TRANSITIVE/);
    const tighten = await r.call('PUT', `/v1/config/${S}`, { body: { policy: 'STRICT' }, token: r.tokens.publish });
    expect(tighten.status, 'any effective change of a setting needs admin (issue #11)').toBe(403);
    expect((await r.call('PUT', `/v1/config/${S}`, { body: { level: 'BACKWARD' }, token: r.tokens.admin })).json.level, 'an admin may lower').toBe('BACKWARD');
    const again = await r.call('PUT', `/v1/config/${S}`, { body: { level: 'FULL_TRANSITIVE' }, token: r.tokens.publish });
    expect(again.status, 'raising is a change too').toBe(403);
    await r.call('DELETE', `/v1/config/${S}`, { token: r.tokens.admin });
  });

  it.each([
    ['Confluent', (s: string) => `/config/${s}`],
    ['native', (s: string) => `/v1/config/${s}`],
  ])("a publish token cannot undo an admin's READONLY lock (%s DELETE)", async (_api, url) => {
    const S = 'Prompt.Draft.Created';
    expect((await r.call('PUT', `/mode/${S}`, { body: { mode: 'READONLY' }, token: r.tokens.admin })).status).toBe(200);
    const res = await r.call('DELETE', url(S), { token: r.tokens.publish });
    expect(res.status, 'dropping the subject row would drop its READONLY mode').toBe(403);
    expect((await r.call('GET', `/mode/${S}`)).json.mode, 'the lock holds').toBe('READONLY');
    const mode = await r.call('PUT', `/v1/config/${S}`, { body: { mode: 'READWRITE' }, token: r.tokens.publish });
    expect(mode.status, 'mode changes need admin').toBe(403);
    const level = await r.call('PUT', `/config/${S}`, { body: { compatibility: 'FULL_TRANSITIVE' }, token: r.tokens.admin });
    expect(level.json.error_code, 'READONLY refuses config writes, even an admin\'s, except the mode itself').toBe(42205);
    expect((await r.call('PUT', `/mode/${S}`, { body: { mode: 'READWRITE' }, token: r.tokens.admin })).status).toBe(200);
    expect((await r.call('DELETE', url(S), { token: r.tokens.admin })).status, 'an admin may drop the row').toBe(200);
  });

  it('global READONLY refuses every write but the mode itself; reads, checks and dry runs still work', async () => {
    const newDocVersion = seedText().replace(/^(\s*version:\s*)['"]?[\d.]+['"]?/m, '$1"9.9.9"');
    expect(newDocVersion).not.toBe(seedText());
    expect((await r.call('PUT', '/mode', { body: { mode: 'READONLY' }, token: r.tokens.admin })).status).toBe(200);
    try {
      const writes: Array<[string, string, Record<string, unknown>]> = [
        ['POST', '/v1/documents', { raw: newDocVersion, headers: { 'content-type': 'application/yaml' } }],
        ['POST', `/subjects/Some.New.Subject/versions`, { body: unrelated }],
        ['PUT', '/v1/pacts/provider/prompt-service/consumer/ui/version/1.0.0', { body: { consumer: { name: 'ui' }, provider: { name: 'prompt-service' }, messages: [] } }],
        ['POST', '/v1/tokens', { body: { role: 'read' } }],
        ['PUT', '/config', { body: { compatibility: 'FULL' } }],
        ['PUT', '/v1/config/Some.New.Subject', { body: { level: 'FULL' } }],
        ['DELETE', `/subjects/${E}`, {}],
      ];
      for (const [method, url, init] of writes) {
        const res = await r.call(method, url, { ...init, token: r.tokens.admin });
        expect([res.status, res.json?.error_code], `${method} ${url} under global READONLY`).toEqual([422, 42205]);
      }
      expect((await doc(newDocVersion, true)).status, 'a dry run is a read').toBe(200);
      const check = await r.call('POST', `/compatibility/subjects/${E}/versions/latest`, { body: unrelated, token: null });
      expect(check.status, 'a compatibility check is a read').toBe(200);
      expect((await r.call('GET', '/v1/documents/9.9.9')).status, 'the new document was not stored').toBe(404);
    } finally {
      expect((await r.call('PUT', '/mode', { body: { mode: 'READWRITE' }, token: r.tokens.admin })).status, 'the mode itself can change').toBe(200);
    }
  });

  it('reports versions registered outside the document', async () => {
    const S = 'Prompt.Creation.Requested';
    const latest = await r.call('GET', `/subjects/${S}/versions/latest`);
    const schema = JSON.parse(latest.json.schema);
    const payloadRef: string | undefined = schema.properties.payload.$ref;
    const payload = payloadRef ? schema.$defs[payloadRef.split('/').pop()!] : schema.properties.payload;
    payload.properties.viaConfluent = { type: 'string' };
    const reg = await r.call('POST', `/subjects/${S}/versions`, { body: { schemaType: 'JSON', schema: JSON.stringify(schema) }, token: r.tokens.publish });
    expect(reg.status).toBe(200);
    const report = (await doc(seedText(), true)).json;
    const event = report.events.find((e: { eventType: string }) => e.eventType === S);
    expect(event.registryAhead, 'the Confluent registration is ahead of the document').toEqual(['1.1.0']);
    expect(event.messages.join(' ')).toContain(`the registry holds 1.1.0 of ${S}, which this document does not contain`);
    const evolved = evolveSeed('PromptCreationRequested', '1.1.0', (s) => {
      s.properties.viaConfluent = { type: 'string' };
    });
    const caughtUp = (await doc(evolved, true)).json.events.find((e: { eventType: string }) => e.eventType === S);
    expect(caughtUp.registryAhead, 'a document that contains 1.1.0 is not behind').toEqual([]);
  });
});
