import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRegistry, type TestRegistry } from '../testing/harness.ts';

const S = 'Orders.Order.Placed';
// Open content models: under LENIENT an added optional field is then compatible both ways.
const v1 = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
const v2 = { ...v1, properties: { ...v1.properties, note: { type: 'string' } } };
const breaking = { ...v1, properties: { id: { type: 'integer' } } };
const body = (schema: unknown) => ({ schemaType: 'JSON', schema: JSON.stringify(schema) });

describe('Confluent-compatible API', () => {
  let r: TestRegistry;
  beforeAll(async () => {
    r = await openTestRegistry();
  }, 180_000);
  afterAll(async () => r.close());

  it('registers with inferred semver versions and answers with Confluent positions', async () => {
    const first = await r.call('POST', `/subjects/${S}/versions`, { body: body(v1), token: r.tokens.publish });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type'), "Confluent's media type").toBe('application/vnd.schemaregistry.v1+json');
    expect(first.json).toMatchObject({ id: expect.any(Number), version: 1 });
    const again = await r.call('POST', `/subjects/${S}/versions`, { body: body({ required: ['id'], type: 'object', properties: { id: { type: 'string' } } }) });
    expect(again.json, 'the same schema with other key order is the same id and version').toMatchObject({ id: first.json.id, version: 1 });
    const second = await r.call('POST', `/subjects/${S}/versions`, { body: body(v2) });
    expect(second.json.version, 'a new schema gets the next position').toBe(2);
    const native = await r.call('GET', `/v1/events/${S}/versions`);
    expect(native.json.versions.map((v: any) => [v.version, v.position]), 'position 2 carries the inferred semver (an added optional field)').toEqual([
      ['1.0.0', 1],
      ['1.1.0', 2],
    ]);
    expect((await r.call('GET', `/subjects/${S}/versions`)).json).toEqual([1, 2]);
  });

  it('refuses a breaking change with 40901, as Confluent would', async () => {
    const res = await r.call('POST', `/subjects/${S}/versions`, { body: body(breaking) });
    expect(res.status).toBe(409);
    expect(res.json.error_code).toBe(40901);
    expect(res.json.smallestAcceptableVersion, 'the answer says which major line it would need').toBe('2.0.0');
    const check = await r.call('POST', `/compatibility/subjects/${S}/versions/latest?verbose=true`, { body: body(breaking), token: null });
    expect(check.json.is_compatible).toBe(false);
    expect(check.json.messages.length, 'verbose lists the reasons').toBeGreaterThan(0);
    const ok = await r.call('POST', `/compatibility/subjects/${S}/versions/1`, { body: body(v2), token: null });
    expect(ok.json, 'adding an optional field is compatible with version 1').toEqual({ is_compatible: true });
  });

  it('under the default FULL_TRANSITIVE, v3 is refused because of v1 though v2 accepts it', async () => {
    // x: integer (v1) → x dropped (v2) → x: string (v3). Each step is compatible with the one
    // before (open model, LENIENT); v1 events carry an integer x that v3 rejects.
    const T = 'Orders.Order.Shipped';
    const chain = [
      { type: 'object', properties: { id: { type: 'string' }, x: { type: 'integer' } } },
      { type: 'object', properties: { id: { type: 'string' } } },
      { type: 'object', properties: { id: { type: 'string' }, x: { type: 'string' } } },
    ];
    for (const schema of chain.slice(0, 2)) expect((await r.call('POST', `/subjects/${T}/versions`, { body: body(schema) })).status).toBe(200);
    const against = async (version: string) => (await r.call('POST', `/compatibility/subjects/${T}/versions/${version}`, { body: body(chain[2]), token: null })).json;
    expect(await against('2'), 'against version 2 alone v3 is compatible').toEqual({ is_compatible: true });
    expect(await against('1'), 'against version 1 it is not').toEqual({ is_compatible: false });
    expect(await against('latest'), "'latest' is checked under the subject level, which is transitive").toEqual({ is_compatible: false });
    const refused = await r.call('POST', `/subjects/${T}/versions`, { body: body(chain[2]) });
    expect([refused.status, refused.json.error_code], 'the default level is transitive: v1 is checked too').toEqual([409, 40901]);
    expect(refused.json.message, 'the answer names the version that breaks').toMatch(/against 1\.0\.0/);
    await r.call('PUT', `/config/${T}`, { body: { compatibility: 'FULL' } });
    const accepted = await r.call('POST', `/subjects/${T}/versions`, { body: body(chain[2]) });
    expect([accepted.status, accepted.json.version], 'FULL (not transitive) reads only v2 and accepts v3').toEqual([200, 3]);
  });

  it('serves versions, schemas by id, lookups and usages with Confluent field names', async () => {
    const latest = await r.call('GET', `/subjects/${S}/versions/latest`);
    expect(latest.json).toMatchObject({ subject: S, version: 2, schemaType: 'JSON' });
    expect(JSON.parse(latest.json.schema), 'schema is a JSON string').toEqual(JSON.parse(JSON.stringify(v2)));
    const byId = await r.request('GET', `/schemas/ids/${latest.json.id}`);
    expect(byId.headers.get('cache-control'), 'ids are immutable').toContain('immutable');
    const etag = byId.headers.get('etag');
    expect(((await byId.json()) as { schemaType: string }).schemaType).toBe('JSON');
    const cached = await r.request('GET', `/schemas/ids/${latest.json.id}`, { headers: { 'if-none-match': etag! } });
    expect(cached.status, 'a matching ETag gives 304').toBe(304);
    const lookup = await r.call('POST', `/subjects/${S}`, { body: body(v1), token: null });
    expect(lookup.json).toMatchObject({ subject: S, version: 1 });
    expect((await r.call('GET', `/schemas/ids/${latest.json.id}/versions`)).json).toEqual([{ subject: S, version: 2 }]);
    const raw = await r.request('GET', `/subjects/${S}/versions/1/schema`);
    expect(JSON.parse(await raw.text())).toEqual(v1);
  });

  it.each([
    ['unknown subject', 'GET', '/subjects/Nope.Nope.Nope/versions', undefined, 404, 40401],
    ['unknown version', 'GET', `/subjects/${S}/versions/99`, undefined, 404, 40402],
    ['unknown id', 'GET', '/schemas/ids/999999', undefined, 404, 40403],
    ['schema not under subject', 'POST', `/subjects/${S}`, body({ type: 'string' }), 404, 40403],
    ['invalid version', 'GET', `/subjects/${S}/versions/abc`, undefined, 422, 42202],
    ['invalid schema JSON', 'POST', `/subjects/${S}/versions`, { schemaType: 'JSON', schema: '{"type":' }, 422, 42201],
    ['invalid JSON Schema', 'POST', `/subjects/${S}/versions`, body({ type: 'nonsense' }), 422, 42201],
    ['AVRO is not supported', 'POST', `/subjects/${S}/versions`, { schema: '"string"' }, 422, 42201],
    ['remote $ref', 'POST', `/subjects/${S}/versions`, body({ $ref: 'https://example.com/s.json' }), 422, 42201],
    ['invalid level', 'PUT', '/config', { compatibility: 'SIDEWAYS' }, 422, 42203],
  ])('%s → %s / %s', async (_name, method, url, payload, status, code) => {
    const res = await r.call(method, url, payload === undefined ? {} : { body: payload });
    expect(res.status).toBe(status);
    expect(res.json.error_code).toBe(code);
  });

  it('reads and writes config (compatibility / compatibilityLevel) and mode', async () => {
    expect((await r.call('GET', '/config')).json, 'defaults').toEqual({ compatibilityLevel: 'FULL_TRANSITIVE', compatibilityPolicy: 'LENIENT' });
    expect((await r.call('GET', `/config/${S}`)).json.error_code, 'no subject-level config yet').toBe(40408);
    const put = await r.call('PUT', `/config/${S}`, { body: { compatibility: 'BACKWARD', compatibilityPolicy: 'STRICT' } });
    expect(put.json).toEqual({ compatibility: 'BACKWARD', compatibilityPolicy: 'STRICT' });
    expect((await r.call('GET', `/config/${S}`)).json).toEqual({ compatibilityLevel: 'BACKWARD', compatibilityPolicy: 'STRICT' });
    expect((await r.call('GET', '/v1/config')).json.level, 'the global level is untouched').toBe('FULL_TRANSITIVE');
    await r.call('DELETE', `/config/${S}`);

    expect((await r.call('PUT', '/mode', { body: { mode: 'READONLY' } })).json).toEqual({ mode: 'READONLY' });
    const refused = await r.call('POST', `/subjects/${S}/versions`, { body: body({ ...v2, description: 'x' }) });
    expect([refused.status, refused.json.error_code], 'READONLY refuses registrations').toEqual([422, 42205]);
    await r.call('PUT', '/mode', { body: { mode: 'READWRITE' } });
  });

  it('deletes softly, then permanently, keeping ids resolvable', async () => {
    const T = 'Orders.Order.Deleted';
    const reg = await r.call('POST', `/subjects/${T}/versions`, { body: body(v1) });
    expect((await r.call('DELETE', `/subjects/${T}?permanent=true`)).json.error_code, 'hard delete needs a soft delete first').toBe(40405);
    expect((await r.call('DELETE', `/subjects/${T}`)).json).toEqual([1]);
    expect((await r.call('GET', `/subjects/${T}/versions`)).json.error_code, 'soft-deleted subjects are hidden').toBe(40401);
    expect((await r.call('GET', '/subjects')).json).not.toContain(T);
    expect((await r.call('GET', '/subjects?deleted=true')).json).toContain(T);
    expect((await r.call('DELETE', `/subjects/${T}`)).json.error_code, 'a second soft delete says so').toBe(40404);
    expect((await r.call('DELETE', `/subjects/${T}?permanent=true`)).json).toEqual([1]);
    expect((await r.call('GET', `/schemas/ids/${reg.json.id}`)).status, 'schema ids outlive their subjects').toBe(200);
  });

  it('honours subjectPrefix, deleted, deletedOnly, latestOnly, offset/limit and normalize as Confluent does', async () => {
    const gone = 'Billing.Invoice.Voided';
    const kept = 'Billing.Invoice.Issued';
    await r.call('POST', `/subjects/${kept}/versions`, { body: body(v1) });
    await r.call('POST', `/subjects/${kept}/versions?normalize=true`, { body: body(v2) });
    await r.call('POST', `/subjects/${gone}/versions`, { body: body(v1) });
    await r.call('DELETE', `/subjects/${gone}`);
    expect((await r.call('GET', '/subjects?subjectPrefix=Billing.')).json, 'the issue repro: the prefix filters').toEqual([kept]);
    expect((await r.call('GET', '/subjects?subjectPrefix=:*:')).json, "':*:' is Confluent's 'all'").toContain(S);
    expect((await r.call('GET', '/subjects?subjectPrefix=Billing.&deleted=true')).json).toEqual([kept, gone]);
    expect((await r.call('GET', '/subjects?deletedOnly=true')).json, 'only wholly soft-deleted subjects').toEqual([gone]);
    expect((await r.call('GET', `/subjects/${gone}/versions?deletedOnly=true`)).json).toEqual([1]);
    expect((await r.call('GET', `/subjects/${kept}/versions?deletedOnly=true`)).json, 'no deleted versions').toEqual([]);
    const latest = (await r.call('GET', '/schemas?subjectPrefix=Billing.&latestOnly=true')).json;
    expect(latest.map((x: { subject: string; version: number }) => [x.subject, x.version]), 'latest live version per subject').toEqual([[kept, 2]]);
    const all = (await r.call('GET', '/schemas?subjectPrefix=Billing.&deleted=true')).json;
    expect(all.map((x: { subject: string; version: number }) => [x.subject, x.version])).toEqual([[kept, 1], [kept, 2], [gone, 1]]);
    expect((await r.call('GET', '/schemas?subjectPrefix=Billing.&offset=1&limit=1')).json.map((x: { version: number }) => x.version), 'paging').toEqual([2]);
    expect((await r.call('GET', '/schemas?limit=x')).json.error_code, 'a malformed limit is a clear 422').toBe(42200);
    const reordered = { required: ['id'], properties: { id: { type: 'string' } }, type: 'object' };
    const lookup = await r.call('POST', `/subjects/${kept}?normalize=false`, { body: body(reordered), token: null });
    expect(lookup.json.version, 'JSON Schemas are always stored canonical, so lookups match with or without normalize').toBe(1);
  });
});
