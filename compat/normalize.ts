/**
 * Normalizations applied to every resolved subschema before it is compared (issue #13), so
 * equivalent rewrites are not reported as changes. Each keeps the set of accepted instances:
 *
 * - keywords that constrain nothing (`minLength: 0`, `required: []`, ...: no-ops.ts) are dropped;
 * - a one-branch `allOf` / `anyOf` / `oneOf` is its branch, merged with the node's other
 *   keywords when no constraint is set differently on both and no keyword would read a new
 *   sibling (`additionalProperties` beside another object's `properties`); the usual way to put
 *   a description beside a `$ref`;
 * - duplicate `allOf` / `anyOf` branches (same canonical JSON) collapse. `oneOf` duplicates
 *   do not: `oneOf: [A, A]` accepts nothing (every match matches twice);
 * - a schema that accepts nothing becomes `false`: an empty `enum` or `type: []`, an `enum` /
 *   `const` none of whose values has an allowed type, `minimum > maximum` (and the length,
 *   item-count and property-count twins) when the type admits nothing else, and `allOf`
 *   branches whose types do not intersect;
 * - `unevaluatedProperties` / `unevaluatedItems` become `additionalProperties` / `items`
 *   when no applicator (`allOf`, `anyOf`, `oneOf`, `if`, `dependentSchemas`, `contains`, or
 *   a `$ref` whose keywords could not be merged) can add evaluated locations: the two are then
 *   equivalent (JSON Schema 2020-12 Core §11). Where an applicator exists they are compared
 *   keyword by keyword, as before.
 */
import { canonical, hasOwn, isAnnotation, sameJson, toNode, type Node, type SchemaObject } from './schema-view.ts';
import { setOwn } from '#shared/json.ts';
import { dropNoOps, type DocumentFacts } from './no-ops.ts';

const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;
const APPLICATORS = ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'dependentSchemas', 'not', '$ref', '$dynamicRef'];

/** One rewrite step, or the node itself when none applies; `resolve` follows `$ref`s. */
export function simplify(node: SchemaObject, resolve: (n: unknown) => Node, doc: DocumentFacts): Node {
  return dropNoOps(node, doc) ?? mergeSingleBranch(node, doc) ?? dedupeBranches(node) ?? (acceptsNothing(node, resolve) ? false : undefined) ?? flattenAllOf(node, resolve) ?? unevaluatedAsAdditional(node) ?? node;
}

/**
 * Keywords that read a sibling in the same schema object (JSON Schema 2020-12 Core §10.3, and
 * the draft-07 twins): moved into another object they would read other siblings, so two nodes
 * are merged only when no such keyword on one side has its partner on the other.
 */
const READS_SIBLINGS: Record<string, string[]> = {
  additionalProperties: ['properties', 'patternProperties'],
  items: ['prefixItems'],
  additionalItems: ['items'],
  minContains: ['contains'],
  maxContains: ['contains'],
  then: ['if'],
  else: ['if'],
};
const readsAcross = (x: SchemaObject, y: SchemaObject): boolean =>
  Object.keys(READS_SIBLINGS).some((k) => hasOwn(x, k) && READS_SIBLINGS[k]!.some((p) => hasOwn(y, p)));
/** Whether keywords of `x` and `y` would read each other if the two objects became one. */
export const siblingsInteract = (x: SchemaObject, y: SchemaObject): boolean => readsAcross(x, y) || readsAcross(y, x);

function mergeSingleBranch(node: SchemaObject, doc: DocumentFacts): Node | undefined {
  const present = COMBINATORS.filter((k) => hasOwn(node, k));
  if (present.length !== 1) return undefined;
  const kw = present[0]!;
  const branches = node[kw];
  if (!Array.isArray(branches) || branches.length !== 1) return undefined;
  const branch = branches[0];
  if (branch === false) return false; // whatever else the node says, its only branch accepts nothing
  // The branch's no-ops are judged in the branch's own object (`minContains` without a `contains` there).
  const raw = toNode(branch) as SchemaObject;
  const inner = dropNoOps(raw, doc) ?? raw;
  const { [kw]: _drop, ...siblings } = node;
  if (siblingsInteract(siblings, inner)) return undefined;
  // Merge only when no constraint is set differently on both sides: then the merged node means
  // both. An annotation set on both constrains nothing; the outer one wins, as beside a `$ref`
  // (refs.ts), so `{description: d, anyOf: [{description: e, ...}]}` is still its branch.
  if (Object.keys(siblings).some((k) => hasOwn(inner, k) && !sameJson(inner[k], siblings[k]) && !isAnnotation(k))) return undefined;
  return { ...inner, ...siblings };
}

/** Keywords whose meaning does not depend on their siblings: merging them into one object keeps it. */
const INDEPENDENT = new Set([
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'format', 'maxItems', 'minItems', 'uniqueItems',
  'maxProperties', 'minProperties', 'required', 'dependentRequired', 'propertyNames',
  'title', 'description', 'examples', 'default', '$comment', 'deprecated', 'readOnly', 'writeOnly',
]);
/** Independent too, unless a sibling `additionalProperties` / `unevaluatedProperties` reads them. */
const PROPERTY_LISTS = new Set(['properties', 'patternProperties']);
const READS_PROPERTY_LISTS = ['additionalProperties', 'unevaluatedProperties'];

/**
 * `allOf` branches made only of independent keywords, no constraint set differently on the node, are
 * merged into the node (`allOf: [{type: string}, {maxLength: 5}]` is `{type: string, maxLength: 5}`),
 * so a constraint moved in or out of an `allOf` is compared with its twin.
 */
function flattenAllOf(node: SchemaObject, resolve: (n: unknown) => Node): SchemaObject | undefined {
  if (!Array.isArray(node.allOf) || node.allOf.length === 0) return undefined;
  const merged: SchemaObject = { ...node };
  const rest: unknown[] = [];
  for (const branch of node.allOf) {
    const r = resolve(branch);
    const mergeable =
      r !== false &&
      Object.keys(r).every((k) => INDEPENDENT.has(k) || (PROPERTY_LISTS.has(k) && !READS_PROPERTY_LISTS.some((x) => hasOwn(merged, x) || hasOwn(r, x)))) &&
      Object.keys(r).every((k) => !hasOwn(merged, k) || sameJson(merged[k], r[k]) || isAnnotation(k));
    if (!mergeable) {
      rest.push(branch);
      continue;
    }
    // An annotation the node already sets keeps the node's value (it constrains nothing either way).
    for (const k of Object.keys(r)) if (!hasOwn(merged, k)) setOwn(merged, k, r[k]);
  }
  if (rest.length === node.allOf.length) return undefined;
  if (rest.length === 0) delete merged.allOf;
  else merged.allOf = rest;
  return merged;
}

function dedupeBranches(node: SchemaObject): SchemaObject | undefined {
  for (const kw of ['allOf', 'anyOf'] as const) {
    const branches = node[kw];
    if (!Array.isArray(branches) || branches.length < 2) continue;
    const seen = new Set<string>();
    const unique = branches.filter((b) => {
      const key = canonical(b);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length < branches.length) return { ...node, [kw]: unique };
  }
  return undefined;
}

const typeSet = (s: SchemaObject): Set<string> | undefined => {
  if (typeof s.type === 'string') return new Set([s.type]);
  if (Array.isArray(s.type)) return new Set(s.type.filter((t): t is string => typeof t === 'string'));
  return undefined;
};

const typeOfValue = (v: unknown): string[] => {
  if (v === null) return ['null'];
  if (Array.isArray(v)) return ['array'];
  if (typeof v === 'number') return Number.isInteger(v) ? ['number', 'integer'] : ['number'];
  return [typeof v];
};

/** Types both sets admit (`number` admits `integer`). */
const intersect = (a: Set<string>, b: Set<string>): Set<string> => new Set([...a, ...b].filter((x) => admits(a, x) && admits(b, x)));
const admits = (types: Set<string>, t: string): boolean => types.has(t) || (t === 'integer' && types.has('number'));
const onlyOf = (types: Set<string> | undefined, family: string[]): boolean => types !== undefined && types.size > 0 && [...types].every((t) => family.includes(t));
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The tighter of an inclusive and an exclusive bound (draft-04 boolean `exclusive*` makes the inclusive one exclusive). */
function bound(inclusive: unknown, exclusive: unknown, side: 'lower' | 'upper'): { value: number; exclusive: boolean } | undefined {
  const a = num(inclusive) !== undefined ? { value: num(inclusive)!, exclusive: exclusive === true } : undefined;
  const b = num(exclusive) !== undefined ? { value: num(exclusive)!, exclusive: true } : undefined;
  if (!a || !b) return a ?? b;
  const tighter = side === 'lower' ? b.value >= a.value : b.value <= a.value;
  return tighter ? b : a;
}

/** Recognises schemas no instance can satisfy; misses some, never claims a satisfiable one. */
export function acceptsNothing(node: SchemaObject, resolve: (n: unknown) => Node): boolean {
  const types = typeSet(node);
  if (Array.isArray(node.type) && node.type.length === 0) return true;
  if (Array.isArray(node.enum) && node.enum.length === 0) return true;
  const values = hasOwn(node, 'const') ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  if (values && types && values.every((v) => !typeOfValue(v).some((t) => admits(types, t)))) return true;
  const lo = bound(node.minimum, node.exclusiveMinimum, 'lower');
  const hi = bound(node.maximum, node.exclusiveMaximum, 'upper');
  if (onlyOf(types, ['number', 'integer']) && lo && hi && (lo.value > hi.value || (lo.value === hi.value && (lo.exclusive || hi.exclusive)))) return true;
  const pairs: [string, string, string[]][] = [['minLength', 'maxLength', ['string']], ['minItems', 'maxItems', ['array']], ['minProperties', 'maxProperties', ['object']]];
  for (const [min, max, family] of pairs) {
    const a = num(node[min]);
    const b = num(node[max]);
    if (a !== undefined && b !== undefined && a > b && onlyOf(types, family)) return true;
  }
  if (Array.isArray(node.allOf)) {
    let allowed: Set<string> | undefined = types;
    for (const branch of node.allOf) {
      const r = resolve(branch);
      if (r === false) return true;
      const t = typeSet(r);
      if (t === undefined) continue;
      allowed = allowed === undefined ? t : intersect(allowed, t);
      if (allowed.size === 0) return true;
    }
  }
  return false;
}

function unevaluatedAsAdditional(node: SchemaObject): SchemaObject | undefined {
  if (APPLICATORS.some((k) => hasOwn(node, k))) return undefined;
  if (hasOwn(node, 'unevaluatedProperties') && !hasOwn(node, 'additionalProperties')) {
    const { unevaluatedProperties, ...rest } = node;
    return { ...rest, additionalProperties: unevaluatedProperties };
  }
  if (hasOwn(node, 'unevaluatedItems') && !hasOwn(node, 'contains')) {
    const { unevaluatedItems, ...rest } = node;
    // 2020-12: `items` (after `prefixItems`) evaluates every remaining item, leaving nothing unevaluated.
    if (hasOwn(node, 'items') && !Array.isArray(node.items)) return rest;
    if (Array.isArray(node.items)) return undefined; // draft-07 tuple + additionalItems: leave as written
    return { ...rest, items: unevaluatedItems };
  }
  return undefined;
}
