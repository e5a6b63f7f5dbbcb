/**
 * Following a JSON pointer into *data* through the schema that describes it: `/payload/promptId`
 * → the schema of that property, and whether every step is required. Used by the lint rules for
 * `x-partition-key` and `x-reads`; pure, for any self-contained catalog schema (`#/$defs/...` refs).
 */
import { hasOwn, isObject as isObj } from '#shared/json.ts';
import type { JsonSchema } from './model.ts';
import { decodePointer, getAtPointer } from '#shared/json-pointer.ts';

export interface SchemaStep {
  found: boolean;
  /** True when every property on the path is required by its parent. */
  required: boolean;
  /** The first segment that no schema on the path declares. */
  missing?: string;
}

type Obj = Record<string, unknown>;

export function schemaAtDataPointer(root: JsonSchema, pointer: string): SchemaStep {
  let current: unknown[] = [root];
  let required = true;
  for (const segment of decodePointer(pointer)) {
    const candidates = current.flatMap((s) => expand(root, s));
    const next: unknown[] = [];
    let segmentRequired = false;
    for (const schema of candidates) {
      if (!isObj(schema)) continue;
      if (/^(\d+|-)$/.test(segment) && schema.items !== undefined) next.push(schema.items);
      if (isObj(schema.properties) && hasOwn(schema.properties, segment)) {
        next.push(schema.properties[segment]);
        if (Array.isArray(schema.required) && schema.required.includes(segment)) segmentRequired = true;
      } else if (isObj(schema.additionalProperties)) {
        next.push(schema.additionalProperties);
      }
    }
    if (next.length === 0) return { found: false, required: false, missing: segment };
    if (!/^(\d+|-)$/.test(segment)) required &&= segmentRequired;
    current = next;
  }
  return { found: true, required };
}

/** A schema and the members it is made of: its `$ref` target and its allOf/anyOf/oneOf members. */
function expand(root: JsonSchema, schema: unknown, seen = new Set<unknown>()): unknown[] {
  if (!isObj(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const out: unknown[] = [schema];
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) out.push(...expand(root, getAtPointer(root, schema.$ref), seen));
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const members = schema[key];
    if (Array.isArray(members)) for (const m of members) out.push(...expand(root, m, seen));
  }
  return out;
}
