/**
 * Read-only views of a JSON Schema node used by the diff: normalisation (booleans,
 * const → enum, implied types), cached canonical text and `$ref` detection, and the
 * keyword sets that say what is an annotation.
 */
import type { JsonSchema } from '#catalog/model.ts';
import { hasOwn, isObject, type JsonObject } from '#shared/json.ts';
import { pointerStep } from '#shared/json-pointer.ts';

export type SchemaObject = JsonObject;
export type Node = SchemaObject | false;

export { hasOwn, isObject };

/** `true` and `{}` accept everything; `false` accepts nothing (JSON Schema core §4.3.2). */
export function toNode(schema: unknown): Node {
  if (schema === false) return false;
  if (isObject(schema)) return schema;
  return EMPTY;
}
const EMPTY: SchemaObject = Object.freeze({}) as SchemaObject;

/** Keywords that never change the accepted set, mapped to their change kind. */
export const ANNOTATION_KINDS = {
  title: 'TITLE_CHANGED',
  description: 'DESCRIPTION_CHANGED',
  default: 'DEFAULT_CHANGED',
  examples: 'EXAMPLES_CHANGED',
  example: 'EXAMPLES_CHANGED',
  deprecated: 'DEPRECATED_CHANGED',
} as const;

/**
 * Keywords that describe an instance without constraining it (JSON Schema 2020-12 Validation §9,
 * Core §8.3 `$comment`), plus `x-` extensions: where two are set differently on one node, either
 * may win without changing the accepted set.
 */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'example', 'default', '$comment', 'deprecated', 'readOnly', 'writeOnly']);
export const isAnnotation = (key: string): boolean => ANNOTATIONS.has(key) || key.startsWith('x-');

/** Keywords the diff never compares directly: containers reached through `$ref`, and identity. */
export const STRUCTURAL = new Set(['$defs', 'definitions', '$ref', '$id', 'id', '$anchor', '$dynamicAnchor', '$vocabulary']);

/** Every keyword some diff group handles; anything else is compared as an annotation. */
export const HANDLED = new Set([
  'type', 'enum', 'const',
  'maxLength', 'minLength', 'pattern', 'format', 'contentEncoding', 'contentMediaType',
  'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'multipleOf',
  'properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames',
  'dependencies', 'dependentRequired', 'dependentSchemas', 'unevaluatedProperties',
  'maxProperties', 'minProperties',
  'items', 'prefixItems', 'additionalItems', 'contains', 'maxContains', 'minContains',
  'uniqueItems', 'maxItems', 'minItems', 'unevaluatedItems',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else',
]);

export const OBJECT_KEYWORDS = ['properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames', 'dependencies', 'dependentRequired', 'dependentSchemas', 'unevaluatedProperties'];
export const ARRAY_KEYWORDS = ['items', 'prefixItems', 'additionalItems', 'contains', 'uniqueItems', 'unevaluatedItems'];

/** A node with no constraining keyword accepts everything. */
export function isTrivial(node: unknown): boolean {
  if (node === true) return true;
  if (!isObject(node)) return false;
  for (const key of Object.keys(node)) {
    if (HANDLED.has(key) || key === '$ref') return false;
  }
  return true;
}

/** 0: no $ref below; 1: only refs into the root's $defs/definitions; 2: any other ref. */
const refCache = new WeakMap<object, 0 | 1 | 2>();

/** Key-order-independent JSON text, for sets of (usually small) enum values. */
export function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  return Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as SchemaObject)[k])}`).join(',')}}`;
}

/**
 * Marks, per object, whether its subtree contains a `$ref`, in one iterative post-order
 * walk (deep schemas cost heap, not call stack), cached so each node is visited once.
 */
function analyse(root: object): void {
  const stack: [object, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, expanded] = stack.pop()!;
    if (refCache.has(node)) continue;
    if (!expanded) {
      stack.push([node, true]);
      for (const key in node) {
        const v = (node as SchemaObject)[key];
        if (typeof v === 'object' && v !== null && !refCache.has(v)) stack.push([v, false]);
      }
      continue;
    }
    let kind: 0 | 1 | 2 = 0;
    if (!Array.isArray(node)) {
      const o = node as SchemaObject;
      if (hasOwn(o, '$dynamicRef') || hasOwn(o, '$recursiveRef')) kind = 2;
      else if (typeof o.$ref === 'string') kind = /^#\/(\$defs|definitions)\//.test(o.$ref) ? 1 : 2;
      else if (hasOwn(o, '$ref')) kind = 2;
    }
    for (const key in node) {
      if (kind === 2) break;
      const v = (node as SchemaObject)[key];
      if (typeof v === 'object' && v !== null) kind = Math.max(kind, refCache.get(v) ?? 0) as 0 | 1 | 2;
    }
    refCache.set(node, kind);
  }
}

/** What kind of `$ref`s this subtree contains (equal text with refs may still mean different schemas). */
export function refKindOf(value: unknown): 0 | 1 | 2 {
  if (typeof value !== 'object' || value === null) return 0;
  let cached = refCache.get(value);
  if (cached === undefined) {
    analyse(value);
    cached = refCache.get(value)!;
  }
  return cached;
}

export const hasRef = (value: unknown): boolean => refKindOf(value) > 0;

function deepEqual(x: unknown, y: unknown, budget: number): boolean {
  const stack: [unknown, unknown][] = [[x, y]];
  while (stack.length > 0) {
    if (--budget < 0) return false; // not proven equal: the caller compares keyword by keyword instead
    const [a, b] = stack.pop()!;
    if (a === b) continue;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      const bb = b as unknown[];
      if (a.length !== bb.length) return false;
      a.forEach((v, i) => stack.push([v, bb[i]]));
      continue;
    }
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!hasOwn(b, k)) return false;
      stack.push([(a as SchemaObject)[k], (b as SchemaObject)[k]]);
    }
  }
  return true;
}

/**
 * JSON equality regardless of key order; iterative, and it stops at the first difference,
 * so asking it at every level of two deep trees that differ at the bottom stays cheap.
 */
export const sameJson = (a: unknown, b: unknown, budget = Infinity): boolean => a === b || deepEqual(a, b, budget);

/** The diff's shortcut: small equal subtrees are skipped whole; big ones are walked (linear overall). */
export const quickSame = (a: unknown, b: unknown): boolean => sameJson(a, b, 50);

export const TYPES = ['null', 'boolean', 'object', 'array', 'number', 'string', 'integer'] as const;

/** Declared types, or the union implied by anyOf/oneOf branches that all declare one; undefined = any. */
export function typesOf(node: SchemaObject, resolve: (n: unknown) => Node): string[] | undefined {
  const t = node.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  for (const kw of ['anyOf', 'oneOf'] as const) {
    const branches = node[kw];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    const union = new Set<string>();
    for (const b of branches) {
      const r = resolve(b);
      if (r === false) continue;
      const bt = r.type;
      if (typeof bt === 'string') union.add(bt);
      else if (Array.isArray(bt)) bt.forEach((x) => typeof x === 'string' && union.add(x));
      else return undefined;
    }
    return [...union];
  }
  return undefined;
}

/** `enum` and `const` as one set of allowed values (Apicurio: const ≡ single-value enum). */
export function enumOf(node: SchemaObject): unknown[] | undefined {
  if (hasOwn(node, 'const')) return [node.const];
  return Array.isArray(node.enum) ? node.enum : undefined;
}

/** One JSON pointer step (RFC 6901): `/` + the escaped key. */
export const seg = pointerStep;

export type { JsonSchema };
