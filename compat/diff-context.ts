/**
 * The state one diff run shares across its recursion: the two resolvers, the recursion
 * guard (pairs of resolved nodes currently being compared — a pair seen again is assumed
 * equal, which is what makes recursive `$ref`s terminate), a memo so shared `$defs` are
 * compared once, and a depth limit so hostile nesting ends with a clear error instead of
 * a stack overflow. It also carries the policy: a nested comparison whose verdict classifies
 * a change (content-model coverage, union branch pairing, `not`) is judged under the same
 * policy as the whole check, so LENIENT holds all the way down (issue #18).
 */
import { CompatError } from './errors.ts';
import type { Resolver } from './refs.ts';
import { RULES, type ChangeKind } from './rules.ts';
import type { Policy } from './types.ts';
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

/** The policies the rules table has a column for (CONSUMER_AWARE is LENIENT here). */
export type RulePolicy = 'STRICT' | 'LENIENT';

/** CONSUMER_AWARE without consumer data is LENIENT; consumer filtering is added on top (consumers.ts). */
export const rulePolicy = (policy: Policy): RulePolicy => (policy === 'STRICT' ? 'STRICT' : 'LENIENT');

export interface DiffContext {
  /** The policy every nested verdict is taken under. */
  policy: RulePolicy;
  /** Both roots have equal $defs/definitions: equal subtrees whose refs all point there are equal. */
  stableDefs: boolean;
  /** Resolves the first argument of `compare` (the old schema, unless swapped). */
  before: Resolver;
  after: Resolver;
  swapped: boolean;
  shared: Shared;
}

export function createContext(before: Resolver, after: Resolver, stableDefs: boolean, policy: RulePolicy): DiffContext {
  return { policy, stableDefs, before, after, swapped: false, shared: { inProgress: new Set(), memo: new Map(), ids: new WeakMap(), nextId: 1, depth: 0 } };
}

/** The same run seen from the other side: used by `not`, whose subschema is contravariant. */
export function swapContext(ctx: DiffContext, policy: RulePolicy = ctx.policy): DiffContext {
  return { policy, stableDefs: ctx.stableDefs, before: ctx.after, after: ctx.before, swapped: !ctx.swapped, shared: ctx.shared };
}

/** True when any change breaks the backward direction under the run's policy (classifies sub-diffs). */
export const breaks = (ctx: DiffContext, changes: RawChange[]): boolean => changes.some((c) => !RULES[c.kind].backward[ctx.policy]);

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
  // The memo holds verdict-classified changes, so a pair compared under another policy is another pair.
  return `${ctx.swapped ? 'S' : 'N'}${ctx.policy === 'STRICT' ? 's' : 'l'}${idOf(ctx, a)}:${idOf(ctx, b)}`;
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
