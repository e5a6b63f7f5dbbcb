/**
 * allOf / anyOf / oneOf / not / if-then-else. Branches are matched order-insensitively:
 * first equal branches, then compatible ones, then the rest by position, so reordering
 * a union is no change and `[A, B] → [B', A]` is reported per branch.
 * anyOf and oneOf are both read as unions (as Confluent does): a oneOf whose branches
 * overlap can reject an instance that matches two of them; we do not prove disjointness.
 */
import { compare, type Next } from './diff.ts';
import { breaks, swapContext, unchanged, type DiffContext, type RawChange } from './diff-context.ts';
import { RULES } from './rules.ts';
import { sameJson, hasOwn, isObject, seg, type SchemaObject } from './schema-view.ts';
import { setOwn } from '#shared/json.ts';
import { siblingsInteract } from './normalize.ts';

type Pairing = { pairs: [number, number, RawChange[]][]; leftA: number[]; leftB: number[] };

const branchesOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Pairs each `from` branch with a distinct `to` branch: equal ones first, then ones for which
 * `fits(from, to)` holds. `orient` says which side is the old one for `compare`.
 */
function pairBranches(ctx: DiffContext, from: unknown[], to: unknown[], fits: (i: number, j: number) => RawChange[] | undefined): Pairing {
  const usedTo = new Set<number>();
  const pairs: Pairing['pairs'] = [];
  const leftA: number[] = [];
  const pending: number[] = [];
  from.forEach((f, i) => {
    const j = to.findIndex((t, k) => !usedTo.has(k) && unchanged(ctx, f, t));
    if (j >= 0) {
      usedTo.add(j);
      pairs.push([i, j, []]);
    } else pending.push(i);
  });
  for (const i of pending) {
    let found = false;
    for (let j = 0; j < to.length && !found; j++) {
      if (usedTo.has(j)) continue;
      const changes = fits(i, j);
      if (changes) {
        usedTo.add(j);
        pairs.push([i, j, changes]);
        found = true;
      }
    }
    if (!found) leftA.push(i);
  }
  const leftB = to.map((_, j) => j).filter((j) => !usedTo.has(j));
  return { pairs, leftA, leftB };
}

export function diffCombinators(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[], next: Next): void {
  diffAllOf(a, b, path, ctx, out);
  diffUnion(a, b, path, ctx, out);
  diffNot(a, b, path, ctx, out);
  diffCondition(a, b, path, ctx, out, next);
}

/** allOf: every new branch must be implied by some old branch; extra new branches are new constraints. */
function diffAllOf(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[]): void {
  const A = branchesOf(a.allOf);
  const B = branchesOf(b.allOf);
  if (A.length === 0 && B.length === 0) return;
  const at = path + seg('allOf');
  // Pair from the new side: new branch j fits old branch i when compare(old i, new j) does not break.
  const { pairs, leftA: leftB, leftB: leftA } = pairBranches(ctx, B, A, (j, i) => {
    const changes = compare(A[i], B[j], at + seg(j), ctx);
    return breaks(ctx, changes) ? undefined : changes;
  });
  for (const [, , changes] of pairs) out.push(...changes);
  const spareA = [...leftA];
  for (const j of leftB) {
    const i = spareA.shift();
    if (i === undefined) out.push({ kind: 'PRODUCT_TYPE_EXTENDED', path: at + seg(j), before: undefined, after: B[j] });
    else out.push(...compare(A[i], B[j], at + seg(j), ctx));
  }
  for (const i of spareA) out.push({ kind: 'PRODUCT_TYPE_NARROWED', path: at + seg(i), before: A[i], after: undefined });
}

const unionKeyword = (s: SchemaObject): 'anyOf' | 'oneOf' | undefined => (Array.isArray(s.anyOf) ? 'anyOf' : Array.isArray(s.oneOf) ? 'oneOf' : undefined);

/** The schema without its union, with allOf branches that do not conflict merged in: what a union branch must cover. */
function coreOf(s: SchemaObject, resolve: (n: unknown) => unknown): SchemaObject {
  const { anyOf: _a, oneOf: _o, allOf, ...rest } = s;
  const core: SchemaObject = { ...rest };
  const residual: unknown[] = [];
  for (const branch of branchesOf(allOf)) {
    const r = resolve(branch);
    if (!isObject(r) || hasOwn(r, 'anyOf') || hasOwn(r, 'oneOf') || Object.keys(r).some((k) => hasOwn(core, k) && !sameJson(core[k], r[k]))) residual.push(branch);
    else for (const [k, v] of Object.entries(r)) setOwn(core, k, v);
  }
  if (residual.length > 0) core.allOf = residual;
  return core;
}

/** anyOf/oneOf: every old alternative must be accepted by some new alternative. */
function diffUnion(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[]): void {
  const ka = unionKeyword(a);
  const kb = unionKeyword(b);
  if (!ka && !kb) return;
  if (ka && !kb) return void out.push({ kind: 'COMBINED_TYPE_REMOVED', path: path + seg(ka), before: ka, after: undefined });
  if (!ka && kb) {
    // A union appeared: fine when the old schema as a whole fits one alternative.
    const core = coreOf(a, (n) => ctx.before.resolve(n, path));
    const B = branchesOf(b[kb]);
    const fit = B.findIndex((branch, j) => !breaks(ctx, compare(core, branch, path + seg(kb) + seg(j), ctx)));
    out.push({ kind: fit >= 0 ? 'SUM_TYPE_EXTENDED' : 'COMBINED_TYPE_ADDED', path: path + seg(kb), before: undefined, after: kb });
    return;
  }
  const A = branchesOf(a[ka!]);
  const B = branchesOf(b[kb!]);
  const at = path + seg(kb!);
  if (ka !== kb) out.push({ kind: ka === 'oneOf' ? 'COMBINED_TYPE_EXTENDED' : 'COMBINED_TYPE_CHANGED', path: at, before: ka, after: kb });
  const { pairs, leftA, leftB } = pairBranches(ctx, A, B, (i, j) => {
    const changes = compare(A[i], B[j], at + seg(j), ctx);
    return breaks(ctx, changes) ? undefined : changes;
  });
  for (const [, , changes] of pairs) out.push(...changes);
  const spareB = [...leftB];
  for (const i of leftA) {
    // An old alternative may also be covered by a new one already paired (two old branches merged into one).
    if (B.some((branch, j) => !breaks(ctx, compare(A[i], branch, at + seg(j), ctx)))) continue;
    const j = spareB.shift();
    if (j === undefined) out.push({ kind: 'SUM_TYPE_NARROWED', path: at, before: A[i], after: undefined });
    else out.push(...compare(A[i], B[j], at + seg(j), ctx));
  }
  for (const j of spareB) out.push({ kind: 'SUM_TYPE_EXTENDED', path: at + seg(j), before: undefined, after: B[j] });
}

/**
 * not is contravariant: the new schema accepts more when its `not` excludes less. That is
 * judged under STRICT whatever the policy: LENIENT assumes instances carry no undeclared
 * properties, and a property named inside `not` is excluded, not declared, so the lenient
 * reading would accept changes that make old events invalid.
 */
function diffNot(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[]): void {
  if (!hasOwn(a, 'not') && !hasOwn(b, 'not')) return;
  const at = path + seg('not');
  if (!hasOwn(a, 'not')) return void out.push({ kind: 'NOT_TYPE_ADDED', path: at, before: undefined, after: b.not });
  if (!hasOwn(b, 'not')) return void out.push({ kind: 'NOT_TYPE_REMOVED', path: at, before: a.not, after: undefined });
  const strict = swapContext(ctx, 'STRICT');
  const reversed = compare(b.not, a.not, at, strict);
  if (reversed.length === 0) return;
  out.push({ kind: breaks(strict, reversed) ? 'NOT_TYPE_EXTENDED' : 'NOT_TYPE_NARROWED', path: at, before: a.not, after: b.not });
}

/** if/then/else: a changed `if` re-partitions instances, so it breaks both ways; then/else compare covariantly. */
function diffCondition(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[], next: Next): void {
  if (!hasOwn(a, 'if') && !hasOwn(b, 'if')) return;
  if (!hasOwn(a, 'if')) return void out.push({ kind: 'CONDITION_ADDED', path: path + seg('if'), before: undefined, after: b.if });
  if (!hasOwn(b, 'if')) return void out.push({ kind: 'CONDITION_REMOVED', path: path + seg('if'), before: a.if, after: undefined });
  const ifChanges = compare(a.if, b.if, path + seg('if'), ctx);
  if (ifChanges.some((c) => RULES[c.kind].category !== 'annotation')) {
    out.push({ kind: 'CONDITION_CHANGED', path: path + seg('if'), before: a.if, after: b.if });
  }
  for (const branch of ['then', 'else'] as const) {
    if (!hasOwn(a, branch) && !hasOwn(b, branch)) continue;
    if (!isObject(a[branch] ?? {}) || !isObject(b[branch] ?? {})) {
      next.push([a[branch] ?? true, b[branch] ?? true, path + seg(branch)]);
      continue;
    }
    out.push(...diffInContext(a, b, branch, path + seg(branch), ctx));
  }
}

const CONDITION_KEYS = new Set(['if', 'then', 'else', '$defs', 'definitions', '$id', '$schema', 'title', 'description', 'examples', 'default', 'allOf', 'anyOf', 'oneOf', 'not']);

/** The schema's own keywords that also hold inside its then/else branches. */
function contextOf(s: SchemaObject): SchemaObject {
  return Object.fromEntries(Object.entries(s).filter(([k]) => !CONDITION_KEYS.has(k)));
}

/** Both schemas apply to an instance: a shallow merge, per property for `properties`; conflicts go to allOf. */
function mergeSchemas(base: SchemaObject, extra: SchemaObject): SchemaObject {
  // `then: {additionalProperties: false}` reads then's own (absent) properties, not the
  // enclosing ones: keywords that read their siblings stay in their own object.
  if (siblingsInteract(base, extra)) return { ...base, allOf: [...(Array.isArray(base.allOf) ? base.allOf : []), extra] };
  const out: SchemaObject = { ...base };
  const rest: SchemaObject = {};
  for (const [k, v] of Object.entries(extra)) {
    if (!hasOwn(out, k) || sameJson(out[k], v)) setOwn(out, k, v);
    else if (k === 'properties' && isObject(out[k]) && isObject(v)) {
      const merged: SchemaObject = { ...(out[k] as SchemaObject) };
      for (const [name, sub] of Object.entries(v)) {
        const prev = hasOwn(merged, name) ? merged[name] : undefined;
        setOwn(merged, name, prev === undefined ? sub : isObject(prev) && isObject(sub) ? mergeSchemas(prev, sub) : { allOf: [prev, sub] });
      }
      out[k] = merged;
    } else if (k === 'required' && Array.isArray(out[k]) && Array.isArray(v)) out[k] = [...new Set([...(out[k] as unknown[]), ...v])];
    else setOwn(rest, k, v);
  }
  if (Object.keys(rest).length > 0) out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), rest];
  return out;
}

/**
 * then/else only ever see instances that also passed the enclosing schema, so they are
 * compared merged with it (`then: {properties: {data: {type: string}}}` adds nothing when
 * `data` is a string already); changes the enclosing schema itself makes are reported
 * once, at its own level, and are subtracted here.
 */
function diffInContext(a: SchemaObject, b: SchemaObject, branch: 'then' | 'else', at: string, ctx: DiffContext): RawChange[] {
  const ca = contextOf(a);
  const cb = contextOf(b);
  const merged = compare(mergeSchemas(ca, (a[branch] ?? {}) as SchemaObject), mergeSchemas(cb, (b[branch] ?? {}) as SchemaObject), at, ctx);
  if (merged.length === 0) return merged;
  const own = new Set(compare(ca, cb, at, ctx).map((c) => `${c.kind} ${c.path}`));
  return merged.filter((c) => !own.has(`${c.kind} ${c.path}`));
}
