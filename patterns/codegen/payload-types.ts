/**
 * Payload types for the events a pattern touches, rendered with json-schema-to-typescript
 * from the catalog's self-contained payload schemas. All payloads are compiled as one
 * schema so shared `$defs` (e.g. `TestCase`) are declared once, and the root becomes a
 * map `{ [eventType]: Payload }` that mapped types in the generated code index into.
 */
import { isObject } from '#shared/json.ts';
import { compile } from 'json-schema-to-typescript';
import type { EventContract, JsonSchema } from '#catalog/model.ts';
import { payloadTypeName } from './names.ts';
import { PatternGenerationError } from './errors.ts';

type SchemaObject = { [keyword: string]: unknown };


/** Rewrites `#/$defs/X` refs of one payload into the merged `$defs`, renaming on collision. */
function rewriteRefs(node: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, renames));
  if (!isObject(node)) return node;
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')) {
      const name = decodeURIComponent(value.slice('#/$defs/'.length));
      out[key] = `#/$defs/${renames.get(name) ?? name}`;
    } else if (key === '$defs' || key === 'definitions') {
      continue; // hoisted into the merged $defs
    } else {
      out[key] = rewriteRefs(value, renames);
    }
  }
  return out;
}

const stable = (value: unknown): string => JSON.stringify(value);

/**
 * Merges every payload schema into one root schema. A `$defs` name used by two payloads with
 * different content gets a payload-specific name, so no type silently changes shape.
 */
export function mergePayloadSchemas(events: readonly EventContract[], rootName: string): SchemaObject {
  const defs: Record<string, unknown> = {};
  const originals = new Map<string, string>(); // def name → its source text, to detect true clashes
  const properties: Record<string, unknown> = {};
  for (const event of events) {
    const schema: JsonSchema = event.payloadSchema;
    if (!isObject(schema)) {
      throw new PatternGenerationError(
        `payload schema of ${event.eventType} is a boolean schema; a pattern event needs an object payload`,
        event.source,
      );
    }
    const ownDefs = (isObject(schema.$defs) ? schema.$defs : isObject(schema.definitions) ? schema.definitions : {}) as SchemaObject;
    const renames = new Map<string, string>();
    for (const [name, def] of Object.entries(ownDefs)) {
      if (originals.has(name) && originals.get(name) !== stable(def)) renames.set(name, `${payloadTypeName(event.eventType)}${name}`);
    }
    for (const [name, def] of Object.entries(ownDefs)) {
      const target = renames.get(name) ?? name;
      if (!renames.has(name)) originals.set(name, stable(def));
      defs[target] = { ...(rewriteRefs(def, renames) as SchemaObject), title: target };
    }
    const root = rewriteRefs(schema, renames) as SchemaObject;
    const { $ref: rootRef, description: _d, title: _t, ...rest } = root;
    if (typeof rootRef === 'string' && Object.keys(rest).length === 0) {
      // The payload is a reference to a component schema: use that schema's own name.
      properties[event.eventType] = { $ref: rootRef };
    } else {
      const typeName = payloadTypeName(event.eventType);
      defs[typeName] = { ...root, title: typeName };
      properties[event.eventType] = { $ref: `#/$defs/${typeName}` };
    }
  }
  return {
    title: rootName,
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
    $defs: defs,
  };
}

/** TypeScript declarations for the payloads, plus `rootName` mapping event type → payload. */
export async function renderPayloadTypes(events: readonly EventContract[], rootName: string): Promise<string> {
  const schema = mergePayloadSchemas(events, rootName);
  const ts = await compile(schema as never, rootName, {
    bannerComment: '',
    format: true,
    style: { singleQuote: true, printWidth: 110, semi: true, tabWidth: 2 },
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    declareExternallyReferenced: true,
    ignoreMinAndMaxItems: true, // minItems stays a validation rule; tuples would make builders awkward
    cwd: '/nonexistent', // refs are all local; never resolve files
  });
  return ts.trim();
}
