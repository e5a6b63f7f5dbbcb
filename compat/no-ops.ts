/**
 * Keywords whose value constrains nothing, dropped before comparing (normalize.ts), so
 * adding `minLength: 0` to a field is no change rather than a "breaking" MIN_LENGTH_ADDED.
 * A keyword is listed only when it is a no-op in every dialect evc accepts (draft-07,
 * 2019-09, 2020-12: registry/domain/json-schema.ts); the spec sentence is quoted beside it
 * (JSON Schema Validation, "6. A Vocabulary for Structural Validation", same text in all three
 * unless a dialect is named).
 *
 * Not listed, on purpose: `minContains: 0` (beside `contains` it makes `contains` pass in
 * 2019-09+, while draft-07 ignores it and still requires a match); any schema-valued keyword
 * whose value is not exactly `true` / `{}` (an annotation-only subschema still carries
 * annotations the diff reports); `contains: {}` (it requires a non-empty array).
 */
import { hasOwn, isObject, type SchemaObject } from './schema-view.ts';
import { forEachObject, setOwn } from '#shared/json.ts';

/** What the whole document says that decides whether a keyword is a no-op. */
export interface DocumentFacts {
  /** Some `unevaluatedProperties` exists, so an `additionalProperties: true` may be read by it. */
  unevaluatedProperties: boolean;
  /** Some `unevaluatedItems` exists, so an `items: true` / `additionalItems: true` may be read by it. */
  unevaluatedItems: boolean;
}

type NoOp = { keyword: string; holds: (value: unknown, node: SchemaObject, doc: DocumentFacts) => boolean };

const emptySchema = (v: unknown): boolean => v === true || (isObject(v) && Object.keys(v).length === 0);
const emptyObject = (v: unknown): boolean => isObject(v) && Object.keys(v).length === 0;

/** One row per no-op: the keyword and when its value is one. */
export const NO_OPS: readonly NoOp[] = [
  // "Omitting this keyword has the same behavior as a value of 0."
  { keyword: 'minLength', holds: (v) => v === 0 },
  { keyword: 'minItems', holds: (v) => v === 0 },
  { keyword: 'minProperties', holds: (v) => v === 0 },
  // "Omitting this keyword has the same behavior as an empty array."
  { keyword: 'required', holds: (v) => Array.isArray(v) && v.length === 0 },
  // "If this keyword has boolean value false, the instance validates successfully."
  { keyword: 'uniqueItems', holds: (v) => v === false },
  // 2019-09 / 2020-12: "If "contains" is not present within the same schema object, then this
  // keyword has no effect." and, for minContains, "Omitting this keyword has the same behavior as
  // a value of 1." draft-07 does not define either keyword, so it ignores them.
  { keyword: 'minContains', holds: (v, node) => v === 1 || !hasOwn(node, 'contains') },
  { keyword: 'maxContains', holds: (_v, node) => !hasOwn(node, 'contains') },
  // "Omitting this keyword has the same behavior as an empty object." (an empty map names nothing,
  // so a sibling `additionalProperties` / `unevaluatedProperties` sees no evaluated name from it)
  { keyword: 'properties', holds: emptyObject },
  { keyword: 'patternProperties', holds: emptyObject },
  // "Omitting this keyword has the same behavior as an empty schema." (propertyNames makes no annotation)
  { keyword: 'propertyNames', holds: emptySchema },
  // "Omitting this keyword has the same assertion behavior as an empty schema." (2019-09 / 2020-12
  // Core): the same assertions, but an empty `additionalProperties` / `items` / `additionalItems`
  // marks every remaining location evaluated, which an `unevaluated*` keyword of this or an
  // enclosing schema reads. So they are no-ops only in a document without that keyword.
  { keyword: 'additionalProperties', holds: (v, _node, doc) => emptySchema(v) && !doc.unevaluatedProperties },
  { keyword: 'items', holds: (v, _node, doc) => emptySchema(v) && !doc.unevaluatedItems },
  { keyword: 'additionalItems', holds: (v, _node, doc) => emptySchema(v) && !doc.unevaluatedItems },
];

/** The node without its no-op keywords, or undefined when it has none. */
export function dropNoOps(node: SchemaObject, doc: DocumentFacts): SchemaObject | undefined {
  const drop = NO_OPS.filter(({ keyword, holds }) => hasOwn(node, keyword) && holds(node[keyword], node, doc));
  if (drop.length === 0) return undefined;
  const names = new Set(drop.map((d) => d.keyword));
  const rest: SchemaObject = {};
  for (const key of Object.keys(node)) if (!names.has(key)) setOwn(rest, key, node[key]);
  return rest;
}

/**
 * Whether any `unevaluated*` keyword appears in the document (a property *named* so counts
 * too: conservative). Iterative, so a deep document costs heap, not call stack.
 */
export function documentFacts(root: unknown): DocumentFacts {
  const facts: DocumentFacts = { unevaluatedProperties: false, unevaluatedItems: false };
  forEachObject(root, (node) => {
    if (hasOwn(node, 'unevaluatedProperties')) facts.unevaluatedProperties = true;
    if (hasOwn(node, 'unevaluatedItems')) facts.unevaluatedItems = true;
  });
  return facts;
}
