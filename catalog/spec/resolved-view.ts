/**
 * The root document with its `$ref`s replaced by their targets, as @asyncapi/parser's
 * "resolved" validation pass sees it, plus the way back from any node to where it is written.
 * - The origin (file key + JSON pointer) of every referenced target is recorded, so an error deep
 *   inside a referenced schema is reported in the file and at the line it comes from.
 * - A `$ref` back into a target being resolved (recursive schemas) stays a `$ref`.
 * - Targets are resolved once and shared, so the view is no larger than the documents; its
 *   expanded size (what a validator walks) is capped against reference fan-out bombs.
 * - Like the parser (its prepareV3ResolvedSchema), references that the spec requires to be
 *   Reference Objects stay references: operation `channel`/`messages`, reply `channel`/`messages`
 *   and channel `servers`. Their targets are validated where they are defined.
 */
import { encodePointer } from '#shared/json-pointer.ts';
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
  if (path.length < 3) return false;
  const joined = path.join('/');
  return KEEP_REF.some((re) => re.test(joined));
};

export function resolveView(set: DocumentSet): ResolvedView {
  /** Origin of each node that a $ref was replaced with; other nodes are found by path from their parent. */
  const targets = new Map<object, Origin>();
  const done = new Map<string, unknown>();
  const active = new Set<string>();
  const viewPath: string[] = [];

  // Copy-on-write: a node is copied only when something under it was replaced, so the view
  // shares most of its nodes with the documents (less to allocate, less to collect).
  const walk = (value: unknown, file: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (isRefObject(value) && !keepsRef(viewPath)) {
      const target = set.resolve(value.$ref, file);
      if (target) {
        const id = `${target.file}#${target.pointer}`;
        if (done.has(id)) return done.get(id);
        if (!active.has(id)) {
          active.add(id);
          const resolved = walk(target.value, target.file);
          active.delete(id);
          done.set(id, resolved);
          if (resolved !== null && typeof resolved === 'object') targets.set(resolved, { file: target.file, pointer: target.pointer });
          return resolved;
        }
      }
      return value;
    }
    let out: unknown[] | Record<string, unknown> | undefined;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const child = (value as Record<string, unknown>)[key];
      if (DATA_KEYWORDS.has(key) || child === null || typeof child !== 'object') continue;
      viewPath.push(key);
      const replaced = walk(child, file);
      viewPath.pop();
      if (replaced === child) continue;
      out ??= Array.isArray(value) ? [...value] : { ...value };
      (out as Record<string, unknown>)[key] = replaced;
    }
    return out ?? value;
  };

  const data = walk(set.root.data, set.rootKey);
  return {
    data,
    expandedSize: expandedSize(data),
    originOf(path) {
      // The origin of the deepest replaced node on the path, extended by the segments below it.
      // A remote document (fetched with --allow-remote-refs) cannot be edited, so its nodes are
      // reported at the local $ref that brought them in.
      let node: unknown = data;
      let origin: Origin = { file: set.rootKey, pointer: '' };
      let rest: string[] = [];
      let remote: string | undefined;
      const visit = (current: unknown) => {
        const found = current !== null && typeof current === 'object' ? targets.get(current) : undefined;
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
