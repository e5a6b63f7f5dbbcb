/**
 * Just enough JSON Schema reading for pattern checks: follow local `#/$defs/…` references of
 * a self-contained catalog schema and collect an object schema's properties and required
 * list through `$ref` and `allOf`.
 */
import { isObject as isObj, own, setOwn } from '#shared/json.ts';
import { unescapeToken } from '#shared/json-pointer.ts';
import type { JsonSchema } from '#catalog/model.ts';

type Obj = Record<string, unknown>;

/** Follows `$ref`s into the root's `$defs`/`definitions` (cycle-safe). */
export function resolveLocal(root: JsonSchema, node: unknown): Obj | undefined {
  const seen = new Set<string>();
  let current = node;
  while (isObj(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref) || !isObj(root)) return undefined;
    seen.add(ref);
    const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
    if (!m) return undefined;
    const defs = root[m[1]!];
    current = isObj(defs) ? own(defs, unescapeToken(decodeURIComponent(m[2]!))) : undefined;
  }
  return isObj(current) ? current : undefined;
}

/** Properties and required names of an object schema, merged through `$ref` and `allOf`. */
export function objectShape(root: JsonSchema, node: unknown = root): { properties: Obj; required: string[] } {
  const s = resolveLocal(root, node);
  const out = { properties: {} as Obj, required: [] as string[] };
  if (!s) return out;
  // setOwn, not Object.assign: a property named `__proto__` must stay a property.
  if (isObj(s.properties)) for (const [k, v] of Object.entries(s.properties)) setOwn(out.properties, k, v);
  if (Array.isArray(s.required)) out.required.push(...s.required.filter((r): r is string => typeof r === 'string'));
  for (const part of Array.isArray(s.allOf) ? s.allOf : []) {
    const inner = objectShape(root, part);
    for (const [k, v] of Object.entries(inner.properties)) setOwn(out.properties, k, v);
    out.required.push(...inner.required);
  }
  return out;
}

/** The `type` of a (possibly referenced, possibly allOf-wrapped) schema, if it declares one. */
export function typeOf(root: JsonSchema, node: unknown): unknown {
  const s = resolveLocal(root, node);
  if (!s) return undefined;
  if (s.type !== undefined) return s.type;
  for (const part of Array.isArray(s.allOf) ? s.allOf : []) {
    const t = typeOf(root, part);
    if (t !== undefined) return t;
  }
  return undefined;
}
