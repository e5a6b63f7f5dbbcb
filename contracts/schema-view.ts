/**
 * Read-only views over the catalog's self-contained JSON Schemas: local `$ref`
 * resolution (`#/$defs/...`, JSON Schema 2020-12 §8.2.3.1) and the effective object
 * shape of a schema whose properties may be spread over `allOf` branches. Pure.
 */
import { unescapeToken as decodeToken } from '#shared/json-pointer.ts';
import { isObject as isSchemaObject } from '#shared/json.ts';
import type { JsonSchema } from '#catalog/model.ts';

type SchemaObject = { [keyword: string]: unknown };

/** JSON objects and RFC 6901 tokens, from the shared helpers (one copy for all of evc). */
export { isObject as isSchemaObject } from '#shared/json.ts';
export { unescapeToken as decodeToken, escapeToken as encodeToken } from '#shared/json-pointer.ts';

/** Splits `/a/b~1c` into `['a', 'b/c']`; `''` is the root. */
export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer: it must start with "/" (RFC 6901)`);
  return pointer.slice(1).split('/').map(decodeToken);
}

/** Follows `$ref` chains that point into `root` (local refs only: the catalog inlines the rest). */
export function resolveRef(schema: JsonSchema | undefined, root: JsonSchema): JsonSchema | undefined {
  let current = schema;
  for (let hops = 0; hops < 32 && isSchemaObject(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#')) return current;
    let target: unknown = root;
    for (const token of splitPointer(ref.slice(1))) target = isSchemaObject(target) ? target[token] : undefined;
    if (target === undefined) return current;
    // Sibling keywords next to $ref (2020-12) are kept: the ref'd schema is the base.
    const { $ref: _ignored, ...siblings } = current;
    current = Object.keys(siblings).length > 0 ? { ...(target as SchemaObject), ...siblings } : (target as JsonSchema);
  }
  return current;
}

export interface ObjectView {
  properties: Record<string, JsonSchema>;
  required: string[];
}

/** Properties and required names of an object schema, merged over `allOf` (each resolved). */
export function objectView(schema: JsonSchema | undefined, root: JsonSchema): ObjectView {
  const view: ObjectView = { properties: {}, required: [] };
  const visit = (s: JsonSchema | undefined, depth: number): void => {
    const resolved = resolveRef(s, root);
    if (!isSchemaObject(resolved) || depth > 16) return;
    if (isSchemaObject(resolved.properties)) {
      for (const [name, child] of Object.entries(resolved.properties)) view.properties[name] ??= child as JsonSchema;
    }
    if (Array.isArray(resolved.required)) {
      for (const name of resolved.required) if (typeof name === 'string' && !view.required.includes(name)) view.required.push(name);
    }
    if (Array.isArray(resolved.allOf)) for (const branch of resolved.allOf) visit(branch as JsonSchema, depth + 1);
  };
  visit(schema, 0);
  return view;
}

/** The item schema of an array schema (`items`, or the first `prefixItems`). */
export function itemSchema(schema: JsonSchema | undefined, root: JsonSchema): JsonSchema | undefined {
  const resolved = effectiveSchema(schema, root);
  if (!isSchemaObject(resolved)) return undefined;
  if (resolved.items !== undefined && !Array.isArray(resolved.items)) return resolved.items as JsonSchema;
  if (Array.isArray(resolved.prefixItems)) return resolved.prefixItems[0] as JsonSchema;
  if (Array.isArray(resolved.items)) return resolved.items[0] as JsonSchema;
  return undefined;
}

/** The JSON types a schema admits, from `type`, `const` or `enum`; empty when unconstrained. */
export function schemaTypes(schema: JsonSchema | undefined, root: JsonSchema): string[] {
  const resolved = effectiveSchema(schema, root);
  if (!isSchemaObject(resolved)) return [];
  if (typeof resolved.type === 'string') return [resolved.type];
  if (Array.isArray(resolved.type)) return resolved.type.filter((t): t is string => typeof t === 'string');
  const values = 'const' in resolved ? [resolved.const] : Array.isArray(resolved.enum) ? resolved.enum : [];
  const types = new Set(values.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)));
  if (resolved.properties) types.add('object');
  return [...types];
}

/**
 * One schema with its `$ref` resolved and its `allOf` branches folded in (properties
 * merged, required unioned, other keywords: the first one set wins, own keywords
 * first). Enough for reading types, formats, patterns and enums of real documents,
 * which use `allOf: [{ $ref }]` to attach a description to a shared definition.
 */
export function effectiveSchema(schema: JsonSchema | undefined, root: JsonSchema, depth = 0): JsonSchema | undefined {
  const resolved = resolveRef(schema, root);
  if (!isSchemaObject(resolved) || !Array.isArray(resolved.allOf) || depth > 16) return resolved;
  const { allOf, ...own } = resolved;
  const out: SchemaObject = { ...own };
  for (const branch of allOf as JsonSchema[]) {
    const b = effectiveSchema(branch, root, depth + 1);
    if (!isSchemaObject(b)) continue;
    for (const [key, value] of Object.entries(b)) {
      if (key === 'properties' && isSchemaObject(value)) out.properties = { ...value, ...(isSchemaObject(out.properties) ? out.properties : {}) };
      else if (key === 'required' && Array.isArray(value)) out.required = [...new Set([...(Array.isArray(out.required) ? out.required : []), ...value])];
      else if (!(key in out)) out[key] = value;
    }
  }
  return out;
}
