import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleSchema } from './bundle.ts';
import { composeEventSchema } from './envelope.ts';
import { CatalogError } from './errors.ts';
import { loadDocumentSet } from './refs.ts';
import { parseSource } from './source.ts';

const setOf = async (yaml: string, file = '/virtual/doc.yaml') => loadDocumentSet(parseSource(yaml, file));

const doc = `
components:
  schemas:
    Event:
      type: object
      x-parser-schema-id: Event
      properties:
        id: { $ref: '#/components/schemas/Id' }
        other: { $ref: '#/components/schemas/Id' }
        tree: { $ref: '#/components/schemas/Node' }
        dup: { $ref: '#/components/other/Id' }
        literal: { const: { $ref: 'not a reference, data' } }
    Id: { type: string, x-parser-schema-id: Id }
    Node:
      type: object
      properties:
        children: { type: array, items: { $ref: '#/components/schemas/Node' } }
  other:
    Id: { type: integer }
`;

describe('bundleSchema', () => {
  it('copies each referenced schema into $defs once, rewrites refs, keeps recursion as a ref and drops x-parser-*', async () => {
    const set = await setOf(doc);
    const schema = bundleSchema(set, { $ref: '#/components/schemas/Event' }, set.rootKey, '/x');
    expect(schema).toEqual({
      type: 'object',
      properties: {
        id: { $ref: '#/$defs/Id' },
        other: { $ref: '#/$defs/Id' },
        tree: { $ref: '#/$defs/Node' },
        dup: { $ref: '#/$defs/Id_2' },
        literal: { const: { $ref: 'not a reference, data' } },
      },
      $defs: {
        Id: { type: 'string' },
        Id_2: { type: 'integer' },
        Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } },
      },
    });
    expect(() => JSON.stringify(schema), 'no circular objects').not.toThrow();
  });

  it('names the pointer of a ref that points nowhere', async () => {
    const set = await setOf(doc);
    const error = (() => {
      try {
        bundleSchema(set, { properties: { a: { $ref: '#/components/schemas/Nope' } } }, set.rootKey, '/components/schemas/X');
      } catch (e) {
        return e as CatalogError;
      }
    })();
    expect(error).toBeInstanceOf(CatalogError);
    expect(error!.diagnostics[0]).toMatchObject({ code: 'ref-unresolved', pointer: '/components/schemas/X/properties/a/$ref' });
  });
});

describe('loading referenced files', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('bundles a schema from another file, including that file\'s own local refs', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'evc-bundle-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'schemas.yaml'), 'Payload:\n  type: object\n  properties:\n    id: { $ref: "#/Id" }\nId: { type: string, format: uuid }\n');
    const main = path.join(dir, 'main.yaml');
    const set = await setOf("payload: { $ref: 'schemas.yaml#/Payload' }\n", main);
    expect([...set.documents.keys()].sort(), 'the referenced file is part of the set').toEqual([main, path.join(dir, 'schemas.yaml')].sort());
    const schema = bundleSchema(set, { $ref: 'schemas.yaml#/Payload' }, main, '/payload');
    expect(schema).toEqual({ type: 'object', properties: { id: { $ref: '#/$defs/Id' } }, $defs: { Id: { type: 'string', format: 'uuid' } } });
  });

  it('refuses local file refs when allowFileRefs is false (untrusted uploads), before reading anything', async () => {
    const { parseCatalog } = await import('./load.ts');
    const upload = "asyncapi: 3.0.0\ninfo: { title: t, version: 1.0.0 }\ncomponents:\n  schemas:\n    Secret: { $ref: '/etc/hostname' }\n";
    const error = await parseCatalog(upload, 'upload.yaml', { allowFileRefs: false }).then(() => undefined, (e: unknown) => e);
    expect((error as CatalogError).diagnostics).toEqual([
      expect.objectContaining({ code: 'file-ref', line: 5, col: 15, message: '$ref "/etc/hostname" reads another file, which is not allowed here' }),
    ]);
  });

  it('reports a referenced file that does not exist at the $ref', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'evc-bundle-'));
    dirs.push(dir);
    const error = await setOf("a:\n  b: { $ref: 'missing.yaml#/X' }\n", path.join(dir, 'main.yaml')).then(() => undefined, (e: unknown) => e);
    expect((error as CatalogError).diagnostics[0]).toMatchObject({ code: 'ref-unreadable', line: 2, col: 8, pointer: '/a/b/$ref' });
  });
});

describe('composeEventSchema', () => {
  const envelope = `
components:
  schemas:
    BaseEvent:
      type: object
      title: BaseEvent
      required: [eventId, eventType, timestamp, version, correlationId, causationId, metadata, payload]
      properties:
        eventId: { type: string }
        eventType: { type: string, pattern: '^[A-Z]' }
        timestamp: { type: string }
        version: { type: string }
        correlationId: { type: string }
        causationId: { type: string }
        metadata: { type: object }
        payload: { type: object }
    P: { type: object, required: [a], properties: { a: { type: string } } }
`;

  it('flattens allOf[BaseEvent, part]: later keywords refine, a later $ref replaces, required is united', async () => {
    const set = await setOf(envelope);
    const composed = composeEventSchema(
      set,
      { allOf: [{ $ref: '#/components/schemas/BaseEvent' }, { required: ['eventType'], properties: { eventType: { const: 'A.B.C' }, payload: { $ref: '#/components/schemas/P' } } }] },
      set.rootKey,
      '/m/payload',
    );
    expect(composed.enveloped).toBe(true);
    const schema = composed.schema as { title?: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.title, 'the envelope title must not label the event').toBeUndefined();
    expect(schema.properties.eventType, 'const refines the envelope pattern').toEqual({ type: 'string', pattern: '^[A-Z]', const: 'A.B.C' });
    expect(schema.properties.payload, 'the event payload replaces the envelope placeholder').toEqual({ $ref: `${set.rootKey}#/components/schemas/P` });
    expect(schema.required.filter((r) => r === 'eventType'), 'no duplicates').toHaveLength(1);
  });

  it('leaves an allOf with keywords it cannot merge exactly as written, and not enveloped', async () => {
    const set = await setOf(envelope);
    const written = { allOf: [{ $ref: '#/components/schemas/BaseEvent' }, { oneOf: [{ required: ['a'] }] }] };
    const composed = composeEventSchema(set, written, set.rootKey, '/m/payload');
    expect(composed.enveloped).toBe(false);
    expect((composed.schema as { allOf: unknown[] }).allOf).toHaveLength(2);
  });
});
