/**
 * allOf / anyOf / oneOf / not / if-then-else. Branches are matched order-insensitively:
 * first equal branches, then compatible ones, then the rest by position, so reordering
 * a union is no change and `[A, B] → [B', A]` is reported per branch.
 * anyOf and oneOf are both read as unions (as Confluent does): a oneOf whose branches
 * overlap can reject an instance that matches two of them; we do not prove disjointness.
 */
import { breaksStrict, compare, type Next } from './diff.ts';
import { swapContext, unchanged, type DiffContext, type RawChange } from './diff-context.ts';
import { RULES } from './rules.ts';
import { sameJson, isObject, seg, type SchemaObject } from './schema-view.ts';

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
    return breaksStrict(changes) ? undefined : changes;
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
    if (!isObject(r) || 'anyOf' in r || 'oneOf' in r || Object.keys(r).some((k) => k in core && !sameJson(core[k], r[k]))) residual.push(branch);
    else Object.assign(core, r);
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
    const fit = B.findIndex((branch, j) => !breaksStrict(compare(core, branch, path + seg(kb) + seg(j), ctx)));
    out.push({ kind: fit >= 0 ? 'SUM_TYPE_EXTENDED' : 'COMBINED_TYPE_ADDED', path: path + seg(kb), before: undefined, after: kb });
    return;
  }
  const A = branchesOf(a[ka!]);
  const B = branchesOf(b[kb!]);
  const at = path + seg(kb!);
  if (ka !== kb) out.push({ kind: ka === 'oneOf' ? 'COMBINED_TYPE_EXTENDED' : 'COMBINED_TYPE_CHANGED', path: at, before: ka, after: kb });
  const { pairs, leftA, leftB } = pairBranches(ctx, A, B, (i, j) => {
    const changes = compare(A[i], B[j], at + seg(j), ctx);
    return breaksStrict(changes) ? undefined : changes;
  });
  for (const [, , changes] of pairs) out.push(...changes);
  const spareB = [...leftB];
  for (const i of leftA) {
    // An old alternative may also be covered by a new one already paired (two old branches merged into one).
    if (B.some((branch, j) => !breaksStrict(compare(A[i], branch, at + seg(j), ctx)))) continue;
    const j = spareB.shift();
    if (j === undefined) out.push({ kind: 'SUM_TYPE_NARROWED', path: at, before: A[i], after: undefined });
    else out.push(...compare(A[i], B[j], at + seg(j), ctx));
  }
  for (const j of spareB) out.push({ kind: 'SUM_TYPE_EXTENDED', path: at + seg(j), before: undefined, after: B[j] });
}

/** not is contravariant: the new schema accepts more when its `not` excludes less. */
function diffNot(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[]): void {
  if (!('not' in a) && !('not' in b)) return;
  const at = path + seg('not');
  if (!('not' in a)) return void out.push({ kind: 'NOT_TYPE_ADDED', path: at, before: undefined, after: b.not });
  if (!('not' in b)) return void out.push({ kind: 'NOT_TYPE_REMOVED', path: at, before: a.not, after: undefined });
  const reversed = compare(b.not, a.not, at, swapContext(ctx));
  if (reversed.length === 0) return;
  out.push({ kind: breaksStrict(reversed) ? 'NOT_TYPE_EXTENDED' : 'NOT_TYPE_NARROWED', path: at, before: a.not, after: b.not });
}

/** if/then/else: a changed `if` re-partitions instances, so it breaks both ways; then/else compare covariantly. */
function diffCondition(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[], next: Next): void {
  if (!('if' in a) && !('if' in b)) return;
  if (!('if' in a)) return void out.push({ kind: 'CONDITION_ADDED', path: path + seg('if'), before: undefined, after: b.if });
  if (!('if' in b)) return void out.push({ kind: 'CONDITION_REMOVED', path: path + seg('if'), before: a.if, after: undefined });
  const ifChanges = compare(a.if, b.if, path + seg('if'), ctx);
  if (ifChanges.some((c) => RULES[c.kind].category !== 'annotation')) {
    out.push({ kind: 'CONDITION_CHANGED', path: path + seg('if'), before: a.if, after: b.if });
  }
  next.push([a.then ?? true, b.then ?? true, path + seg('then')]);
  next.push([a.else ?? true, b.else ?? true, path + seg('else')]);
}
