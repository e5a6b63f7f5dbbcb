/**
 * The official AsyncAPI JSON Schema (from @asyncapi/specs), prepared the way @asyncapi/parser
 * prepares it for its `asyncapi-document-*` rules, so our validator judges documents alike:
 * - the draft-07/draft-04 meta-schemas are dropped (Ajv ships draft-07; none of 3.0.0 uses draft-04);
 * - `format: uri-reference` is dropped from ReferenceObject: `$ref` values with `[` or `]` are
 *   valid JSON Pointer segments but not RFC 3986 URIs (parser issue, kept for parity).
 */
import { createRequire } from 'node:module';

/** The AsyncAPI versions evc validates without Spectral. Others fall back to the parser. */
export const FAST_VERSIONS = ['3.0.0'] as const;
export type FastVersion = (typeof FAST_VERSIONS)[number];

interface SpecSchema {
  $id: string;
  definitions: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export function specSchema(version: FastVersion): SpecSchema {
  const specs = createRequire(import.meta.url)('@asyncapi/specs') as { schemas: Record<string, SpecSchema> };
  const original = specs.schemas[version];
  if (!original) throw new Error(`@asyncapi/specs has no schema for AsyncAPI ${version}`);
  const copy = structuredClone(original);
  delete copy.definitions['http://json-schema.org/draft-07/schema'];
  delete copy.definitions['http://json-schema.org/draft-04/schema'];
  const reference = copy.definitions[`http://asyncapi.com/definitions/${version}/ReferenceObject.json`];
  if (reference?.format === 'uri-reference') delete reference.format;
  return copy;
}
