/**
 * JSON pointers (RFC 6901): the way every location in a document is named. One escaping
 * rule (`~` ↔ `~0`, `/` ↔ `~1`, section 3-4), used by the catalog, the compatibility engine,
 * the registry, the generators, the contracts and the runtime. Reads follow own properties
 * only (see json.ts): `/constructor` does not exist in `{}`.
 *
 * Dependency-free: the runtime ships this file inside every client bundle.
 */
import { hasOwn } from './json.ts';

/** One reference token, escaped: `a/b~c` → `a~1b~0c` (RFC 6901 section 3). */
export const escapeToken = (token: string | number): string => {
  const text = String(token);
  return text.includes('~') || text.includes('/') ? text.replaceAll('~', '~0').replaceAll('/', '~1') : text;
};

/** One reference token, unescaped: `~1` first, then `~0` (RFC 6901 section 4, so `~01` is `~1`). */
export const unescapeToken = (token: string): string => (token.includes('~') ? token.replaceAll('~1', '/').replaceAll('~0', '~') : token);

/** `/` + the escaped token: the step from a location to its child `token`. */
export const pointerStep = (token: string | number): string => `/${escapeToken(token)}`;

export function encodePointer(segments: ReadonlyArray<string | number>): string {
  return segments.map(pointerStep).join('');
}

/**
 * `/a/b~1c` → `['a', 'b/c']`; `''` is the root. A URI fragment (`#/a%20b`) is also
 * percent-decoded (RFC 6901 section 6); a plain pointer is not.
 */
export function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const fragment = pointer.startsWith('#');
  const body = fragment ? pointer.slice(1) : pointer;
  if (!body.startsWith('/')) throw new Error(`not a JSON pointer: "${pointer}" (it must be empty or start with "/", RFC 6901)`);
  return body
    .slice(1)
    .split('/')
    .map((s) => unescapeToken(fragment ? safeDecode(s) : s));
}

/** The value at `pointer` in `root` (own properties only), or undefined when a segment is missing. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of decodePointer(pointer)) {
    if (!hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
