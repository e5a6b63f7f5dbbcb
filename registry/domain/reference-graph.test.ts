/** resolveReferenceGraph over an in-memory store: what reaches, once; limits, cycles and missing targets refused. */
import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '#catalog/input-limits.ts';
import { RegistryError } from '../errors.ts';
import { assertProcessableSchema } from './json-schema.ts';
import { bundleSchema } from './reference-bundle.ts';
import { nodeKey, resolveReferenceGraph, type LoadReferenced, type ReferencedSchema } from './reference-graph.ts';
import type { SchemaReference } from './references.ts';

/** A store of `subject → versions` with their references; `loads` counts reads. */
function memoryStore(entries: Array<Omit<ReferencedSchema, 'schemaId' | 'schema'> & { schema?: ReferencedSchema['schema'] }>) {
  const byKey = new Map(entries.map((e, i) => [nodeKey(e.subject, e.version), { schemaId: i + 1, schema: { type: 'object' }, ...e } as ReferencedSchema]));
  const stats = { loads: 0 };
  const load: LoadReferenced = async (subject, version) => {
    stats.loads++;
    if (version === -1) return [...byKey.values()].filter((e) => e.subject === subject).sort((a, b) => b.version - a.version)[0];
    return byKey.get(nodeKey(subject, version));
  };
  return { load, stats };
}
const ref = (subject: string, version = 1, name = `${subject}.json`): SchemaReference => ({ name, subject, version });

async function refusal(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('resolveReferenceGraph', () => {
  it('reaches references of references, each shared schema once (a diamond is read once)', async () => {
    const { load, stats } = memoryStore([
      { subject: 'A', version: 1, references: [] },
      { subject: 'B', version: 1, references: [ref('A')] },
      { subject: 'C', version: 1, references: [ref('A')] },
    ]);
    const graph = await resolveReferenceGraph([ref('B'), ref('C')], load);
    expect([...graph.nodes.keys()], 'B, its reference A, then C').toEqual([nodeKey('B', 1), nodeKey('A', 1), nodeKey('C', 1)]);
    expect(stats.loads, 'A is loaded once though two schemas reference it').toBe(3);
  });

  it('replaces -1 by the latest version it found', async () => {
    const { load } = memoryStore([
      { subject: 'A', version: 1, references: [] },
      { subject: 'A', version: 3, references: [] },
    ]);
    expect((await resolveReferenceGraph([ref('A', -1)], load)).references).toEqual([ref('A', 3, 'A.json')]);
  });

  it('refuses a missing reference, naming it and the schema that references it', async () => {
    const { load } = memoryStore([{ subject: 'B', version: 1, references: [ref('Gone', 2)] }]);
    const direct = await refusal(resolveReferenceGraph([ref('Nope', 4)], load));
    expect([direct.code, direct.message], 'a direct reference').toEqual([42201, expect.stringContaining(`"Nope.json" (subject 'Nope', version 4) does not exist`)]);
    const deeper = await refusal(resolveReferenceGraph([ref('B')], load));
    expect(deeper.message, 'a reference of a reference says where it came from').toContain(`(referenced by 'B' version 1)`);
  });

  it('refuses a cycle with the path, instead of following it', async () => {
    // The registry cannot store one (references name earlier versions); a store that did must not loop.
    const { load, stats } = memoryStore([
      { subject: 'A', version: 1, references: [ref('B')] },
      { subject: 'B', version: 1, references: [ref('C')] },
      { subject: 'C', version: 1, references: [ref('A')] },
    ]);
    const error = await refusal(resolveReferenceGraph([ref('A')], load));
    expect([error.code, error.message]).toEqual([42201, expect.stringContaining(`cycle ('A' version 1 → 'B' version 1 → 'C' version 1 → 'A' version 1)`)]);
    expect(stats.loads, 'each schema read once before the cycle is seen').toBe(3);
  });

  it(`refuses more than ${INPUT_LIMITS['reference-count'].max} schemas in one graph, counted through references of references`, async () => {
    const max = INPUT_LIMITS['reference-count'].max;
    const leaves = Array.from({ length: max }, (_, i) => ({ subject: `L${i}`, version: 1, references: [] }));
    const { load } = memoryStore([...leaves, { subject: 'Hub', version: 1, references: leaves.map((l) => ref(l.subject)) }]);
    expect((await resolveReferenceGraph(leaves.map((l) => ref(l.subject)), load)).nodes.size, 'exactly the limit is fine').toBe(max);
    const error = await refusal(resolveReferenceGraph([ref('Hub')], load));
    expect([error.code, error.details?.limit], 'the hub and its leaves are one more').toEqual([42201, 'reference-count']);
  });

  it(`refuses a chain deeper than ${INPUT_LIMITS['reference-depth'].max} levels`, async () => {
    const max = INPUT_LIMITS['reference-depth'].max;
    const chain = Array.from({ length: max + 1 }, (_, i) => ({ subject: `C${i}`, version: 1, references: i === 0 ? [] : [ref(`C${i - 1}`)] }));
    const { load } = memoryStore(chain);
    expect((await resolveReferenceGraph([ref(`C${max - 1}`)], load)).nodes.size, 'a chain of exactly the limit is fine').toBe(max);
    const error = await refusal(resolveReferenceGraph([ref(`C${max}`)], load));
    expect([error.code, error.details?.limit]).toEqual([42201, 'reference-depth']);
  });

  it('refuses two references with one name', async () => {
    const { load } = memoryStore([{ subject: 'A', version: 1, references: [] }]);
    const error = await refusal(resolveReferenceGraph([ref('A', 1, 'x'), ref('A', 1, 'x')], load));
    expect(error.message).toContain('Two references are named "x"');
  });
});

describe('bundleSchema', () => {
  it('copies each referenced schema under $defs and makes $refs to reference names local, fragments and own pointers included', async () => {
    const address = { $id: 'https://example.com/address.json', $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { zip: { $ref: '#/$defs/Zip' } }, $defs: { Zip: { type: 'string' } } };
    const customer = { type: 'object', properties: { home: { $ref: 'https://example.com/address.json' }, zip: { $ref: 'address.json#/$defs/Zip' } } };
    const { load } = memoryStore([
      { subject: 'Address', version: 1, references: [], schema: address },
      { subject: 'Customer', version: 2, references: [ref('Address', 1, 'https://example.com/address.json')], schema: customer },
    ]);
    const root = { $id: 'https://example.com/order.json', type: 'object', properties: { who: { $ref: 'customer.json' }, note: { const: { $ref: 'customer.json' } } }, $defs: { 'evc-reference-1': { type: 'null' } } };
    const graph = await resolveReferenceGraph([ref('Customer', 2, 'customer.json')], load);
    const bundled = bundleSchema(root, graph) as Record<string, any>;
    expect(bundled.properties.who, 'the root $ref points at the copied customer (key 1 was taken by the root)').toEqual({ $ref: '#/$defs/evc-reference-2' });
    expect(bundled.properties.note, 'a "$ref" inside const is data and stays').toEqual({ const: { $ref: 'customer.json' } });
    expect(bundled.$defs['evc-reference-1'], "the root's own $defs are kept").toEqual({ type: 'null' });
    const copiedCustomer = bundled.$defs['evc-reference-2'];
    expect(copiedCustomer.properties.home, 'its reference by absolute URI').toEqual({ $ref: '#/$defs/evc-reference-3' });
    expect(copiedCustomer.properties.zip, 'a name resolved against no $id does not match a URI name').toEqual({ $ref: 'address.json#/$defs/Zip' });
    const copiedAddress = bundled.$defs['evc-reference-3'];
    expect(copiedAddress.properties.zip, "the copy's own pointers follow it to its new place").toEqual({ $ref: '#/$defs/evc-reference-3/$defs/Zip' });
    expect('$id' in copiedAddress || '$schema' in copiedAddress, 'identity and dialect of the copy are dropped').toBe(false);
  });

  it('keeps a property named "__proto__" as a property of the copy (JSON.parse makes it an own key)', async () => {
    const { load } = memoryStore([{ subject: 'Customer', version: 1, references: [], schema: JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}') }]);
    const graph = await resolveReferenceGraph([ref('Customer', 1, 'customer.json')], load);
    const root = JSON.parse('{"type":"object","properties":{"__proto__":{"$ref":"customer.json"}}}');
    const bundled = bundleSchema(root, graph) as Record<string, any>;
    expect(Object.hasOwn(bundled.properties, '__proto__'), 'the root property survives the copy').toBe(true);
    expect(Object.getOwnPropertyDescriptor(bundled.properties, '__proto__')!.value).toEqual({ $ref: '#/$defs/evc-reference-1' });
    expect(Object.hasOwn(bundled.$defs['evc-reference-1'].properties, '__proto__'), 'and inside the referenced schema').toBe(true);
  });

  it('matches a relative $ref against a reference name resolved against the schema $id', async () => {
    const { load } = memoryStore([{ subject: 'Customer', version: 1, references: [] }]);
    const graph = await resolveReferenceGraph([ref('Customer', 1, 'https://example.com/schemas/customer.json')], load);
    const bundled = bundleSchema({ $id: 'https://example.com/schemas/order.json', properties: { c: { $ref: 'customer.json#/properties' } } }, graph) as Record<string, any>;
    expect(bundled.properties.c).toEqual({ $ref: '#/$defs/evc-reference-1/properties' });
  });

  it.each([
    ['draft-07 (siblings of a root $ref are ignored by validators; the pointer still resolves)', 'http://json-schema.org/draft-07/schema#'],
    ['2020-12', 'https://json-schema.org/draft/2020-12/schema'],
  ])('a root that is only a $ref to a reference bundles into a schema that compiles: %s', async (_name, dialect) => {
    const { load } = memoryStore([{ subject: 'Customer', version: 1, references: [], schema: { $schema: dialect, type: 'object', properties: { name: { type: 'string' } } } }]);
    const graph = await resolveReferenceGraph([ref('Customer', 1, 'customer.json')], load);
    const bundled = bundleSchema({ $schema: dialect, $ref: 'customer.json' }, graph);
    expect(() => assertProcessableSchema(bundled), 'meta-schema, refs and Ajv compilation all pass').not.toThrow();
    expect((bundled as Record<string, unknown>).$ref).toBe('#/$defs/evc-reference-1');
  });
});
