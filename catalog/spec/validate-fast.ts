/**
 * Validation without Spectral: the official AsyncAPI JSON Schema, compiled ahead of time
 * (catalog/generated/), plus the parser's 3.x core rules as data (spec-rules.ts). It mirrors the
 * parser's two passes:
 * - "resolved" (asyncapi-document-resolved): the document with its $refs followed is validated
 *   against the schema, so a referenced schema is checked where it is used;
 * - "unresolved" (asyncapi-document-unresolved): the document as written, where only "a $ref is
 *   not allowed here" is reported (e.g. `info: {$ref: ...}`; the spec allows Reference Objects at
 *   listed places only).
 * Pure apart from loading the generated module once; never reads files or the network.
 */
import type { ErrorObject } from 'ajv';
import { diagnostic, type Diagnostic } from '../errors.ts';
import { encodePointer } from '#shared/json-pointer.ts';
import type { DocumentSet } from '../refs.ts';
import { MAX_EXPANDED_NODES, resolveView, type Origin } from './resolved-view.ts';
import { phrase, selectErrors } from './schema-errors.ts';
import { FAST_VERSIONS, type FastVersion } from './spec-schema.ts';
import { specRules } from './spec-rules.ts';

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const loaded = new Map<FastVersion, Promise<Validate>>();
const validatorFor = (version: FastVersion): Promise<Validate> => {
  let found = loaded.get(version);
  if (!found) {
    found = import(`../generated/asyncapi-${version}-validator.js`).then((m: { validate: Validate }) => m.validate);
    loaded.set(version, found);
  }
  return found;
};

export const isFastVersion = (version: unknown): version is FastVersion => (FAST_VERSIONS as readonly unknown[]).includes(version);

/** Errors and warnings for the set's root document; the caller checked `isFastVersion` first. */
export async function validateFast(set: DocumentSet): Promise<Diagnostic[]> {
  const root = set.root.data as Record<string, unknown>;
  const validate = await validatorFor(root.asyncapi as FastVersion);
  const at = (origin: Origin) => ({ file: set.display(origin.file), pointer: origin.pointer, ...set.locate(origin.file, origin.pointer) });
  const inRoot = (path: readonly string[]): Origin => ({ file: set.rootKey, pointer: encodePointer(path) });

  const view = resolveView(set);
  if (view.expandedSize > MAX_EXPANDED_NODES) {
    return [diagnostic('ref-expansion-limit', `refused: the document's $refs expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes`, { file: set.root.file, line: 1, col: 1 }, 'Reference shared schemas fewer times, or split the document.')];
  }
  const found: Diagnostic[] = [];
  if (!validate(view.data)) {
    // A $ref kept in the view (recursion, or where the spec wants a Reference Object) is not a mistake here.
    const errors = (validate.errors ?? []).filter((e) => !(e.keyword === 'additionalProperties' && (e.params as { additionalProperty?: string }).additionalProperty === '$ref'));
    for (const { error, path } of selectErrors(errors)) {
      const { message, hint } = phrase(error, path, valueAt(view.data, path));
      const origin = view.originOf(path);
      found.push(diagnostic('asyncapi/asyncapi-document-resolved', origin.remote ? `in ${origin.remote}: ${message}` : message, at(origin), hint));
    }
  }
  if (!validate(root)) {
    const misplaced = (validate.errors ?? []).filter((e) => e.keyword === 'additionalProperties' && (e.params as { additionalProperty?: string }).additionalProperty === '$ref');
    for (const { error, path } of selectErrors(misplaced)) {
      const { message, hint } = phrase(error, path);
      found.push(diagnostic('asyncapi/asyncapi-document-unresolved', message, at(inRoot(path)), hint));
    }
  }
  for (const rule of specRules) {
    const doc = (rule.resolved ? view.data : root) as Record<string, unknown>;
    for (const finding of rule.check(doc)) {
      found.push(diagnostic(`asyncapi/${rule.id}`, finding.message, at(rule.resolved ? view.originOf(finding.path) : inRoot(finding.path)), finding.hint));
    }
  }
  return found;
}

const valueAt = (data: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);
