/**
 * Array keywords. Tuples are read the same in both drafts: draft-07 `items: [...]` +
 * `additionalItems` and 2020-12 `prefixItems` + `items` become (tuple, rest). A tuple
 * position on one side only is compared with the other side's rest (open = any item,
 * closed = no more items, partially open = a rest schema), as Confluent does.
 */
import { compare, type Next } from './diff.ts';
import { breaks, type DiffContext, type RawChange } from './diff-context.ts';
import { closable } from './diff-object.ts';
import type { ChangeKind } from './rules.ts';
import { ARRAY_KEYWORDS, hasOwn, isTrivial, seg, type SchemaObject } from './schema-view.ts';

interface Shape {
  tuple: unknown[];
  tupleKeyword: 'prefixItems' | 'items';
  rest: unknown;
  restKeyword: 'items' | 'additionalItems';
}

function shapeOf(s: SchemaObject): Shape {
  if (Array.isArray(s.prefixItems)) return { tuple: s.prefixItems, tupleKeyword: 'prefixItems', rest: s.items, restKeyword: 'items' };
  if (Array.isArray(s.items)) return { tuple: s.items, tupleKeyword: 'items', rest: s.additionalItems, restKeyword: 'additionalItems' };
  return { tuple: [], tupleKeyword: 'prefixItems', rest: s.items, restKeyword: 'items' };
}

export function diffArray(a: SchemaObject, b: SchemaObject, path: string, ctx: DiffContext, out: RawChange[], next: Next): void {
  if (!ARRAY_KEYWORDS.some((k) => hasOwn(a, k) || hasOwn(b, k))) return;
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  const tupleKw = sb.tuple.length > 0 ? sb.tupleKeyword : sa.tupleKeyword;
  const length = Math.max(sa.tuple.length, sb.tuple.length);
  for (let i = 0; i < length; i++) {
    const at = path + seg(tupleKw) + seg(i);
    if (i < sa.tuple.length && i < sb.tuple.length) {
      next.push([sa.tuple[i], sb.tuple[i], at]);
    } else if (i >= sa.tuple.length) {
      const rest = sa.rest === undefined ? true : ctx.before.resolve(sa.rest, at);
      if (rest === false) out.push({ kind: 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', path: at, before: undefined, after: sb.tuple[i] });
      else if (isTrivial(rest)) {
        const kind: ChangeKind = isTrivial(ctx.after.resolve(sb.tuple[i], at)) ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL';
        out.push({ kind, path: at, before: undefined, after: sb.tuple[i] });
      } else covered('ITEM_ADDED', sa.rest, sb.tuple[i], at, ctx, out);
    } else {
      const rest = sb.rest === undefined ? true : ctx.after.resolve(sb.rest, at);
      if (rest === false) {
        const kind: ChangeKind = ctx.before.resolve(sa.tuple[i], at) === false ? 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL' : 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL';
        out.push({ kind, path: at, before: sa.tuple[i], after: undefined });
      } else if (isTrivial(rest)) out.push({ kind: 'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', path: at, before: sa.tuple[i], after: undefined });
      else covered('ITEM_REMOVED', sa.tuple[i], sb.rest, at, ctx, out);
    }
  }
  const restKw = sb.tuple.length > 0 || sa.tuple.length === 0 ? sb.restKeyword : sa.restKeyword;
  closable(sa.rest, sb.rest, path + seg(restKw), 'ADDITIONAL_ITEMS', ctx, out, next);
  closable(a.unevaluatedItems, b.unevaluatedItems, path + seg('unevaluatedItems'), 'UNEVALUATED_ITEMS', ctx, out, next);
  if (hasOwn(a, 'contains') || hasOwn(b, 'contains')) {
    const at = path + seg('contains');
    if (!hasOwn(a, 'contains')) out.push({ kind: 'CONTAINS_ADDED', path: at, before: undefined, after: b.contains });
    else if (!hasOwn(b, 'contains')) out.push({ kind: 'CONTAINS_REMOVED', path: at, before: a.contains, after: undefined });
    else next.push([a.contains, b.contains, at]);
  }
}

function covered(stem: 'ITEM_ADDED' | 'ITEM_REMOVED', before: unknown, after: unknown, at: string, ctx: DiffContext, out: RawChange[]): void {
  const sub = compare(before, after, at, ctx);
  const broken = breaks(ctx, sub);
  out.push({ kind: `${stem}_${broken ? 'NOT' : 'IS'}_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL`, path: at, before, after });
  if (broken) out.push(...sub);
}
