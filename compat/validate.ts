/**
 * Checks the regular expressions of a whole schema before it is compared, so an invalid
 * `pattern` or `patternProperties` key is reported even where the two schemas agree.
 * Schema-aware (a property *named* "pattern" is not a pattern) and iterative.
 */
import { checkPattern } from './patterns.ts';
import { isObject, seg } from './schema-view.ts';

/** Keywords whose value is a map of name → subschema. */
const MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies']);
/** Keywords whose value is a subschema or an array of subschemas. */
const SUBSCHEMAS = new Set(['items', 'prefixItems', 'additionalItems', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'propertyNames', 'contains', 'not', 'if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'contentSchema']);

/** Where a node sits, as a linked list: the pointer string is only built for an error. */
type Where = { parent: Where | undefined; segment: string } | undefined;
const pointerOf = (where: Where): string => (where ? pointerOf(where.parent) + where.segment : '');

/** Schemas already checked (a registry history is compared many times). */
const validated = new WeakSet<object>();

export function validatePatterns(root: unknown, side: 'before' | 'after'): void {
  if (!isObject(root) || validated.has(root)) return;
  const stack: [unknown, Where][] = [[root, undefined]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, where] = stack.pop()!;
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    if (typeof node.pattern === 'string') checkPattern(node.pattern, pointerOf({ parent: where, segment: seg('pattern') }), side);
    for (const key in node) {
      const value = node[key];
      if (MAPS.has(key) && isObject(value)) {
        const inMap: Where = { parent: where, segment: seg(key) };
        for (const name in value) {
          const at: Where = { parent: inMap, segment: seg(name) };
          if (key === 'patternProperties') checkPattern(name, pointerOf(at), side);
          stack.push([value[name], at]);
        }
      } else if (SUBSCHEMAS.has(key)) {
        if (Array.isArray(value)) value.forEach((sub, i) => stack.push([sub, { parent: { parent: where, segment: seg(key) }, segment: seg(i) }]));
        else stack.push([value, { parent: where, segment: seg(key) }]);
      }
    }
  }
  validated.add(root);
}
