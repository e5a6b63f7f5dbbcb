/**
 * Confluent schema references for JSON Schema: a schema `$ref`s a schema registered under
 * another subject by the reference's name; checks, compatibility, reads, `referencedby`,
 * deletes and identity all follow (registry/domain/references.ts and its neighbours).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRegistry, type TestRegistry } from '../testing/harness.ts';

const CUSTOMER_ID = 'https://schemas.example.com/customer.json';
const customer = { $id: CUSTOMER_ID, type: 'object', properties: { name: { type: 'string' }, address: { $ref: '#/$defs/Address' } }, required: ['name'], $defs: { Address: { type: 'object', properties: { city: { type: 'string' } } } } };
const order = { type: 'object', properties: { orderId: { type: 'string' }, customer: { $ref: 'customer.json' }, city: { $ref: 'customer.json#/$defs/Address' } }, required: ['orderId', 'customer'] };
const ref = (subject: string, version: number, name = 'customer.json') => ({ name, subject, version });
const body = (schema: unknown, references?: unknown[]) => ({ schemaType: 'JSON', schema: JSON.stringify(schema), ...(references ? { references } : {}) });

describe('Confluent schema references (JSON Schema)', () => {
  let r: TestRegistry;
  const register = (subject: string, schema: unknown, references?: unknown[], token?: string) => r.call('POST', `/subjects/${subject}/versions`, { body: body(schema, references), token: token ?? r.tokens.publish });
  beforeAll(async () => {
    r = await openTestRegistry();
  }, 180_000);
  afterAll(async () => r.close());

  it('registers a schema that $refs another subject, and serves its references where Confluent does', async () => {
    const a = await register('Ref.Customer', customer);
    expect(a.status).toBe(200);
    const b = await register('Ref.Order', order, [ref('Ref.Customer', 1)]);
    expect(b.status, JSON.stringify(b.json)).toBe(200);
    expect(b.json.references, 'the answer carries the stored references').toEqual([ref('Ref.Customer', 1)]);
    const version = await r.call('GET', '/subjects/Ref.Order/versions/1');
    expect(version.json.references, 'GET …/versions/{v} returns them').toEqual([ref('Ref.Customer', 1)]);
    expect(JSON.parse(version.json.schema), 'the schema is stored as sent, not bundled').toEqual(order);
    const byId = await r.call('GET', `/schemas/ids/${b.json.id}`);
    expect(byId.json, 'GET /schemas/ids/{id} returns them').toEqual({ schemaType: 'JSON', references: [ref('Ref.Customer', 1)], schema: version.json.schema });
    const listing = await r.call('GET', '/schemas?subjectPrefix=Ref.Order');
    expect(listing.json[0].references, 'GET /schemas returns them').toEqual([ref('Ref.Customer', 1)]);
    const raw = await r.request('GET', '/subjects/Ref.Order/versions/1/schema');
    expect(JSON.parse(await raw.text()), '…/schema is the schema text only, as in Confluent').toEqual(order);
    const plain = await r.call('GET', '/subjects/Ref.Customer/versions/1');
    expect('references' in plain.json, 'a schema without references has no references member (Confluent omits it)').toBe(false);
    expect((await r.call('GET', '/subjects/Ref.Customer/versions/1/referencedby')).json, 'referencedby lists the referencing id').toEqual([b.json.id]);
    expect((await r.call('GET', '/subjects/Ref.Order/versions/1/referencedby')).json).toEqual([]);
    const lookup = await r.call('POST', '/subjects/Ref.Order', { body: body(order, [ref('Ref.Customer', 1)]), token: null });
    expect(lookup.json, 'a lookup with the same references finds the version').toMatchObject({ id: b.json.id, version: 1, references: [ref('Ref.Customer', 1)] });
    const again = await register('Ref.Order', order, [ref('Ref.Customer', 1)]);
    expect(again.json, 'registering it again is idempotent').toMatchObject({ id: b.json.id, version: 1 });
  });

  it('resolves references for compatibility: a breaking change to the referenced part is refused', async () => {
    const inlined = { ...order, properties: { ...order.properties, customer: { type: 'object', properties: { name: { type: 'integer' } }, required: ['name'] } } };
    const withCity = { ...order, properties: { ...order.properties, city: { type: 'object', properties: { city: { type: 'string' } } } } };
    const same = await r.call('POST', '/compatibility/subjects/Ref.Order/versions/latest', { body: body(withCity, [ref('Ref.Customer', 1)]), token: null });
    expect(same.json, 'inlining what the reference means is no change').toEqual({ is_compatible: true });
    const broken = await r.call('POST', '/compatibility/subjects/Ref.Order/versions/latest?verbose=true', { body: body(inlined, [ref('Ref.Customer', 1)]), token: null });
    expect(broken.status, JSON.stringify(broken.json)).toBe(200);
    expect(broken.json.is_compatible, 'customer.name string → integer, seen through the stored reference').toBe(false);
    expect(broken.json.messages.join(' '), 'the message points into the referenced part').toMatch(/name/);

    // A new, incompatible version of the referenced subject (its level allows it), referenced by a new order version.
    expect((await r.call('PUT', '/config/Ref.Customer', { body: { compatibility: 'NONE' } })).status).toBe(200);
    const customerV2 = { ...customer, properties: { ...customer.properties, name: { type: 'integer' } } };
    expect((await register('Ref.Customer', customerV2)).json.version).toBe(2);
    const viaRef = await r.call('POST', '/compatibility/subjects/Ref.Order/versions/latest', { body: body(order, [ref('Ref.Customer', 2)]), token: null });
    expect(viaRef.json, 'the same order text, referencing the changed customer, is incompatible').toEqual({ is_compatible: false });
    const refused = await register('Ref.Order', order, [ref('Ref.Customer', 2)]);
    expect([refused.status, refused.json.error_code], 'and registering it is refused').toEqual([409, 40901]);
  });

  it('refuses a reference that does not exist, naming it, and stores nothing', async () => {
    for (const [reference, why] of [
      [ref('Ref.Nobody', 1), 'unknown subject'],
      [ref('Ref.Customer', 9), 'unknown version'],
    ] as const) {
      const res = await register('Ref.Missing', order, [reference]);
      expect([res.status, res.json.error_code], why).toEqual([422, 42201]);
      expect(res.json.message, `${why}: the message names the reference`).toContain(`subject '${reference.subject}', version ${reference.version}`);
    }
    expect((await r.call('GET', '/subjects/Ref.Missing/versions')).status, 'nothing was registered').toBe(404);
    const undeclared = await register('Ref.Missing', order, [ref('Ref.Customer', 1, 'other.json')]);
    expect([undeclared.status, undeclared.json.message], 'a $ref to an undeclared name is a remote $ref').toEqual([422, expect.stringContaining('declare a reference with this name in "references"')]);
    const duplicate = await register('Ref.Missing', order, [ref('Ref.Customer', 1), ref('Ref.Customer', 2)]);
    expect([duplicate.status, duplicate.json.message]).toEqual([422, expect.stringContaining('Two references are named "customer.json"')]);
    const dangling = await register('Ref.Missing', { $ref: 'customer.json#/$defs/Nope' }, [ref('Ref.Customer', 1)]);
    expect([dangling.status, dangling.json.error_code], 'a pointer into the referenced schema must resolve').toEqual([422, 42201]);
    const check = await r.call('POST', '/compatibility/subjects/Ref.Order/versions', { body: body(order, [ref('Ref.Customer', 9)]), token: null });
    expect([check.status, check.json.error_code], 'compatibility checks refuse it the same way').toEqual([422, 42201]);
  });

  it('treats the same text with other references as another schema (id)', async () => {
    const copy = await register('Ref.CustomerCopy', customer);
    const first = await r.call('GET', '/subjects/Ref.Customer/versions/1');
    expect(copy.json.id, 'the same text without references is the same id').toBe(first.json.id);
    const lookup = await r.call('POST', '/subjects/Ref.Order', { body: body(order, [ref('Ref.CustomerCopy', 1)]), token: null });
    expect([lookup.status, lookup.json.error_code], 'the lookup does not match a version with other references').toEqual([404, 40403]);
    const other = await register('Ref.Order', order, [ref('Ref.CustomerCopy', 1)]);
    expect(other.status, JSON.stringify(other.json)).toBe(200);
    const firstOrder = await r.call('GET', '/subjects/Ref.Order/versions/1');
    expect(other.json.id, 'a new id').not.toBe(firstOrder.json.id);
    expect(other.json.version, 'and a new version of the subject').toBe(2);
    expect((await r.call('GET', `/schemas/ids/${other.json.id}`)).json.references).toEqual([ref('Ref.CustomerCopy', 1)]);
  });

  it('resolves references in the native diff: a reference and the same schema inlined are no change', async () => {
    const viaRef = await register('Ref.Diff', { type: 'object', properties: { c: { $ref: 'customer.json' } } }, [ref('Ref.Customer', 1)]);
    expect(viaRef.status, JSON.stringify(viaRef.json)).toBe(200);
    const { $id: _id, $defs, ...inline } = customer;
    const inlined = await register('Ref.Diff', { type: 'object', properties: { c: inline }, $defs });
    expect(inlined.json.version, 'inlining the referenced schema is compatible').toBe(2);
    const diff = await r.call('GET', '/v1/events/Ref.Diff/diff?from=1.0.0&to=latest');
    expect([diff.status, diff.json.changes], 'the diff compares the resolved reference with the inlined copy').toEqual([200, []]);
  });

  it('keeps a referenced version: deletes are refused with 42206 until the referencing versions are gone', async () => {
    const byOrder = (await r.call('GET', '/subjects/Ref.CustomerCopy/versions/1/referencedby')).json as number[];
    expect(byOrder.length).toBe(1);
    for (const [url, why] of [
      ['/subjects/Ref.CustomerCopy/versions/1', 'soft delete of the version'],
      ['/subjects/Ref.CustomerCopy', 'soft delete of the subject'],
    ] as const) {
      const res = await r.call('DELETE', url);
      expect([res.status, res.json.error_code], why).toEqual([422, 42206]);
      expect(res.json.message, `${why}: names the referencing id`).toContain(String(byOrder[0]));
    }
    expect((await r.call('DELETE', '/subjects/Ref.Order/versions/2')).status).toBe(200);
    const stillThere = await r.call('DELETE', '/subjects/Ref.CustomerCopy/versions/1');
    expect(stillThere.json.error_code, 'a soft-deleted referencing version still holds it (it can still be read and decode messages)').toBe(42206);
    expect((await r.call('GET', '/subjects/Ref.CustomerCopy/versions/1/referencedby')).json).toEqual(byOrder);
    expect((await r.call('DELETE', '/subjects/Ref.Order/versions/2?permanent=true')).status).toBe(200);
    expect((await r.call('GET', '/subjects/Ref.CustomerCopy/versions/1/referencedby')).json, 'hard-deleted: nothing references it').toEqual([]);
    expect((await r.call('DELETE', '/subjects/Ref.CustomerCopy/versions/1')).status, 'now the delete goes through').toBe(200);
  });

  it('resolves -1 to the latest version and stores that; follows references of references', async () => {
    const latest = await register('Ref.Invoice', { type: 'object', properties: { order: { $ref: 'order.json' } } }, [ref('Ref.Order', -1, 'order.json')]);
    expect(latest.status, JSON.stringify(latest.json)).toBe(200);
    expect(latest.json.references, '-1 is stored as the version it named').toEqual([ref('Ref.Order', 1, 'order.json')]);
    const broken = { type: 'object', properties: { order: { type: 'object', properties: { customer: { type: 'object', properties: { name: { type: 'boolean' } } } } } } };
    const check = await r.call('POST', '/compatibility/subjects/Ref.Invoice/versions/latest', { body: body(broken), token: null });
    expect(check.json, 'two levels down (invoice → order → customer) is compared too').toEqual({ is_compatible: false });
    expect((await r.call('GET', '/subjects/Ref.Order/versions/1/referencedby')).json).toEqual([latest.json.id]);
  });

  it('needs publish to register with references, and READONLY refuses it', async () => {
    const anonymous = await register('Ref.Guarded', order, [ref('Ref.Customer', 1)], r.tokens.read);
    expect(anonymous.status, 'a read token cannot register').toBe(403);
    expect((await r.call('PUT', '/mode', { body: { mode: 'READONLY' } })).status).toBe(200);
    try {
      const res = await register('Ref.Guarded', order, [ref('Ref.Customer', 1)]);
      expect([res.status, res.json.error_code]).toEqual([422, 42205]);
    } finally {
      await r.call('PUT', '/mode', { body: { mode: 'READWRITE' } });
    }
  });

  it('bounds the work: a chain of references deeper than reference-depth (16) is refused', async () => {
    let previous: ReturnType<typeof ref> | undefined;
    for (let i = 0; i <= 16; i++) {
      const schema = previous ? { type: 'object', properties: { next: { $ref: 'link.json' } } } : { type: 'object' };
      const res = await register(`Ref.Chain.${i}`, schema, previous ? [previous] : undefined);
      expect(res.status, `link ${i}: ${JSON.stringify(res.json)}`).toBe(200);
      previous = ref(`Ref.Chain.${i}`, 1, 'link.json');
    }
    const res = await register('Ref.Chain.17', { type: 'object', properties: { next: { $ref: 'link.json' } } }, [previous!]);
    expect([res.status, res.json.error_code, res.json.limit], 'seventeen levels below the schema').toEqual([422, 42201, 'reference-depth']);
  });
  it('the web UI shows a subject whose versions use references: history, event page and a diff into the referenced part', async () => {
    const person = (extra: Record<string, unknown> = {}) => ({ $id: 'https://schemas.example.com/person.json', type: 'object', properties: { name: { type: 'string' }, ...extra } });
    expect((await register('Ref.UiPerson', person())).status).toBe(200);
    expect((await register('Ref.UiPerson', person({ nickname: { type: 'string' } }))).status).toBe(200);
    const visit = { type: 'object', properties: { at: { type: 'string' }, who: { $ref: 'person.json' } } };
    expect((await register('Ref.UiVisit', visit, [ref('Ref.UiPerson', 1, 'person.json')])).status).toBe(200);
    const v2 = await register('Ref.UiVisit', visit, [ref('Ref.UiPerson', 2, 'person.json')]);
    expect(v2.status, JSON.stringify(v2.json)).toBe(200);
    const versions = (await r.call('GET', '/v1/events/Ref.UiVisit/versions')).json.versions as { version: string }[];
    expect(versions).toHaveLength(2);
    const eventPage = await r.request('GET', '/ui/events/Ref.UiVisit');
    expect(eventPage.status, 'the history is computed on the bundled schemas').toBe(200);
    const diff = await r.request('GET', `/ui/events/Ref.UiVisit/diff?from=${versions[0]!.version}&to=${versions[1]!.version}`);
    const html = await diff.text();
    expect(diff.status, html.slice(0, 500)).toBe(200);
    expect(html, 'the change inside the referenced schema is listed').toContain('nickname');
  });
});
