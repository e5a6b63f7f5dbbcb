/**
 * One self-contained schema from a schema and the registered schemas its references reach:
 * each referenced schema is copied once under `$defs` and every `$ref` to a reference name
 * (`"customer.json"`, `"customer.json#/$defs/Address"`) becomes a local `#/$defs/…` pointer.
 * Everything downstream — the meta-schema and Ajv checks (json-schema.ts) and the
 * compatibility engine (compat/refs.ts, which only follows local refs) — then sees the
 * resolved schema, so comparing two versions compares what their references mean, not
 * their names. The bundle is computed when needed and never stored: stored is the text as
 * registered, with its references (Confluent's model).
 *
 * A copied schema loses its `$id` and `$schema` (its pointers are rewritten to its new place,
 * and it is read in the referencing schema's dialect); its own references are rewritten the
 * same way. `$ref`s whose URI names no reference are left alone, and refused later as remote.
 */
import type { JsonSchema } from '#catalog/model.ts';
import { isObject, setOwn } from '#shared/json.ts';
import { nodeKey, type ReferenceGraph } from './reference-graph.ts';
import type { SchemaReference } from './references.ts';

type SchemaObject = Record<string, unknown>;

// Values of these keywords are data, not schemas: a "$ref" inside an example is not a reference.
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'example']);

/** A `$ref`'s URI without the fragment, resolved against the schema's own `$id` when that is an absolute URI. */
function resolveUri(uri: string, base: string | undefined): string {
  if (base === undefined) return uri;
  try {
    return new URL(uri, base).href;
  } catch {
    return uri;
  }
}

/** Which reference a `$ref` value names, if any: its URI (before `#`) equals the reference name, directly or resolved against `$id`. */
export function referenceNamed(ref: string, references: readonly SchemaReference[], ownId?: string): SchemaReference | undefined {
  const hashAt = ref.indexOf('#');
  const uri = hashAt === -1 ? ref : ref.slice(0, hashAt);
  if (uri === '') return undefined;
  const exact = references.find((r) => r.name === uri);
  if (exact || ownId === undefined) return exact;
  const resolved = resolveUri(uri, ownId);
  return references.find((r) => resolveUri(r.name, ownId) === resolved);
}

const idOf = (schema: unknown): string | undefined => (isObject(schema) && typeof schema.$id === 'string' ? schema.$id : undefined);

interface Rewrite {
  /** `$defs` key of the schema being copied; undefined for the root, whose local refs stay as they are. */
  selfKey?: string;
  ownId?: string;
  references: readonly SchemaReference[];
  keyOf: (r: SchemaReference) => string;
}

function rewriteRef(ref: string, rw: Rewrite): string {
  const hashAt = ref.indexOf('#');
  const uri = hashAt === -1 ? ref : ref.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : ref.slice(hashAt + 1);
  const into = (key: string) => (fragment === '' ? `#/$defs/${key}` : fragment.startsWith('/') ? `#/$defs/${key}${fragment}` : `#${fragment}`);
  if (uri === '' || (rw.ownId !== undefined && resolveUri(uri, rw.ownId) === resolveUri(rw.ownId, rw.ownId))) {
    return rw.selfKey === undefined ? ref : into(rw.selfKey);
  }
  const target = referenceNamed(ref, rw.references, rw.ownId);
  return target ? into(rw.keyOf(target)) : ref;
}

/** A copy with every `$ref` rewritten (depth is bounded by the input limits, checked before). */
function rewrite(value: unknown, rw: Rewrite): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, rw));
  if (!isObject(value)) return value;
  const out: SchemaObject = {};
  for (const [key, v] of Object.entries(value)) {
    // setOwn: a "__proto__" property name stays a property (plain assignment would set the prototype).
    setOwn(out, key, key === '$ref' && typeof v === 'string' ? rewriteRef(v, rw) : DATA_KEYWORDS.has(key) ? v : rewrite(v, rw));
  }
  return out;
}

/** The schema with every schema its references reach under `$defs`, and `$ref`s to them made local. */
export function bundleSchema(root: JsonSchema, graph: ReferenceGraph): JsonSchema {
  if (graph.nodes.size === 0 || !isObject(root)) return root;
  const taken = new Set(Object.keys(isObject(root.$defs) ? root.$defs : {}));
  const defKeys = new Map<string, string>();
  let n = 0;
  for (const key of graph.nodes.keys()) {
    let defKey: string;
    do defKey = `evc-reference-${++n}`;
    while (taken.has(defKey));
    defKeys.set(key, defKey);
  }
  const keyOf = (r: SchemaReference) => defKeys.get(nodeKey(r.subject, r.version))!;
  const defs: SchemaObject = {};
  for (const [key, node] of graph.nodes) {
    const ownId = idOf(node.schema);
    const copy = rewrite(node.schema, { selfKey: defKeys.get(key)!, ...(ownId ? { ownId } : {}), references: node.references, keyOf });
    if (isObject(copy)) {
      delete copy.$id;
      delete copy.$schema;
    }
    defs[defKeys.get(key)!] = copy;
  }
  const rootId = idOf(root);
  const bundled = rewrite(root, { ...(rootId ? { ownId: rootId } : {}), references: graph.references, keyOf }) as SchemaObject;
  bundled.$defs = { ...(isObject(bundled.$defs) ? bundled.$defs : {}), ...defs };
  return bundled as JsonSchema;
}
