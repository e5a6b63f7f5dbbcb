/** JSON pointers (RFC 6901): the way every location in a document is named. */

export function encodePointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  // A URI fragment (`#/a%20b`) is percent-encoded (RFC 6901 section 6); a plain pointer is not.
  const fragment = pointer.startsWith('#');
  const body = fragment ? pointer.slice(1) : pointer;
  if (!body.startsWith('/')) throw new Error(`not a JSON pointer: "${pointer}"`);
  return body
    .slice(1)
    .split('/')
    .map((s) => (fragment ? safeDecode(s) : s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` in `root`, or undefined when a segment is missing. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of decodePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
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
