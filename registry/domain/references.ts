/**
 * Confluent schema references for JSON Schema (docs.confluent.io, "Schema references"):
 * `references: [{ name, subject, version }]` beside a schema; a `$ref` whose URI (before any
 * `#`) is `name` means the schema registered as `version` of `subject`. This module holds the
 * request shape, the reference errors and the schema identity; reference-graph.ts loads what
 * references reach, reference-bundle.ts makes one self-contained schema of them.
 */
import { z } from 'zod';
import { RegistryError, invalidSchema } from '../errors.ts';
import { canonicalJson, sha256Hex, type CanonicalSchema } from './canonical.ts';

export interface SchemaReference {
  name: string;
  subject: string;
  /** A position (Confluent integer version); `-1` in a request means the latest, stored as the position it names. */
  version: number;
}

/** `version` is an integer ≥ 1, or -1 for the latest (Confluent resolves -1 when it registers). */
export const referenceSchema = z.object({
  name: z.string().min(1),
  subject: z.string().min(1),
  version: z.number().int().refine((v) => v === -1 || (v >= 1 && v <= 2 ** 31 - 1), 'a positive integer, or -1 for the latest version'),
});

export const describeReference = (r: SchemaReference): string => `${JSON.stringify(r.name)} (subject '${r.subject}', version ${r.version === -1 ? 'latest' : r.version})`;

/** Names are how `$ref`s find their target, so each may appear once. */
export function assertDistinctNames(references: SchemaReference[]): void {
  const seen = new Set<string>();
  for (const r of references) {
    if (seen.has(r.name)) throw invalidSchema(`Two references are named ${JSON.stringify(r.name)}: each reference name must be unique, since $refs find their target by it.`, { reference: r });
    seen.add(r.name);
  }
}

/** Confluent 42201 for a reference that resolves to nothing. */
export const missingReference = (r: SchemaReference, via?: string) =>
  invalidSchema(
    `Invalid schema: reference ${describeReference(r)}${via ? ` (referenced by ${via})` : ''} does not exist. Register that schema first, or fix the reference's subject and version (GET /subjects/${r.subject}/versions lists them).`,
    { reference: r },
  );

export const referenceCycle = (path: string[]) =>
  invalidSchema(`Invalid schema: the references form a cycle (${path.join(' → ')}). A schema cannot reference itself through other schemas; break the cycle by moving the shared part into its own subject.`, { cycle: path });

/** Confluent 42206: a version other schemas reference is kept until they are deleted (soft and hard). */
export const referenceExists = (subject: string, positions: number[], schemaIds: number[]) =>
  new RegistryError(
    422,
    42206,
    `One or more references exist to subject '${subject}' version${positions.length > 1 ? 's' : ''} ${positions.join(', ')}: schema id${schemaIds.length > 1 ? 's' : ''} ${schemaIds.join(', ')} reference${schemaIds.length > 1 ? '' : 's'} it. Delete the referencing versions first (soft, then permanent=true); GET /subjects/${subject}/versions/{version}/referencedby lists them.`,
    { referencedBy: schemaIds },
  );

/**
 * Identity of a schema id: its canonical text and, when it has any, its references in order.
 * The same text with other references is another schema (Confluent hashes both); a schema
 * without references keeps the hash of its text alone, so nothing stored before changes.
 */
export function identify(schema: unknown, references: SchemaReference[]): CanonicalSchema {
  const canonical = canonicalJson(schema);
  if (references.length === 0) return { canonical, hash: sha256Hex(canonical) };
  const refs = references.map((r) => ({ name: r.name, subject: r.subject, version: r.version }));
  return { canonical, hash: sha256Hex(`${canonical}\u0000references\u0000${JSON.stringify(refs)}`) };
}

/** The `references` member of a Confluent response: present only when there are some, as Confluent omits empty ones. */
export const referencesField = (references: SchemaReference[] | undefined): { references?: SchemaReference[] } =>
  references && references.length > 0 ? { references: references.map((r) => ({ name: r.name, subject: r.subject, version: r.version })) } : {};
