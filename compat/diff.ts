/**
 * The schema diff: `compare(before, after)` walks both schemas together and returns
 * typed changes, read as "a reader of `after` gets data written with `before`".
 * Each keyword family lives in its own file; this one resolves `$ref`s, guards
 * recursion, and handles annotations, type, enum/const and the limit records.
 */
import { CompatError } from './errors.ts';
import { createResolver } from './refs.ts';
import { createContext, enterDepth, leaveDepth, pairKey, unchanged, type DiffContext, type RawChange, rulePolicy } from './diff-context.ts';
import { LIMITS, NUMERIC_BOUNDS, VALUE_KEYWORDS, compareBound, compareMultipleOf, numericBound } from './limits.ts';
import { describe, type ChangeKind } from './rules.ts';
import { ANNOTATION_KINDS, HANDLED, STRUCTURAL, canonical, sameJson, enumOf, hasOwn, isObject, seg, typesOf, type Node, type SchemaObject } from './schema-view.ts';
import { own } from '#shared/json.ts';
import { diffObject } from './diff-object.ts';
import { diffArray } from './diff-array.ts';
import { diffCombinators } from './diff-combinators.ts';
import { checkPattern } from './patterns.ts';
import { validatePatterns } from './validate.ts';
import type { Change, JsonSchema, Policy } from './types.ts';

/**
 * Typed changes from `before` to `after` (both draft-07 or 2020-12, self-contained). The policy
 * classifies nested sub-diffs (is a property added under `additionalProperties: {...}` covered
 * by it?); STRICT unless given, as the rules table's first column.
 */
export function diffSchemas(before: JsonSchema, after: JsonSchema, policy: Policy = 'STRICT'): Change[] {
  return diffRaw(before, after, policy).map((c) => describe(c.kind, c));
}

export function diffRaw(before: JsonSchema, after: JsonSchema, policy: Policy = 'STRICT'): RawChange[] {
  // Two equal documents resolve every $ref the same way: nothing to walk (the common case for a registry).
  if (sameJson(before, after)) return [];
  validatePatterns(before, 'before');
  validatePatterns(after, 'after');
  const defs = (s: JsonSchema, key: string) => (isObject(s) ? own(s, key) : undefined);
  const stableDefs = sameJson(defs(before, '$defs'), defs(after, '$defs')) && sameJson(defs(before, 'definitions'), defs(after, 'definitions'));
  const ctx = createContext(createResolver(before, 'before'), createResolver(after, 'after'), stableDefs, rulePolicy(policy));
  try {
    return compare(before, after, '', ctx);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new CompatError('schema too deeply nested to compare', '', 'flatten the schema with $defs and $ref');
    }
    throw error;
  }
}

/** Covariant sub-comparisons a keyword group asks for: walked by `compare`'s own loop, not by recursion. */
export type Next = [before: unknown, after: unknown, path: string][];

type Task = { a: unknown; b: unknown; path: string } | { exit: string; start: number; path: string };

/**
 * Compares two subschemas. The descent into covariant children (properties, items,
 * additionalProperties, ...) is an explicit stack, so deep nesting costs heap, not call
 * stack. Only sub-diffs whose verdict classifies a change (unions, `not`, content-model
 * coverage) call `compare` again; their nesting is bounded by MAX_DEPTH.
 */
export function compare(rawBefore: unknown, rawAfter: unknown, path: string, ctx: DiffContext): RawChange[] {
  const out: RawChange[] = [];
  const stack: Task[] = [{ a: rawBefore, b: rawAfter, path }];
  enterDepth(ctx, path);
  try {
    while (stack.length > 0) {
      const task = stack.pop()!;
      if ('exit' in task) {
        ctx.shared.inProgress.delete(task.exit);
        if (task.start >= 0) ctx.shared.memo.set(task.exit, out.slice(task.start).map((c) => ({ ...c, path: c.path.slice(task.path.length) })));
        continue;
      }
      step(task.a, task.b, task.path, ctx, out, stack);
    }
  } finally {
    leaveDepth(ctx);
  }
  return out;
}

function step(rawBefore: unknown, rawAfter: unknown, path: string, ctx: DiffContext, out: RawChange[], stack: Task[]): void {
  const a = ctx.before.resolve(rawBefore, path);
  const b = ctx.after.resolve(rawAfter, path);
  if (a === false || b === false) {
    if (a !== b) out.push({ kind: a === false ? 'FALSE_SCHEMA_REPLACED' : 'FALSE_SCHEMA_INTRODUCED', path, before: a === false ? false : rawBefore, after: b === false ? false : rawAfter });
    return;
  }
  if (unchanged(ctx, a, b)) return;
  const key = pairKey(ctx, a, b);
  if (ctx.shared.inProgress.has(key)) return; // recursion: assume equal (coinduction)
  const memo = ctx.shared.memo.get(key);
  if (memo) {
    for (const c of memo) out.push({ ...c, path: path + c.path });
    return;
  }
  ctx.shared.inProgress.add(key);
  // Only pairs reached through a $ref can be met again; only they are remembered.
  const viaRef = a !== rawBefore || b !== rawAfter;
  stack.push({ exit: key, start: viaRef ? out.length : -1, path });
  const next: Next = [];
  diffAnnotations(a, b, path, out);
  diffType(a, b, path, ctx, out);
  diffEnum(a, b, path, out);
  diffLimits(a, b, path, out);
  diffObject(a, b, path, ctx, out, next);
  diffArray(a, b, path, ctx, out, next);
  diffCombinators(a, b, path, ctx, out, next);
  for (let i = next.length - 1; i >= 0; i--) {
    const [x, y, p] = next[i]!;
    stack.push({ a: x, b: y, path: p });
  }
}

function diffAnnotations(a: SchemaObject, b: SchemaObject, path: string, out: RawChange[]): void {
  const idA = a.$id ?? a.id;
  const idB = b.$id ?? b.id;
  if (!sameJson(idA, idB)) out.push({ kind: 'ID_CHANGED', path: path + seg('$id'), before: idA, after: idB });
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (HANDLED.has(key) || STRUCTURAL.has(key)) continue;
    const before = own(a, key);
    const after = own(b, key);
    if (sameJson(before, after)) continue;
    const kind: ChangeKind = (own(ANNOTATION_KINDS, key) as ChangeKind | undefined) ?? 'ANNOTATION_CHANGED';
    out.push({ kind, path: path + seg(key), before, after });
  }
}

function covers(types: string[] | undefined, t: string): boolean {
  return types === undefined || types.includes(t) || (t === 'integer' && types.includes('number'));
}

function diffType(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[]): void {
  // Types implied by union branches are only used against an explicit `type` on the other side;
  // two unions are compared branch by branch instead.
  if (a.type === undefined && b.type === undefined) return;
  const ta = typesOf(a, (n) => ctx.before.resolve(n, path));
  const tb = typesOf(b, (n) => ctx.after.resolve(n, path));
  if (ta === undefined && tb === undefined) return;
  const ALL = ['null', 'boolean', 'object', 'array', 'number', 'string'];
  const widened = (ta ?? ALL).every((t) => covers(tb, t));
  const narrowed = (tb ?? ALL).every((t) => covers(ta, t));
  if (widened && narrowed) return;
  const kind: ChangeKind = widened ? 'TYPE_EXTENDED' : narrowed ? 'TYPE_NARROWED' : 'TYPE_CHANGED';
  out.push({ kind, path: path + seg('type'), before: a.type ?? ta, after: b.type ?? tb });
}

function diffEnum(a: SchemaObject, b: SchemaObject, path: string, out: RawChange[]): void {
  const ea = enumOf(a);
  const eb = enumOf(b);
  if (ea === undefined && eb === undefined) return;
  const at = path + seg(hasOwn(b, 'const') || (hasOwn(a, 'const') && !hasOwn(b, 'enum')) ? 'const' : 'enum');
  if (ea === undefined) return void out.push({ kind: 'ENUM_ARRAY_NARROWED', path: at, before: undefined, after: eb });
  if (eb === undefined) return void out.push({ kind: 'ENUM_ARRAY_EXTENDED', path: at, before: ea, after: undefined });
  const sa = new Set(ea.map(canonical));
  const sb = new Set(eb.map(canonical));
  const lost = [...sa].some((v) => !sb.has(v));
  const gained = [...sb].some((v) => !sa.has(v));
  if (!lost && !gained) return;
  out.push({ kind: lost && gained ? 'ENUM_ARRAY_CHANGED' : lost ? 'ENUM_ARRAY_NARROWED' : 'ENUM_ARRAY_EXTENDED', path: at, before: ea, after: eb });
}

function diffLimits(a: SchemaObject, b: SchemaObject, path: string, out: RawChange[]): void {
  for (const { keyword, name, bound } of LIMITS) {
    let va = typeof a[keyword] === 'number' ? { value: a[keyword] as number, exclusive: false } : undefined;
    let vb = typeof b[keyword] === 'number' ? { value: b[keyword] as number, exclusive: false } : undefined;
    // Beside `contains`, an absent minContains is 1 (2019-09+ Validation: "Omitting this keyword has
    // the same behavior as a value of 1"): an explicit 0 lowers it rather than adding a bound.
    if (keyword === 'minContains' && hasOwn(a, 'contains') && hasOwn(b, 'contains')) {
      if (!va && vb?.value === 0) va = { value: 1, exclusive: false };
      if (!vb && va?.value === 0) vb = { value: 1, exclusive: false };
    }
    const suffix = compareBound(va, vb, bound);
    if (suffix) out.push({ kind: `${name}_${suffix}`, path: path + seg(keyword), before: a[keyword], after: b[keyword] });
  }
  for (const { keyword, exclusive, name, bound } of NUMERIC_BOUNDS) {
    const va = numericBound(a, keyword, exclusive, bound);
    const vb = numericBound(b, keyword, exclusive, bound);
    const suffix = compareBound(va, vb, bound);
    if (!suffix) continue;
    // Name the change after the keyword that now carries the bound (or carried it, when removed).
    const carrier = suffix === 'REMOVED' ? va : vb;
    const stem = carrier?.exclusive ? `EXCLUSIVE_${name}` : name;
    const kw = carrier?.exclusive ? exclusive : keyword;
    out.push({ kind: `${stem}_${suffix}` as ChangeKind, path: path + seg(kw), before: describeBound(va, bound), after: describeBound(vb, bound) });
  }
  const mult = compareMultipleOf(num(a.multipleOf), num(b.multipleOf));
  if (mult) out.push({ kind: `MULTIPLE_OF_${mult}`, path: path + seg('multipleOf'), before: a.multipleOf, after: b.multipleOf });
  for (const { keyword, name } of VALUE_KEYWORDS) {
    if (keyword === 'pattern') {
      checkPattern(a.pattern, path + seg('pattern'), 'before');
      checkPattern(b.pattern, path + seg('pattern'), 'after');
    }
    const va = a[keyword];
    const vb = b[keyword];
    if (sameJson(va, vb)) continue;
    const kind = va === undefined ? 'ADDED' : vb === undefined ? 'REMOVED' : 'CHANGED';
    out.push({ kind: `${name}_${kind}`, path: path + seg(keyword), before: va, after: vb });
  }
  const ua = a.uniqueItems === true;
  const ub = b.uniqueItems === true;
  if (ua !== ub) out.push({ kind: ub ? 'UNIQUE_ITEMS_ADDED' : 'UNIQUE_ITEMS_REMOVED', path: path + seg('uniqueItems'), before: a.uniqueItems, after: b.uniqueItems });
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function describeBound(bound: { value: number; exclusive: boolean } | undefined, kind: 'upper' | 'lower'): string | undefined {
  if (!bound) return undefined;
  const op = kind === 'upper' ? (bound.exclusive ? '<' : '<=') : bound.exclusive ? '>' : '>=';
  return `${op} ${bound.value}`;
}

export { isObject };
export type { Node };
