/**
 * Object keywords: properties and required against open, closed and partially open
 * content models (Confluent's terms: open = additionalProperties absent/true, closed =
 * false, partially open = a schema or patternProperties), patternProperties,
 * additionalProperties, unevaluatedProperties, propertyNames and dependencies.
 * A property that exists on one side only is compared with what the other side
 * accepts for that name (its "effective" schema).
 */
import { compare, type Next } from './diff.ts';
import { breaks, unchanged, type DiffContext, type RawChange } from './diff-context.ts';
import { matches } from './patterns.ts';
import type { ChangeKind } from './rules.ts';
import { OBJECT_KEYWORDS, hasOwn, isObject, isTrivial, seg, type SchemaObject } from './schema-view.ts';

const mapOf = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});
const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** What a schema accepts for a property it does not declare: matching patternProperties, else additionalProperties. */
function effective(s: SchemaObject, name: string, at: string, side: 'before' | 'after'): unknown {
  const hits = Object.entries(mapOf(s.patternProperties)).filter(([p]) => matches(p, name, `${at}/patternProperties`, side));
  if (hits.length === 1) return hits[0]![1];
  if (hits.length > 1) return { allOf: hits.map(([, v]) => v) };
  return s.additionalProperties ?? true;
}

type Model = 'open' | 'closed' | 'partial';
const modelOf = (eff: unknown): Model => (eff === false ? 'closed' : isTrivial(eff) ? 'open' : 'partial');

export function diffObject(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[], next: Next): void {
  if (!OBJECT_KEYWORDS.some((k) => hasOwn(a, k) || hasOwn(b, k))) return;
  const sideA = ctx.swapped ? 'after' : 'before';
  const sideB = ctx.swapped ? 'before' : 'after';
  const pa = mapOf(a.properties);
  const pb = mapOf(b.properties);
  const ra = new Set(listOf(a.required));
  const rb = new Set(listOf(b.required));
  const addedDone = new Set<string>();
  const removedDone = new Set<string>();

  const propertiesAt = path + seg('properties');
  for (const name of Object.keys(pb)) {
    if (hasOwn(pa, name)) {
      // Unchanged properties are skipped here, before any pointer or task is built.
      if (!unchanged(ctx, pa[name], pb[name])) next.push([pa[name], pb[name], propertiesAt + seg(name)]);
      continue;
    }
    const at = propertiesAt + seg(name);
    const schema = ctx.after.resolve(pb[name], at);
    const required = rb.has(name) && !ra.has(name);
    const withDefault = isObject(schema) && hasOwn(schema, 'default');
    const eff = effective(a, name, path, sideA);
    const model = modelOf(eff);
    if (model === 'partial') {
      const sub = compare(eff, pb[name], at, ctx);
      const broken = breaks(ctx, sub);
      out.push({ kind: broken ? 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', path: at, before: eff, after: pb[name] });
      if (broken) out.push(...sub);
      continue;
    }
    addedDone.add(name);
    const content = model === 'open' ? 'OPEN' : 'UNOPEN';
    let kind: ChangeKind;
    if (required) kind = withDefault ? `REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_${content}_CONTENT_MODEL` : `REQUIRED_PROPERTY_ADDED_TO_${content}_CONTENT_MODEL`;
    else if (model === 'closed') kind = 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL';
    else kind = isTrivial(schema) ? 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL';
    out.push({ kind, path: at, before: undefined, after: pb[name] });
  }

  for (const name of Object.keys(pa)) {
    if (hasOwn(pb, name)) continue;
    const at = path + seg('properties') + seg(name);
    removedDone.add(name);
    const eff = effective(b, name, path, sideB);
    const model = modelOf(eff);
    if (model === 'open') out.push({ kind: 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', path: at, before: pa[name], after: undefined });
    else if (model === 'closed') {
      const forbidden = ctx.before.resolve(pa[name], at) === false;
      out.push({ kind: forbidden ? 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL' : 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', path: at, before: pa[name], after: undefined });
    } else {
      const sub = compare(pa[name], eff, at, ctx);
      const broken = breaks(ctx, sub);
      out.push({ kind: broken ? 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', path: at, before: pa[name], after: eff });
      if (broken) out.push(...sub);
    }
  }

  for (const name of rb) {
    if (ra.has(name) || addedDone.has(name)) continue;
    const schema = hasOwn(pb, name) ? ctx.after.resolve(pb[name], path) : undefined;
    const withDefault = isObject(schema) && hasOwn(schema, 'default');
    out.push({ kind: withDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED', path: path + seg('required'), before: undefined, after: name });
  }
  for (const name of ra) {
    if (rb.has(name) || removedDone.has(name)) continue;
    out.push({ kind: 'REQUIRED_ATTRIBUTE_REMOVED', path: path + seg('required'), before: name, after: undefined });
  }

  // patternProperties: a pattern on one side only is compared with the other side's additionalProperties.
  const ppa = mapOf(a.patternProperties);
  const ppb = mapOf(b.patternProperties);
  for (const p of new Set([...Object.keys(ppb), ...Object.keys(ppa)])) {
    const at = path + seg('patternProperties') + seg(p);
    matches(p, '', at, hasOwn(ppb, p) ? sideB : sideA); // validates the regex
    next.push([hasOwn(ppa, p) ? ppa[p] : (a.additionalProperties ?? true), hasOwn(ppb, p) ? ppb[p] : (b.additionalProperties ?? true), at]);
  }

  closable(a.additionalProperties, b.additionalProperties, path + seg('additionalProperties'), 'ADDITIONAL_PROPERTIES', ctx, out, next);
  closable(a.unevaluatedProperties, b.unevaluatedProperties, path + seg('unevaluatedProperties'), 'UNEVALUATED_PROPERTIES', ctx, out, next);
  if (hasOwn(a, 'propertyNames') || hasOwn(b, 'propertyNames')) next.push([a.propertyNames ?? true, b.propertyNames ?? true, path + seg('propertyNames')]);
  diffDependencies(a, b, path, out, next);
}

/** additionalProperties-like keywords: false → schema opens, schema → false closes, otherwise compare. */
export function closable(va: unknown, vb: unknown, at: string, stem: 'ADDITIONAL_PROPERTIES' | 'UNEVALUATED_PROPERTIES' | 'ADDITIONAL_ITEMS' | 'UNEVALUATED_ITEMS', ctx: DiffContext, out: RawChange[], next: Next): void {
  const a = va === undefined ? true : ctx.before.resolve(va, at);
  const b = vb === undefined ? true : ctx.after.resolve(vb, at);
  if (a === false && b === false) return;
  if (a === false) return void out.push({ kind: `${stem}_ADDED`, path: at, before: false, after: vb ?? true });
  if (b === false) return void out.push({ kind: `${stem}_REMOVED`, path: at, before: va ?? true, after: false });
  next.push([va ?? true, vb ?? true, at]);
}

/** draft-07 `dependencies` split into 2019-09's dependentRequired (arrays) and dependentSchemas. */
function dependenciesOf(s: SchemaObject): { req: Map<string, string[]>; sch: Map<string, unknown>; keyword: Map<string, string> } {
  const req = new Map<string, string[]>();
  const sch = new Map<string, unknown>();
  const keyword = new Map<string, string>();
  for (const [k, v] of Object.entries(mapOf(s.dependentRequired))) req.set(k, listOf(v)), keyword.set(`r${k}`, 'dependentRequired');
  for (const [k, v] of Object.entries(mapOf(s.dependentSchemas))) sch.set(k, v), keyword.set(`s${k}`, 'dependentSchemas');
  for (const [k, v] of Object.entries(mapOf(s.dependencies))) {
    if (Array.isArray(v)) req.set(k, listOf(v)), keyword.set(`r${k}`, 'dependencies');
    else sch.set(k, v), keyword.set(`s${k}`, 'dependencies');
  }
  return { req, sch, keyword };
}

function diffDependencies(a: SchemaObject, b: SchemaObject, path: string, out: RawChange[], next: Next): void {
  const da = dependenciesOf(a);
  const db = dependenciesOf(b);
  const kw = (k: string) => db.keyword.get(k) ?? da.keyword.get(k)!;
  for (const key of new Set([...da.req.keys(), ...db.req.keys()])) {
    const at = path + seg(kw(`r${key}`)) + seg(key);
    const x = da.req.get(key);
    const y = db.req.get(key);
    if (!x) out.push({ kind: 'DEPENDENCY_ARRAY_ADDED', path: at, before: undefined, after: y });
    else if (!y) out.push({ kind: 'DEPENDENCY_ARRAY_REMOVED', path: at, before: x, after: undefined });
    else {
      const lost = x.some((n) => !y.includes(n));
      const gained = y.some((n) => !x.includes(n));
      if (lost || gained) out.push({ kind: lost && gained ? 'DEPENDENCY_ARRAY_CHANGED' : gained ? 'DEPENDENCY_ARRAY_EXTENDED' : 'DEPENDENCY_ARRAY_NARROWED', path: at, before: x, after: y });
    }
  }
  for (const key of new Set([...da.sch.keys(), ...db.sch.keys()])) {
    const at = path + seg(kw(`s${key}`)) + seg(key);
    if (!da.sch.has(key)) out.push({ kind: 'DEPENDENCY_SCHEMA_ADDED', path: at, before: undefined, after: db.sch.get(key) });
    else if (!db.sch.has(key)) out.push({ kind: 'DEPENDENCY_SCHEMA_REMOVED', path: at, before: da.sch.get(key), after: undefined });
    else next.push([da.sch.get(key), db.sch.get(key), at]);
  }
}
