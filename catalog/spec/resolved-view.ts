/**
 * The root document with its `$ref`s replaced by their targets, as @asyncapi/parser's
 * "resolved" validation pass sees it, plus the way back from any node to where it is written.
 * - Every object and array is a copy whose origin (file key + JSON pointer) is recorded, so an
 *   error deep inside a referenced schema is reported in the file and at the line it comes from.
 * - A `$ref` back into a target being resolved (recursive schemas) stays a `$ref`.
 * - Targets are resolved once and shared, so the view is no larger than the documents; its
 *   expanded size (what a validator walks) is capped against reference fan-out bombs.
 * - Like the parser (its prepareV3ResolvedSchema), references that the spec requires to be
 *   Reference Objects stay references: operation `channel`/`messages`, reply `channel`/`messages`
 *   and channel `servers`. Their targets are validated where they are defined.
 */
import { encodePointer } from '../pointer.ts';
import { DATA_KEYWORDS, isRefObject, isRemoteRef, type DocumentSet } from '../refs.ts';

export interface Origin {
  file: string;
  pointer: string;
  /** Set when the node lies in a remote document: the origin is then the local `$ref` that brought it in. */
  remote?: string;
}

export interface ResolvedView {
  data: unknown;
  /** Where the node at `path` (segments in the view) is written. */
  originOf(path: readonly string[]): Origin;
  /** Nodes a validator walks, shared targets counted each time they are reached. */
  expandedSize: number;
}

/** Beyond this a document is refused: its references fan out into more nodes than any real document has. */
export const MAX_EXPANDED_NODES = 2_000_000;

const KEEP_REF = [
  /^(components\/)?operations\/[^/]+\/(reply\/)?(channel|messages\/\d+)$/,
  /^components\/replies\/[^/]+\/(channel|messages\/\d+)$/,
  /^(components\/)?channels\/[^/]+\/servers\/\d+$/,
];
const keepsRef = (path: readonly string[]): boolean => {
  const joined = path.join('/');
  return KEEP_REF.some((re) => re.test(joined));
};

export function resolveView(set: DocumentSet): ResolvedView {
  const origins = new WeakMap<object, Origin>();
  const done = new Map<string, unknown>();
  const active = new Set<string>();

  const copy = (value: unknown, file: string, at: string[], viewPath: string[]): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (isRefObject(value) && !keepsRef(viewPath)) {
      const target = set.resolve(value.$ref, file);
      if (target) {
        const id = `${target.file}#${target.pointer}`;
        if (done.has(id)) return done.get(id);
        if (!active.has(id)) {
          active.add(id);
          const resolved = copy(target.value, target.file, pointerSegments(target.pointer), viewPath);
          active.delete(id);
          done.set(id, resolved);
          return resolved;
        }
      }
    }
    const out: unknown = Array.isArray(value)
      ? value.map((item, i) => copy(item, file, [...at, String(i)], [...viewPath, String(i)]))
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, DATA_KEYWORDS.has(k) ? v : copy(v, file, [...at, k], [...viewPath, k])]));
    origins.set(out as object, { file, pointer: encodePointer(at) });
    return out;
  };

  const data = copy(set.root.data, set.rootKey, [], []);
  return {
    data,
    expandedSize: expandedSize(data),
    originOf(path) {
      // The deepest node on the path whose origin is known; a remote document (fetched with
      // --allow-remote-refs) cannot be edited, so its nodes are reported at the local $ref instead.
      let node: unknown = data;
      let origin: Origin = { file: set.rootKey, pointer: '' };
      let rest: string[] = [];
      let remote: string | undefined;
      const visit = (current: unknown) => {
        const found = current !== null && typeof current === 'object' ? origins.get(current) : undefined;
        if (!found) return;
        if (isRemoteRef(found.file)) remote ??= found.file;
        else if (remote === undefined) [origin, rest] = [found, []];
      };
      for (const segment of path) {
        visit(node);
        rest.push(segment);
        node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
      }
      visit(node);
      return { file: origin.file, pointer: origin.pointer + encodePointer(rest), ...(remote ? { remote } : {}) };
    },
  };
}

const pointerSegments = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** Tree size of a DAG, memoised per node; stops counting once over the cap. */
function expandedSize(root: unknown): number {
  const sizes = new Map<object, number>();
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    for (const child of Object.values(node)) {
      total += size(child);
      if (total > MAX_EXPANDED_NODES) break;
    }
    sizes.set(node, total);
    return total;
  };
  return size(root);
}
