/**
 * Pact files as data: reading, the normalisation used by the drift check, and
 * validation against the Pact V4 JSON Schema (pactflow/pact-schemas).
 *
 * Normalisation drops exactly the fields Pact itself varies between runs or upgrades
 * and that carry no contract meaning: `metadata["pact-js"]` and `metadata.pactRust`
 * (library versions). `metadata.pactSpecification` stays: a spec change is a real change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isSchemaObject } from './schema-view.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata: Record<string, unknown>;
}

export interface PactInteraction {
  type: string;
  description: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  contents?: { content?: unknown; contentType?: string };
  metadata?: Record<string, unknown>;
  matchingRules?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Library-version fields Pact writes and the drift check ignores. */
export const VOLATILE_METADATA_KEYS = ['pact-js', 'pactRust'] as const;

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isSchemaObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  return value;
};

/** The comparable form of a pact: volatile metadata removed, interactions ordered by description + state, keys sorted. */
export function normalisePact(pact: PactFile): PactFile {
  const metadata = { ...pact.metadata };
  for (const key of VOLATILE_METADATA_KEYS) delete metadata[key];
  const stateOf = (i: PactInteraction) => (i.providerStates ?? []).map((s) => s.name).join('|');
  const interactions = [...pact.interactions].sort((a, b) => a.description.localeCompare(b.description) || stateOf(a).localeCompare(stateOf(b)));
  return sortKeys({ ...pact, metadata, interactions }) as PactFile;
}

export const readPact = (file: string): PactFile => JSON.parse(readFileSync(file, 'utf8')) as PactFile;

let validator: ReturnType<Ajv['compile']> | undefined;

/** Validates against `pact-schemas/pact-schema-v4.json` under the conformance dir; returns error strings. */
export function validatePactV4(pact: unknown, conformanceDir: string): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(conformanceDir, 'pact-schemas', 'pact-schema-v4.json'), 'utf8')) as object;
    validator = addFormats(new Ajv({ strict: false, allErrors: true })).compile(schema);
  }
  return validator(pact) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
