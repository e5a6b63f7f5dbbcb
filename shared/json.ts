/**
 * Reading JSON values that come from users' documents. A schema is plain data: its keys are
 * its own properties, never the ones objects inherit from `Object.prototype`. `name in obj`
 * and `obj[name]` answer `true`/a function for `valueOf`, `constructor`, `toString`,
 * `hasOwnProperty` or `__proto__` on any object, so every lookup of a key that comes from a
 * document goes through `hasOwn` / `own` (issue #18).
 *
 * Dependency-free: the runtime ships this file inside every client bundle.
 */

/** A JSON object as parsed: string keys, unknown values. */
export type JsonObject = { [key: string]: unknown };

/** A JSON object (not null, not an array). */
export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Is `key` an own property of `value`? (`false` for non-objects; never looks at the prototype chain.) */
export const hasOwn = (value: unknown, key: string | number): boolean =>
  typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key);

/** The own property `key` of `value`, or undefined: `own({}, 'constructor')` is undefined. */
export const own = (value: unknown, key: string | number): unknown => (hasOwn(value, key) ? (value as JsonObject)[key] : undefined);

/**
 * Sets the own property `key`: `obj[key] = v` with `key === '__proto__'` would replace the
 * object's prototype instead of adding a property named `__proto__`.
 */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Calls `visit` once for every object (not array) reachable from `root`, each shared object
 * once. Iterative, so a deeply nested document costs heap, not call stack.
 */
export function forEachObject(root: unknown, visit: (node: JsonObject) => void): void {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node)) visit(node as JsonObject);
    for (const child of Object.values(node)) stack.push(child);
  }
}
