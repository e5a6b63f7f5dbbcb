/**
 * The set of documents a root document references, and `$ref` resolution across them.
 * Remote (http/https) references are refused here, before any network access, unless the
 * caller opts in with `allowRemoteRefs`. Pure `$ref` chains that loop are reported as cycles
 * (schema recursion through properties/items is fine and stays a `$ref`).
 */
import path from 'node:path';
import { CatalogError, diagnostic, type Diagnostic } from './errors.ts';
import { encodePointer, getAtPointer } from '#shared/json-pointer.ts';
import { parseSource, readSourceText, type SourceDocument } from './source.ts';

export interface RefTarget {
  /** Key of the document in the set: an absolute path or a URL. */
  file: string;
  /** JSON pointer inside that document. */
  pointer: string;
  value: unknown;
}

export interface DocumentSet {
  root: SourceDocument;
  /** The root's key in `documents`: its absolute path (relative refs resolve against it). */
  rootKey: string;
  /** The name to show for a document key: the root as the user gave it, others as resolved. */
  display(key: string): string;
  documents: Map<string, SourceDocument>;
  /** Resolves one `$ref` string written in document `from`; undefined when it points nowhere. */
  resolve(ref: string, from: string): RefTarget | undefined;
  /** Follows `$ref`s from a node until a non-reference; throws on a cycle. */
  follow(value: unknown, file: string, pointer: string): RefTarget;
  locate(file: string, pointer: string): { line: number; col: number };
}

export interface RefOptions {
  allowRemoteRefs?: boolean;
  /**
   * Whether `$ref`s may read other local files (default true). A server parsing uploaded text
   * must pass false: otherwise `$ref: /etc/passwd` would read its own file system.
   */
  allowFileRefs?: boolean;
  /** Reads a remote document when allowed; injectable so tests never touch the network. */
  fetchRemote?: (url: string) => Promise<string>;
}

export const isRemoteRef = (ref: string): boolean => /^https?:\/\//i.test(ref);

/** Keywords whose values are data (JSON Schema const/enum/default/examples, AsyncAPI examples): a `$ref` in them is not a reference. */
export const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'example']);

/** Every `$ref` string in a value, with the JSON pointer of its `$ref` key. */
export function collectRefs(value: unknown, at: string[] = [], out: { ref: string; pointer: string }[] = []) {
  if (Array.isArray(value)) value.forEach((item, i) => collectRefs(item, [...at, String(i)], out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') out.push({ ref: child, pointer: encodePointer([...at, key]) });
      else if (!DATA_KEYWORDS.has(key)) collectRefs(child, [...at, key], out);
    }
  }
  return out;
}

export async function loadDocumentSet(root: SourceDocument, options: RefOptions = {}): Promise<DocumentSet> {
  const rootKey = isRemoteRef(root.file) ? root.file : path.resolve(root.file);
  const display = (key: string): string => (key === rootKey ? root.file : key);
  const documents = new Map<string, SourceDocument>([[rootKey, root]]);
  const pending: { key: string; doc: SourceDocument }[] = [{ key: rootKey, doc: root }];
  const refused: Diagnostic[] = [];
  const failures: Diagnostic[] = [];
  while (pending.length > 0) {
    const { key: docKey, doc } = pending.shift()!;
    for (const { ref, pointer } of collectRefs(doc.data)) {
      const uri = ref.split('#')[0] ?? '';
      if (uri === '') continue;
      const at = { file: display(docKey), pointer, ...doc.locate(pointer) };
      if (isRemoteRef(uri) && !options.allowRemoteRefs) {
        refused.push(diagnostic('remote-ref', `remote $ref "${ref}" is not allowed`, at, 'Copy the referenced schema into the document (or a local file), or pass --allow-remote-refs to fetch it.'));
        continue;
      }
      if (!isRemoteRef(uri) && !isRemoteRef(docKey) && options.allowFileRefs === false) {
        refused.push(diagnostic('file-ref', `$ref "${ref}" reads another file, which is not allowed here`, at, 'Make the document self-contained: move the referenced schema under components and use a local "#/components/..." $ref.'));
        continue;
      }
      const key = keyOf(uri, docKey);
      if (documents.has(key)) continue;
      try {
        const text = isRemoteRef(key) ? await fetchText(key, options) : await readSourceText(key);
        const loaded = parseSource(text, key);
        documents.set(key, loaded);
        pending.push({ key, doc: loaded });
      } catch (error) {
        const inner = error instanceof CatalogError ? error.diagnostics.map((d) => d.message).join('; ') : (error as Error).message;
        failures.push(diagnostic('ref-unreadable', `$ref "${ref}" cannot be loaded: ${inner}`, at, 'Check the relative path of the referenced file.'));
      }
    }
  }
  if (refused.length > 0) throw new CatalogError(refused);
  if (failures.length > 0) throw new CatalogError(failures);

  const resolve = (ref: string, from: string): RefTarget | undefined => {
    const [uri = '', fragment = ''] = ref.split('#');
    const file = uri === '' ? from : keyOf(uri, from);
    const doc = documents.get(file);
    if (!doc) return undefined;
    let value: unknown;
    try {
      value = getAtPointer(doc.data, fragment === '' ? '' : `#${fragment}`);
    } catch {
      return undefined;
    }
    return value === undefined ? undefined : { file, pointer: fragment === '' ? '' : decodeFragment(fragment), value };
  };

  const locate = (file: string, pointer: string) => documents.get(file)?.locate(pointer) ?? { line: 0, col: 0 };

  const follow = (value: unknown, file: string, pointer: string): RefTarget => {
    const seen: string[] = [];
    let current: RefTarget = { file, pointer, value };
    while (isRefObject(current.value)) {
      const id = `${current.file}#${current.pointer}`;
      if (seen.includes(id)) {
        const at = { file: display(current.file), pointer: `${current.pointer}/$ref`, ...locate(current.file, `${current.pointer}/$ref`) };
        throw new CatalogError([diagnostic('ref-cycle', `$ref cycle: ${[...seen, id].map(short).join(' -> ')}`, at, 'Break the cycle: one of these references must point to an actual definition.')]);
      }
      seen.push(id);
      const next = resolve(current.value.$ref, current.file);
      if (!next) {
        const at = { file: display(current.file), pointer: `${current.pointer}/$ref`, ...locate(current.file, `${current.pointer}/$ref`) };
        throw new CatalogError([diagnostic('ref-unresolved', `$ref "${current.value.$ref}" points to nothing`, at, 'Check the JSON pointer after "#" against the target document.')]);
      }
      current = next;
    }
    return current;
  };

  return { root, rootKey, display, documents, resolve, follow, locate };
}

export const isRefObject = (value: unknown): value is { $ref: string } =>
  value !== null && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string';

/** Throws one `ref-cycle`/`ref-unresolved` diagnostic for the first broken `$ref` chain in the set. */
export function checkRefChains(set: DocumentSet): void {
  for (const [key, doc] of set.documents) {
    for (const { ref, pointer } of collectRefs(doc.data)) {
      const owner = pointer.slice(0, -'/$ref'.length);
      set.follow({ $ref: ref }, key, owner);
    }
  }
}

const keyOf = (uri: string, from: string): string =>
  isRemoteRef(uri) ? uri : isRemoteRef(from) ? new URL(uri, from).href : path.resolve(path.dirname(from), uri);

const decodeFragment = (fragment: string): string =>
  fragment.split('/').map((s) => { try { return decodeURIComponent(s); } catch { return s; } }).join('/');

const short = (id: string): string => {
  const [file = '', pointer = ''] = id.split('#');
  return `${path.basename(file)}#${pointer}`;
};

async function fetchText(url: string, options: RefOptions): Promise<string> {
  if (options.fetchRemote) return options.fetchRemote(url);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
  return response.text();
}
