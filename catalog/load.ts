/**
 * The one place an AsyncAPI document becomes a catalog. Steps, each of which can stop with
 * a CatalogError carrying file:line:col diagnostics:
 *   read (size, binary, empty) → parse YAML (aliases capped) → load referenced files (remote
 *   refs refused unless allowed) → check $ref chains (cycles) → validate (the AsyncAPI JSON
 *   Schema + the parser's 3.x core rules, or @asyncapi/parser itself on request; validate.ts)
 *   → build plain data from the raw document.
 */
import { createHash } from 'node:crypto';
import type { Catalog } from './model.ts';
import { CatalogError, diagnostic, type Diagnostic } from './errors.ts';
import { isObject as isObj } from '#shared/json.ts';
import { readEvents } from './events.ts';
import { checkNames } from './names.ts';
import { readAgents, readAggregates, readSagas } from './patterns.ts';
import { checkRefChains, loadDocumentSet, type DocumentSet, type RefOptions } from './refs.ts';
import { parseSource, readSourceText } from './source.ts';
import { validateDocument, type Validator } from './validate.ts';

export interface LoadOptions {
  allowRemoteRefs?: boolean;
  /** Default true. Pass false when parsing untrusted text (registry uploads): local file $refs are refused. */
  allowFileRefs?: boolean;
  /** Used instead of `fetch` for remote refs when they are allowed (tests). */
  fetchRemote?: RefOptions['fetchRemote'];
  /** `fast` (default) or `spectral` (@asyncapi/parser's own validation, ~1 s per document). */
  validator?: Validator;
}

export interface Analysis {
  set: DocumentSet;
  /** Validation errors and warnings (errors mean no catalog). */
  diagnostics: Diagnostic[];
  catalog?: Catalog;
}

export async function loadCatalog(file: string, options: LoadOptions = {}): Promise<Catalog> {
  return parseCatalog(await readSourceText(file), file, options);
}

export async function parseCatalog(text: string, file: string, options: LoadOptions = {}): Promise<Catalog> {
  const { catalog, diagnostics } = await analyzeDocument(text, file, options);
  if (!catalog) throw new CatalogError(diagnostics.filter((d) => d.severity === 'error'));
  return catalog;
}

/** Like parseCatalog, but returns the validator's warnings too and does not throw on validation errors. */
export async function analyzeDocument(text: string, file: string, options: LoadOptions = {}): Promise<Analysis> {
  const root = parseSource(text, file);
  checkVersion(root.data as Record<string, unknown>, file, root.locate('/asyncapi'));
  const set = await loadDocumentSet(root, options);
  checkRefChains(set);
  const diagnostics = await validateDocument(set, options.validator);
  if (diagnostics.some((d) => d.severity === 'error')) return { set, diagnostics };
  const catalog = buildCatalog(set, text);
  // Names that become folders, files and identifiers are refused before any generator sees them.
  const unsafe = checkNames(set, catalog);
  if (unsafe.length > 0) return { set, diagnostics: [...diagnostics, ...unsafe] };
  return { set, diagnostics, catalog };
}

export function buildCatalog(set: DocumentSet, text: string): Catalog {
  const doc = set.root.data as Record<string, unknown>;
  const info = isObj(doc.info) ? doc.info : {};
  const aggregates = readAggregates(set);
  const aggregateKey = (eventType: string) => {
    const owner = aggregates.find((a) => a.events.includes(eventType));
    return owner ? `/payload/${owner.idField}` : undefined;
  };
  const events = readEvents(set, aggregateKey);
  return {
    asyncapi: String(doc.asyncapi),
    title: typeof info.title === 'string' ? info.title : '',
    version: typeof info.version === 'string' ? info.version : '',
    ...(typeof info.description === 'string' ? { description: info.description } : {}),
    events,
    agents: readAgents(set, events),
    sagas: readSagas(set),
    aggregates,
    ...(isObj(doc['x-retry-policy']) ? { retryPolicy: doc['x-retry-policy'] as unknown as Catalog['retryPolicy'] } : {}),
    ...(isObj(doc['x-sla']) ? { sla: doc['x-sla'] as unknown as Catalog['sla'] } : {}),
    source: { file: set.root.file, sha256: createHash('sha256').update(text).digest('hex') },
  };
}

/** evc reads AsyncAPI 3.x only; say so before the validator produces a wall of schema errors. */
function checkVersion(doc: Record<string, unknown>, file: string, at: { line: number; col: number }): void {
  const version = doc.asyncapi;
  if (typeof version === 'string' && /^3\.\d+\.\d+$/.test(version)) return;
  const what = version === undefined ? 'the document has no `asyncapi` field' : `the document declares asyncapi: ${JSON.stringify(version)}`;
  throw new CatalogError([
    diagnostic('unsupported-version', `${what}; evc reads AsyncAPI 3.x documents`, { file, pointer: version === undefined ? '' : '/asyncapi', ...(version === undefined ? { line: 1, col: 1 } : at) }, 'Convert a 2.x document with `asyncapi convert` (AsyncAPI CLI), or start from asyncapi/prompt-platform.yaml.'),
  ]);
}
