/**
 * Canonical JSON: object keys sorted recursively, no insignificant whitespace. Two
 * schemas with the same canonical text are the same schema (same global id), whatever
 * key order or formatting they were uploaded with.
 */
import { createHash } from 'node:crypto';

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
};

export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface CanonicalSchema {
  canonical: string;
  hash: string;
}

export const canonicalize = (schema: unknown): CanonicalSchema => {
  const canonical = canonicalJson(schema);
  return { canonical, hash: sha256Hex(canonical) };
};
