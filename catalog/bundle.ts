/**
 * Makes one schema self-contained: every `$ref` (local or into another loaded file) is copied
 * into `$defs` under the target's own name and rewritten to `#/$defs/Name`. Recursive schemas
 * therefore stay references (no circular objects), and the result is plain JSON. Parser
 * annotations (`x-parser-*`) are dropped wherever they appear.
 */
import path from 'node:path';
import type { JsonSchema } from './model.ts';
import { CatalogError, diagnostic } from './errors.ts';
import { decodePointer, escapeToken } from '#shared/json-pointer.ts';
import { setOwn } from '#shared/json.ts';
import { DATA_KEYWORDS, isRefObject, type DocumentSet } from './refs.ts';


export const isParserAnnotation = (key: string): boolean => key.startsWith('x-parser-');

/** Rewrites the local `$ref`s of a node so they name their file: `/abs/doc.yaml#/components/...`. */
export function anchorRefs(node: unknown, file: string): unknown {
  if (Array.isArray(node)) return node.map((item) => anchorRefs(item, file));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // setOwn: a property named `__proto__` is a key like any other (out[key] = ... would set the prototype).
    if (key === '$ref' && typeof value === 'string') setOwn(out, key, value.startsWith('#') ? `${file}#${value.slice(1)}` : value);
    else setOwn(out, key, DATA_KEYWORDS.has(key) ? value : anchorRefs(value, file));
  }
  return out;
}

export function bundleSchema(set: DocumentSet, schema: unknown, file: string, pointer: string): JsonSchema {
  const names = new Map<string, string>();
  const defs: Record<string, unknown> = {};

  const nameFor = (target: { file: string; pointer: string }): string => {
    const segments = decodePointer(target.pointer);
    const base = (segments.at(-1) ?? path.basename(target.file, path.extname(target.file))).replace(/[^A-Za-z0-9_.-]/g, '_') || 'Schema';
    let name = base;
    for (let i = 2; [...names.values()].includes(name); i++) name = `${base}_${i}`;
    return name;
  };

  const walk = (node: unknown, from: string, at: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, from, `${at}/${i}`));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (isParserAnnotation(key)) continue;
      if (key === '$ref' && typeof value === 'string') {
        out.$ref = `#/$defs/${define(value, from, `${at}/$ref`)}`;
      } else {
        setOwn(out, key, DATA_KEYWORDS.has(key) ? stripAnnotations(value) : walk(value, from, `${at}/${escapeToken(key)}`));
      }
    }
    return out;
  };

  const define = (ref: string, from: string, at: string): string => {
    const target = set.resolve(ref, from);
    if (!target) {
      throw new CatalogError([diagnostic('ref-unresolved', `$ref "${ref}" points to nothing`, { file: set.display(from), pointer: at, ...set.locate(from, at) }, 'Check the JSON pointer after "#" against the target document.')]);
    }
    const id = `${target.file}#${target.pointer}`;
    const known = names.get(id);
    if (known) return known;
    const name = nameFor(target);
    names.set(id, name);
    setOwn(defs, name, walk(target.value, target.file, target.pointer));
    return name;
  };

  // A schema that is only a reference is replaced by its target, so the root is the schema itself.
  const start = isRefObject(schema) ? set.follow(schema, file, pointer) : { value: schema, file, pointer };
  const root = walk(start.value, start.file, start.pointer);
  if (typeof root === 'boolean') return root;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return {};
  if (Object.keys(defs).length === 0) return root as JsonSchema;
  const existing = (root as { $defs?: Record<string, unknown> }).$defs ?? {};
  return { ...(root as object), $defs: { ...existing, ...sortKeys(defs) } };
}

export function stripAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !isParserAnnotation(k)).map(([k, v]) => [k, stripAnnotations(v)]));
}

/** `$defs` in name order, so generated code and digests are deterministic. */
const sortKeys = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
