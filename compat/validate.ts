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

export function validatePatterns(root: unknown, side: 'before' | 'after'): void {
  const stack: [unknown, string][] = [[root, '']];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    if (typeof node.pattern === 'string') checkPattern(node.pattern, at + seg('pattern'), side);
    for (const [key, value] of Object.entries(node)) {
      if (MAPS.has(key) && isObject(value)) {
        for (const [name, sub] of Object.entries(value)) {
          if (key === 'patternProperties') checkPattern(name, at + seg(key) + seg(name), side);
          stack.push([sub, at + seg(key) + seg(name)]);
        }
      } else if (SUBSCHEMAS.has(key)) {
        if (Array.isArray(value)) value.forEach((sub, i) => stack.push([sub, at + seg(key) + seg(i)]));
        else stack.push([value, at + seg(key)]);
      }
    }
  }
}
