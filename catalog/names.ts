/**
 * The grammar of names that become identifiers, file names, folder names or npm package names
 * in generated code: agent ids, event types, saga and aggregate names and the aggregate id
 * field. Checked once, when a document is loaded (so `evc lint`, `evc generate`, the pacts and
 * every registry upload refuse the same names), before any generator sees them.
 *
 * Why so strict: an agent id is a folder under `evc generate --out` and part of a package name;
 * an event type is a pact file name and a string in generated code. A name with `..`, `/`, `\`,
 * `*\/`, quotes, whitespace or control characters could escape the output folder or the
 * generated source; no legitimate contract name needs them.
 */
import { diagnostic, type Diagnostic } from './errors.ts';
import type { Catalog, SourceLocation } from './model.ts';
import type { DocumentSet } from './refs.ts';
import { encodePointer } from '#shared/json-pointer.ts';

/** Letters, digits, `_`, `.`, `-`; starts and ends with a letter, digit or `_`; no `..`; ≤ 128 characters. */
export const NAME_GRAMMAR = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,126}[A-Za-z0-9_])?$/;

/** The aggregate id field is read as a payload property: an identifier. */
export const FIELD_GRAMMAR = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export const isSafeName = (name: string): boolean => NAME_GRAMMAR.test(name) && !name.includes('..');

/** Why `name` is refused, in words a user can act on. */
export function nameProblem(name: string): string {
  if (name.length === 0) return 'it is empty';
  if (name.length > 128) return `it is ${name.length} characters long (at most 128)`;
  if (name.includes('..')) return 'it contains ".."';
  const bad = [...name].find((ch) => !/[A-Za-z0-9_.-]/.test(ch));
  if (bad !== undefined) return `it contains ${JSON.stringify(bad)}`;
  return 'it must start and end with a letter, digit or "_"';
}

const HINT = 'Use letters, digits, ".", "-" and "_" only (e.g. prompt-api, Prompt.Creation.Requested); no "..", "/", "\\", quotes, spaces or control characters.';

/** Diagnostics for every unsafe name in the catalog, each at the document location that declares it. */
export function checkNames(set: DocumentSet, catalog: Catalog): Diagnostic[] {
  const found: Diagnostic[] = [];
  const inRoot = (pointer: string): SourceLocation => ({ file: set.display(set.rootKey), pointer, ...set.locate(set.rootKey, pointer) });
  const check = (kind: string, name: string, where: SourceLocation, grammar: (n: string) => boolean = isSafeName) => {
    if (!grammar(name)) found.push(diagnostic('unsafe-name', `${kind} ${JSON.stringify(name)} cannot be used: ${nameProblem(name)}`, where, HINT));
  };
  const doc = set.root.data as Record<string, unknown>;
  const declared = doc['x-agents'];
  if (typeof declared === 'object' && declared !== null) {
    for (const id of Object.keys(declared)) check('agent id', id, inRoot(encodePointer(['x-agents', id])));
  }
  const operations = (typeof doc.operations === 'object' && doc.operations !== null ? doc.operations : {}) as Record<string, unknown>;
  for (const [id, op] of Object.entries(operations)) {
    const agent = typeof op === 'object' && op !== null ? (op as Record<string, unknown>)['x-agent'] : undefined;
    if (typeof agent === 'string') check('agent id', agent, inRoot(encodePointer(['operations', id, 'x-agent'])));
  }
  const seen = new Set<string>();
  for (const event of catalog.events) {
    if (seen.has(event.eventType)) continue;
    seen.add(event.eventType);
    check('event type', event.eventType, event.source);
  }
  for (const saga of catalog.sagas) check('saga name', saga.name, saga.source);
  for (const aggregate of catalog.aggregates) {
    check('aggregate name', aggregate.name, aggregate.source);
    check('aggregate idField', aggregate.idField, inRoot(`${aggregate.source.pointer}/idField`), (n) => FIELD_GRAMMAR.test(n));
  }
  return found;
}
