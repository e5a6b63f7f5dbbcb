/**
 * Merges the self-contained event schemas of a client into one schema with a shared
 * `$defs` namespace, so each shared definition becomes one TypeScript type (not one per
 * event). Each event's local `#/$defs/X` refs are rewritten to the merged name;
 * identical definitions are shared, different ones with the same name are renamed.
 */
import { hasOwn, isObject, setOwn } from '#shared/json.ts';
import { unescapeToken } from '#shared/json-pointer.ts';
import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from '#catalog/model.ts';
import { pascalCase } from './naming.ts';

type SchemaObject = { [keyword: string]: unknown };

/** A `$ref` to a merged (global) definition, as opposed to one of the schema's own `$defs`. */
export const GLOBAL_REF = 'evc-global:';

const localRefName = (ref: string): string | undefined => {
  const m = /^#\/(?:\$defs|definitions)\/([^/]+)/.exec(ref);
  return m ? decodeURIComponent(unescapeToken(m[1]!)) : undefined;
};

/** Names of local definitions `value` refers to directly (not inside its own `$defs`). */
function directRefs(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) directRefs(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$defs' || key === 'definitions') continue;
      const name = key === '$ref' && typeof v === 'string' ? localRefName(v) : undefined;
      if (name !== undefined) out.add(name);
      else directRefs(v, out);
    }
  }
  return out;
}

/** Names of local definitions reachable from `value` (following refs through `defs`). */
function reachable(value: unknown, defs: SchemaObject, seen = new Set<string>()): Set<string> {
  for (const name of directRefs(value)) {
    if (seen.has(name) || !hasOwn(defs, name)) continue;
    seen.add(name);
    reachable(defs[name], defs, seen);
  }
  return seen;
}

/** The definitions in dependency order (what a definition refers to comes first; cycles broken by name). */
function dependencyOrder(local: SchemaObject): string[] {
  const order: string[] = [];
  const visited = new Set<string>();
  const visit = (key: string): void => {
    if (visited.has(key)) return;
    visited.add(key);
    for (const dep of [...directRefs(local[key])].sort()) if (hasOwn(local, dep)) visit(dep);
    order.push(key);
  };
  for (const key of Object.keys(local).sort()) visit(key);
  return order;
}

/** Stands for a definition whose merged name is not chosen yet (a cycle): equal to no stored definition. */
const UNDECIDED = '\u0000undecided';


/** Deep-copies `value`, rewriting `$ref: "#/$defs/<old>"` (and `#/definitions/<old>`) through `rename`. */
function rewriteRefs(value: unknown, rename: (name: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, rename));
  if (!isObject(value)) return value;
  const out: SchemaObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string' && v.startsWith(GLOBAL_REF)) {
      out[key] = `#/$defs/${v.slice(GLOBAL_REF.length)}`;
    } else if (key === '$ref' && typeof v === 'string') {
      const m = /^#\/(?:\$defs|definitions)\/([^/]+)(.*)$/.exec(v);
      const target = m ? rename(decodeURIComponent(unescapeToken(m[1]!))) : undefined;
      out[key] = m && target !== undefined ? `#/$defs/${encodeURIComponent(target)}${m[2]}` : v;
    } else {
      setOwn(out, key, rewriteRefs(v, rename));
    }
  }
  return out;
}

export interface MergedSchemas {
  /** Root schema whose `$defs` hold every named type. */
  root: SchemaObject;
  /** Named roots added by the caller, in order. */
  names: string[];
}

export class SchemaMerger {
  private readonly defs: Record<string, unknown> = {};
  private readonly names: string[] = [];

  /** Adds `schema` as definition `name`, hoisting its own `$defs`. Returns the schema actually stored. */
  add(name: string, schema: JsonSchema): void {
    const all: SchemaObject = isObject(schema) ? { ...(schema.definitions as SchemaObject | undefined), ...(schema.$defs as SchemaObject | undefined) } : {};
    // Only definitions the schema still uses: a payload def replaced by a global ref is dropped.
    const used = reachable(schema, all);
    const local: SchemaObject = Object.fromEntries(Object.entries(all).filter(([k]) => used.has(k)));
    const mapping = new Map<string, string>();
    // Pass 1: choose a merged name for every local definition, the ones it refers to first, so
    // a definition is shared only when what it refers to is shared too. Two local names with
    // one PascalCase form (`my-tag`, `myTag`) never get the same merged name.
    const claimed = new Set<string>();
    const decided = (n: string): string | undefined => (hasOwn(local, n) ? (mapping.get(n) ?? UNDECIDED) : undefined);
    for (const key of dependencyOrder(local)) {
      const base = pascalCase(key);
      for (let i = 2, candidate = base; ; candidate = `${base}${i++}`) {
        if (claimed.has(candidate)) continue;
        mapping.set(key, candidate);
        const existing = this.defs[candidate];
        if (existing === undefined || isDeepStrictEqual(existing, this.titled(rewriteRefs(local[key], decided), candidate))) break;
      }
      claimed.add(mapping.get(key)!);
    }
    const rename = (n: string): string | undefined => mapping.get(n);
    for (const [key, def] of Object.entries(local)) {
      const target = mapping.get(key)!;
      if (this.defs[target] === undefined) this.defs[target] = this.titled(rewriteRefs(def, rename), target);
    }
    let body: unknown = schema;
    if (isObject(schema)) {
      const { $defs: _defs, definitions: _definitions, $schema: _schema, $id: _id, ...rest } = schema;
      body = rewriteRefs(rest, rename);
    }
    this.defs[name] = this.titled(body, name);
    this.names.push(name);
  }

  /** The type name json-schema-to-typescript gives a definition follows its `title`. */
  private titled(schema: unknown, name: string): unknown {
    if (schema === true || schema === undefined) return { title: name };
    if (schema === false) return { title: name, not: {} };
    return isObject(schema) ? { ...schema, title: name } : schema;
  }

  merged(): MergedSchemas {
    return { root: { $defs: this.defs }, names: [...this.names] };
  }
}
