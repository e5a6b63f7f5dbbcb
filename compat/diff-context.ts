/**
 * The state one diff run shares across its recursion: the two resolvers, the recursion
 * guard (pairs of resolved nodes currently being compared — a pair seen again is assumed
 * equal, which is what makes recursive `$ref`s terminate), a memo so shared `$defs` are
 * compared once, and a depth limit so hostile nesting ends with a clear error instead of
 * a stack overflow.
 */
import { CompatError } from './errors.ts';
import type { Resolver } from './refs.ts';
import type { ChangeKind } from './rules.ts';
import { quickSame, refKindOf } from './schema-view.ts';

export interface RawChange {
  kind: ChangeKind;
  path: string;
  before: unknown;
  after: unknown;
}

/** How deeply sub-diffs (union branches, `not`, content-model coverage) may nest; the main descent is iterative. */
export const MAX_DEPTH = 300;

interface Shared {
  inProgress: Set<string>;
  memo: Map<string, RawChange[]>;
  ids: WeakMap<object, number>;
  nextId: number;
  depth: number;
}

export interface DiffContext {
  /** Both roots have equal $defs/definitions: equal subtrees whose refs all point there are equal. */
  stableDefs: boolean;
  /** Resolves the first argument of `compare` (the old schema, unless swapped). */
  before: Resolver;
  after: Resolver;
  swapped: boolean;
  shared: Shared;
}

export function createContext(before: Resolver, after: Resolver, stableDefs: boolean): DiffContext {
  return { stableDefs, before, after, swapped: false, shared: { inProgress: new Set(), memo: new Map(), ids: new WeakMap(), nextId: 1, depth: 0 } };
}

/** The same run seen from the other side: used by `not`, whose subschema is contravariant. */
export function swapContext(ctx: DiffContext): DiffContext {
  return { stableDefs: ctx.stableDefs, before: ctx.after, after: ctx.before, swapped: !ctx.swapped, shared: ctx.shared };
}

/** Can the pair be skipped as equal without walking it? */
export function unchanged(ctx: DiffContext, a: unknown, b: unknown): boolean {
  if (!quickSame(a, b)) return false;
  const kind = refKindOf(a);
  return kind === 0 || (kind === 1 && ctx.stableDefs);
}

function idOf(ctx: DiffContext, node: object | false): number {
  if (node === false) return 0;
  let id = ctx.shared.ids.get(node);
  if (id === undefined) {
    id = ctx.shared.nextId++;
    ctx.shared.ids.set(node, id);
  }
  return id;
}

export function pairKey(ctx: DiffContext, a: object | false, b: object | false): string {
  return `${ctx.swapped ? 'S' : 'N'}${idOf(ctx, a)}:${idOf(ctx, b)}`;
}

export function enterDepth(ctx: DiffContext, path: string): void {
  if (++ctx.shared.depth > MAX_DEPTH) {
    ctx.shared.depth = 0;
    throw new CompatError(`anyOf/oneOf/allOf/not nested deeper than ${MAX_DEPTH} levels`, path.slice(0, 200), 'flatten the schema with $defs and $ref; no real event needs this depth');
  }
}

export function leaveDepth(ctx: DiffContext): void {
  ctx.shared.depth--;
}
