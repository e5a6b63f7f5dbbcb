/**
 * Real Confluent clients against a real listening server: what a Kafka team's existing
 * tooling does. Each registers a JSON schema, reads it by id, checks compatibility and
 * round-trips a message through its JSON serde.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { JsonDeserializer, JsonSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import type { RunningServer } from './server.ts';
import { openTestRegistry, SEED_FILE, seedText, type TestRegistry } from './testing/harness.ts';

const order = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'OrderPlaced',
  type: 'object',
  properties: { orderId: { type: 'string' }, amount: { type: 'number' } },
  required: ['orderId', 'amount'],
};
const withNote = { ...order, properties: { ...order.properties, note: { type: 'string' } } };
const breaking = { ...order, properties: { ...order.properties, amount: { type: 'string' } } };

describe('real Confluent clients', () => {
  let r: TestRegistry;
  let server: RunningServer;
  beforeAll(async () => {
    r = await openTestRegistry();
    server = await r.listen();
  }, 180_000);
  afterAll(async () => r?.close());

  it('@kafkajs/confluent-schema-registry: register, get by id, check compatibility, encode/decode', async () => {
    const registry = new SchemaRegistry({ host: server.url, auth: { username: 'ci', password: r.tokens.publish } });
    const subject = 'Shop.Order.Placed';
    const { id } = await registry.register({ type: SchemaType.JSON, schema: JSON.stringify(order) }, { subject, compatibility: 'FULL_TRANSITIVE' as never });
    expect(id).toBeGreaterThan(0);
    const fresh = new SchemaRegistry({ host: server.url });
    const schema = await fresh.getSchema(id);
    expect(schema, 'a second client (empty cache) reads the schema by id').toBeTruthy();
    expect(await fresh.getLatestSchemaId(subject)).toBe(id);

    // The client has no public compatibility method; its own (private) mappersmith API object has the Confluent endpoint.
    const api = (registry as unknown as { api: { Subject: { compatible(args: unknown): Promise<{ data(): { is_compatible: boolean } }> } } }).api;
    const compatible = await api.Subject.compatible({ subject, body: { schemaType: 'JSON', schema: JSON.stringify(withNote) } });
    expect(compatible.data().is_compatible, 'an added optional field is compatible').toBe(true);
    const incompatible = await api.Subject.compatible({ subject, body: { schemaType: 'JSON', schema: JSON.stringify(breaking) } });
    expect(incompatible.data().is_compatible, 'a changed field type is not').toBe(false);
    await expect(
      registry.register({ type: SchemaType.JSON, schema: JSON.stringify(breaking) }, { subject, compatibility: 'FULL_TRANSITIVE' as never }),
      'registering the breaking schema is refused',
    ).rejects.toThrow(/incompatible/i);

    const message = { orderId: 'o-1', amount: 12.5 };
    const encoded = await registry.encode(id, message);
    expect(encoded.readUInt8(0), 'Confluent wire format: magic byte 0').toBe(0);
    expect(encoded.readInt32BE(1), 'then the schema id').toBe(id);
    expect(await fresh.decode(encoded), 'decoding with a fresh client fetches the schema by id').toEqual(message);
    await expect(registry.encode(id, { orderId: 'o-2' }), 'the serde validates against the registered schema').rejects.toThrow();
  });

  it('@kafkajs/confluent-schema-registry: register() with default options and a publish token never lowers the level', async () => {
    // Default options: GET /config/{s} answers 40408, so the client registers and then PUTs
    // {"compatibility":"BACKWARD"}; FULL_TRANSITIVE already runs every BACKWARD check, so the
    // registry acknowledges it without change (registry/domain/settings-change.ts).
    const registry = new SchemaRegistry({ host: server.url, auth: { username: 'ci', password: r.tokens.publish } });
    const subject = 'Shop.Order.Defaulted';
    const { id } = await registry.register({ type: SchemaType.JSON, schema: JSON.stringify(order) }, { subject });
    expect(id).toBeGreaterThan(0);
    const level = async () => (await r.call('GET', `/config/${subject}?defaultToGlobal=true`)).json.compatibilityLevel;
    expect(await level(), 'the inherited FULL_TRANSITIVE still applies').toBe('FULL_TRANSITIVE');
    const second = await registry.register({ type: SchemaType.JSON, schema: JSON.stringify(withNote) }, { subject });
    expect(second.id, 'a second default registration works too').toBeGreaterThan(id);
    // Backward compatible (old events stay valid) but not forward: BACKWARD would accept it.
    const widened = { ...withNote, properties: { ...withNote.properties, amount: { type: ['number', 'string'] } } };
    await expect(registry.register({ type: SchemaType.JSON, schema: JSON.stringify(widened) }, { subject }), 'FULL_TRANSITIVE refuses a forward break').rejects.toThrow(/incompatible/i);
    expect(await level()).toBe('FULL_TRANSITIVE');
  });

  it('@confluentinc/schemaregistry: register() with default options (normalize=false) and a publish token', async () => {
    const client = new SchemaRegistryClient({ baseURLs: [server.url], basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo: `ci:${r.tokens.publish}` } });
    const subject = 'Shop.Order.DefaultedToo';
    const id = await client.register(subject, { schemaType: 'JSON', schema: JSON.stringify(order) });
    expect(await client.register(subject, { schemaType: 'JSON', schema: JSON.stringify(withNote) })).toBeGreaterThan(id);
    const widened = { ...withNote, properties: { ...withNote.properties, amount: { type: ['number', 'string'] } } };
    await expect(client.register(subject, { schemaType: 'JSON', schema: JSON.stringify(widened) }), 'the level is untouched: a forward break is refused').rejects.toThrow(/incompatible/i);
  });

  it('@confluentinc/schemaregistry: register, get by id, check compatibility, JSON serde round trip', async () => {
    const client = new SchemaRegistryClient({
      baseURLs: [server.url],
      basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo: `ci:${r.tokens.publish}` },
    });
    const subject = 'Shop.Order.Shipped';
    const id = await client.register(subject, { schemaType: 'JSON', schema: JSON.stringify(order) });
    const again = await client.register(subject, { schemaType: 'JSON', schema: JSON.stringify(order) });
    expect(again, 'registering the same schema returns the same id').toBe(id);
    const info = await client.getBySubjectAndId(subject, id);
    expect(JSON.parse(info.schema)).toEqual(order);
    expect(await client.getAllVersions(subject)).toEqual([1]);
    expect(await client.testSubjectCompatibility(subject, { schemaType: 'JSON', schema: JSON.stringify(withNote) })).toBe(true);
    expect(await client.testCompatibility(subject, 1, { schemaType: 'JSON', schema: JSON.stringify(breaking) })).toBe(false);
    const meta = await client.getLatestSchemaMetadata(subject);
    expect([meta.id, meta.version]).toEqual([id, 1]);

    const topic = 'shop-orders';
    const strategy = () => subject;
    const serializer = new JsonSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true, subjectNameStrategy: strategy });
    const deserializer = new JsonDeserializer(new SchemaRegistryClient({ baseURLs: [server.url] }), SerdeType.VALUE, { validate: true, subjectNameStrategy: strategy });
    const message = { orderId: 'o-9', amount: 3 };
    const bytes = await serializer.serialize(topic, message);
    expect(bytes.readInt32BE(1), 'the wire format carries our schema id').toBe(id);
    expect(await deserializer.deserialize(topic, bytes)).toEqual(message);
    await expect(serializer.serialize(topic, { orderId: 'o-10' }), 'the serializer validates').rejects.toThrow();
  });

  it("the serializer options the README gives make both clients' JSON serdes accept the seed's formats (uuid, date-time)", async () => {
    expect((await r.call('POST', '/v1/documents', { raw: seedText(), headers: { 'content-type': 'application/yaml' }, token: r.tokens.publish })).status).toBe(201);
    const catalog = await loadCatalog(SEED_FILE);
    const event = catalog.events.find((e) => e.eventType === 'Workflow.Execution.Started')!;
    const example = event.examples[0] as Record<string, unknown>;
    expect(example, 'the seed has an example event to send').toBeTruthy();
    const subject = event.eventType;
    const latest = await r.call('GET', `/subjects/${subject}/versions/latest`);
    expect(latest.json.schema, 'the stored schema uses format: uuid').toContain('"format":"uuid"');
    const id = latest.json.id as number;

    // @kafkajs/confluent-schema-registry: default options compile with strict Ajv and no formats.
    const plain = new SchemaRegistry({ host: server.url });
    await expect(plain.encode(id, example), 'default options reject the seed').rejects.toThrow(/unknown format "(uuid|date-time)"/);
    // The client types its own bundled Ajv 7; any instance with addSchema/compile works, hence the cast.
    const ajvInstance = addFormats(new Ajv({ strict: false, allErrors: true })) as never;
    const kafkajs = new SchemaRegistry({ host: server.url }, { [SchemaType.JSON]: { ajvInstance } });
    const bytes = await kafkajs.encode(id, example);
    expect(await kafkajs.decode(bytes), 'README options: kafkajs round-trips a seed event').toEqual(example);
    await expect(kafkajs.encode(id, { ...example, eventId: 'not-a-uuid' }), 'and formats are really checked').rejects.toThrow();

    // @confluentinc/schemaregistry: the serializer config is spread into its Ajv options.
    const client = new SchemaRegistryClient({ baseURLs: [server.url] });
    const strategy = () => subject;
    const strict = new JsonSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true, subjectNameStrategy: strategy });
    await expect(strict.serialize('workflow', example), 'default options reject the seed').rejects.toThrow(/unknown format "(uuid|date-time)"/);
    const options = { useLatestVersion: true, autoRegisterSchemas: false, validate: true, subjectNameStrategy: strategy, formats: fullFormats };
    const serializer = new JsonSerializer(client, SerdeType.VALUE, options as ConstructorParameters<typeof JsonSerializer>[2]);
    const deserializer = new JsonDeserializer(client, SerdeType.VALUE, { validate: true, subjectNameStrategy: strategy, formats: fullFormats } as ConstructorParameters<typeof JsonDeserializer>[2]);
    const wire = await serializer.serialize('workflow', example);
    expect(await deserializer.deserialize('workflow', wire), 'README options: @confluentinc round-trips a seed event').toEqual(example);
    await expect(serializer.serialize('workflow', { ...example, eventId: 'not-a-uuid' }), 'and formats are really checked').rejects.toThrow();
  });
});
