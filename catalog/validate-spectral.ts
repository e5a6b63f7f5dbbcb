/**
 * Validation with @asyncapi/parser (spec schema + its Spectral rules), the reference the fast
 * validator (spec/validate-fast.ts) is held to, and the validator for AsyncAPI versions that one
 * does not cover. About a second per document (Spectral's Ajv compiles the spec schema per
 * run). The parser is given
 * the already-read data as JSON and resolvers that only serve documents we loaded ourselves,
 * so it never touches the file system or the network: a reference it asks for that we did not
 * load is counted and answered with an empty document, and reported as an error.
 */
// Type-only at the top: the parser (and Spectral) load on first use, so the default path never pays for them.
import type { Diagnostic as ParserDiagnostic, Parser } from '@asyncapi/parser';
import { dedupeDiagnostics, diagnostic, type Diagnostic } from './errors.ts';
import { encodePointer } from '#shared/json-pointer.ts';
import type { DocumentSet } from './refs.ts';

/**
 * Documents the resolvers may serve, by absolute path or URL. Each validation pushes its texts
 * and pops them when done, so concurrent validations sharing a file never pull it from each other.
 */
const served = new Map<string, string[]>();
const lookup = (key: string): string | undefined => served.get(key)?.at(-1);
/** How many references the parser asked for that we had not loaded (the no-network proof). */
export const resolverStats = { blocked: 0, served: 0 };
const blockedUris: string[] = [];

const serve = (uri: { href(): string; toString(): string }): string => {
  const key = uri.href ? uri.href() : uri.toString();
  const text = lookup(key) ?? lookup(decodeURI(key));
  if (text !== undefined) {
    resolverStats.served++;
    return text;
  }
  resolverStats.blocked++;
  // Only a remote miss is ours to report; a local miss (e.g. a `$ref` key inside example data,
  // which the parser's resolver also visits) gets the parser's own unresolved-reference diagnostic.
  if (/^https?:/i.test(key)) blockedUris.push(key);
  return '{}';
};

let parser: Promise<Parser> | undefined;
const getParser = (): Promise<Parser> =>
  (parser ??= import('@asyncapi/parser').then(
    ({ Parser }) =>
      new Parser({
        __unstable: {
          resolver: {
            cache: false,
            // order 1 puts these before the parser's own file/http readers; returning a string
            // ends the search, so the built-in readers (and their sockets) are never reached.
            resolvers: (['file', 'http', 'https'] as const).map((schema) => ({ schema, order: 1, canRead: true, read: serve })),
          },
        },
      }),
  ));

/** Parser severities: 0 error, 1 warning, 2 information, 3 hint. We keep errors and warnings. */
export async function validateWithSpectral(set: DocumentSet): Promise<Diagnostic[]> {
  const pushed: [string, string][] = [...set.documents].map(([key, doc]) => [key, JSON.stringify(doc.data)]);
  for (const [key, text] of pushed) served.set(key, [...(served.get(key) ?? []), text]);
  const blockedBefore = blockedUris.length;
  const root = set.root;
  let output;
  try {
    output = await (await getParser()).validate(JSON.stringify(root.data), { source: set.rootKey });
  } finally {
    for (const [key, text] of pushed) {
      const stack = (served.get(key) ?? []).filter((t, i, all) => i !== all.lastIndexOf(text));
      if (stack.length > 0) served.set(key, stack);
      else served.delete(key);
    }
  }
  const found: Diagnostic[] = output
    .filter((d) => d.severity === 0 || d.severity === 1)
    .map((d) => toDiagnostic(d, set));
  for (const uri of blockedUris.slice(blockedBefore)) {
    found.push(diagnostic('remote-ref', `the parser asked for "${uri}", which was not loaded; no request was made`, { file: root.file }, 'Pass --allow-remote-refs to fetch remote references.'));
  }
  return dedupeDiagnostics(found);
}

function toDiagnostic(d: ParserDiagnostic, set: DocumentSet): Diagnostic {
  const pointer = encodePointer(d.path.map(String));
  const at = { file: set.root.file, pointer, ...set.root.locate(pointer) };
  const code = typeof d.code === 'string' || typeof d.code === 'number' ? String(d.code) : 'asyncapi';
  return diagnostic(`asyncapi/${code}`, d.message, at, undefined, d.severity === 0 ? 'error' : 'warning');
}
