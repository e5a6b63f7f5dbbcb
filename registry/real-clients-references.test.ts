/**
 * Schema references with both real Confluent clients against a real listening server: each
 * registers a referenced schema under one subject and a schema referencing it under another
 * through the client's own reference API (default options), reads it back, round-trips a
 * message through its JSON serde (which loads the referenced schema itself), and sees an
 * incompatible change to the referenced part refused. `referencedby` has no client method;
 * it is read over HTTP from the same server.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { JsonDeserializer, JsonSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import { openTestRegistry, type TestRegistry } from './testing/harness.ts';

// The reference name is the referenced schema's $id: kafkajs hands referenced schemas to Ajv by
// their $id, @confluentinc/schemaregistry by the reference name, so this form works in both.
const CUSTOMER = 'https://schemas.example.com/customer.json';
const customer = { $schema: 'http://json-schema.org/draft-07/schema#', $id: CUSTOMER, type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const customerRenamed = { ...customer, properties: { name: { type: 'integer' } } };
const order = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { orderId: { type: 'string' }, customer: { $ref: CUSTOMER } }, required: ['orderId', 'customer'] };
const message = { orderId: 'o-1', customer: { name: 'Ada' } };
const wrongCustomer = { orderId: 'o-2', customer: { name: 42 } };

describe('real Confluent clients: schema references', () => {
  let r: TestRegistry;
  let server: RunningServer;
  const http = async (path: string): Promise<any> => (await fetch(`${server.url}${path}`)).json();
  /** A second, incompatible version of the referenced subject (its level set to NONE by an admin). */
  const registerIncompatibleCustomer = async (subject: string) => {
    expect((await r.call('PUT', `/config/${subject}`, { body: { compatibility: 'NONE' } })).status).toBe(200);
    const res = await r.call('POST', `/subjects/${subject}/versions`, { body: { schemaType: 'JSON', schema: JSON.stringify(customerRenamed) } });
    expect(res.json.version, 'customer v2 exists').toBe(2);
  };
  beforeAll(async () => {
    r = await openTestRegistry();
    server = await r.listen();
  }, 180_000);
  afterAll(async () => r?.close());

  it('@kafkajs/confluent-schema-registry: register with references (default options), read, encode/decode, referencedby, compatibility', async () => {
    const registry = new SchemaRegistry({ host: server.url, auth: { username: 'ci', password: r.tokens.publish } });
    const a = await registry.register({ type: SchemaType.JSON, schema: JSON.stringify(customer) }, { subject: 'Kjs.Customer' });
    const references = [{ name: CUSTOMER, subject: 'Kjs.Customer', version: 1 }];
    const b = await registry.register({ type: SchemaType.JSON, schema: JSON.stringify(order), references }, { subject: 'Kjs.Order' });
    expect(b.id, 'the referencing schema gets its own id').not.toBe(a.id);

    const fresh = new SchemaRegistry({ host: server.url });
    expect(await fresh.getLatestSchemaId('Kjs.Order')).toBe(b.id);
    const version = await http('/subjects/Kjs.Order/versions/latest');
    expect(version.references, 'the version is served with its references').toEqual(references);
    const encoded = await registry.encode(b.id, message);
    expect(await fresh.decode(encoded), 'a fresh client loads the referenced schema through the references and decodes').toEqual(message);
    await expect(fresh.encode(b.id, wrongCustomer), 'the referenced part is validated too').rejects.toThrow();
    expect(await http('/subjects/Kjs.Customer/versions/1/referencedby'), 'referencedby lists the referencing id').toEqual([b.id]);

    // Its (private) mappersmith API object has the Confluent compatibility endpoint, references included.
    const api = (registry as unknown as { api: { Subject: { compatible(args: unknown): Promise<{ data(): { is_compatible: boolean } }> } } }).api;
    const same = await api.Subject.compatible({ subject: 'Kjs.Order', body: { schemaType: 'JSON', schema: JSON.stringify(order), references } });
    expect(same.data().is_compatible, 'the registered schema is compatible with itself').toBe(true);
    await registerIncompatibleCustomer('Kjs.Customer');
    const changed = [{ name: CUSTOMER, subject: 'Kjs.Customer', version: 2 }];
    const check = await api.Subject.compatible({ subject: 'Kjs.Order', body: { schemaType: 'JSON', schema: JSON.stringify(order), references: changed } });
    expect(check.data().is_compatible, 'the same order text referencing the changed customer is incompatible').toBe(false);
    await expect(registry.register({ type: SchemaType.JSON, schema: JSON.stringify(order), references: changed }, { subject: 'Kjs.Order' }), 'and registering it is refused').rejects.toThrow(/incompatible/i);
  });

  it('@confluentinc/schemaregistry: register with references (default options), read, JSON serde round trip, referencedby, compatibility', async () => {
    const client = new SchemaRegistryClient({ baseURLs: [server.url], basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo: `ci:${r.tokens.publish}` } });
    await client.register('Cf.Customer', { schemaType: 'JSON', schema: JSON.stringify(customer) });
    const references = [{ name: CUSTOMER, subject: 'Cf.Customer', version: 1 }];
    const id = await client.register('Cf.Order', { schemaType: 'JSON', schema: JSON.stringify(order), references });
    expect(await client.register('Cf.Order', { schemaType: 'JSON', schema: JSON.stringify(order), references }), 'registering again returns the same id').toBe(id);

    const reader = new SchemaRegistryClient({ baseURLs: [server.url] });
    expect((await reader.getBySubjectAndId('Cf.Order', id)).references, 'read back by id with its references').toEqual(references);
    const meta = await reader.getLatestSchemaMetadata('Cf.Order');
    expect([meta.id, meta.version, meta.references]).toEqual([id, 1, references]);

    const strategy = () => 'Cf.Order';
    const serializer = new JsonSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true, subjectNameStrategy: strategy });
    const deserializer = new JsonDeserializer(reader, SerdeType.VALUE, { validate: true, subjectNameStrategy: strategy });
    const bytes = await serializer.serialize('orders', message);
    expect(bytes.readInt32BE(1), 'the wire format carries the referencing schema id').toBe(id);
    expect(await deserializer.deserialize('orders', bytes), 'the deserializer resolves the reference itself').toEqual(message);
    await expect(serializer.serialize('orders', wrongCustomer), 'the referenced part is validated').rejects.toThrow();
    expect(await http('/subjects/Cf.Customer/versions/1/referencedby')).toEqual([id]);

    expect(await client.testSubjectCompatibility('Cf.Order', { schemaType: 'JSON', schema: JSON.stringify(order), references }), 'unchanged is compatible').toBe(true);
    await registerIncompatibleCustomer('Cf.Customer');
    const changed = [{ name: CUSTOMER, subject: 'Cf.Customer', version: 2 }];
    expect(await client.testSubjectCompatibility('Cf.Order', { schemaType: 'JSON', schema: JSON.stringify(order), references: changed }), 'referencing the changed customer is incompatible').toBe(false);
    await expect(client.register('Cf.Order', { schemaType: 'JSON', schema: JSON.stringify(order), references: changed }), 'and registering it is refused').rejects.toThrow(/incompatible/i);
  });
});
