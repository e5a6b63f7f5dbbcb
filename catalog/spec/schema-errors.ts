/**
 * From Ajv's error list to a few readable findings. The AsyncAPI schema is built from oneOf
 * (Reference or object), anyOf and if/then per binding version and schema format, so one mistake
 * yields a wall of errors, most of them about alternatives the author never meant. We keep, per
 * mistake, the most specific error:
 * - drop the combinator summaries (oneOf, anyOf, if, allOf, not) when anything more specific is left;
 * - drop "must have required property $ref" (the Reference Object alternative, as the parser does);
 * - an additionalProperties error is placed on the unexpected key itself (so line:col is the key),
 *   except a misplaced `$ref`, which is about the object that holds it;
 * - drop an error when another one lies deeper under the same path (the deeper one is the cause);
 * - one error per path.
 */
import { decodePointer } from '#shared/json-pointer.ts';
import type { ErrorObject } from 'ajv';
import { nearest } from '../rules/saga-events.ts';

export interface SchemaFinding {
  /** Path segments into the validated data. */
  path: string[];
  message: string;
  hint?: string;
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'if', 'allOf', 'not', 'then', 'else']);

const segmentsOf = (instancePath: string): string[] =>
  decodePointer(instancePath);

const startsWith = (path: string[], prefix: string[]): boolean => prefix.length < path.length && prefix.every((s, i) => path[i] === s);

export function selectErrors(errors: readonly ErrorObject[]): { error: ErrorObject; path: string[] }[] {
  const located = errors
    .filter((e) => !(e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === '$ref'))
    .map((error) => {
      const path = segmentsOf(error.instancePath);
      // The unexpected key itself, except a misplaced $ref: that is about the object holding it (as the parser says).
      const extra = error.keyword === 'additionalProperties' ? String((error.params as { additionalProperty: string }).additionalProperty) : undefined;
      if (extra !== undefined && extra !== '$ref') path.push(extra);
      return { error, path };
    });
  const specific = located.filter((e) => !COMBINATORS.has(e.error.keyword));
  const pool = specific.length > 0 ? specific : located;
  const deepest = pool.filter((e) => !pool.some((other) => startsWith(other.path, e.path)));
  const seen = new Set<string>();
  return deepest.filter((e) => {
    const key = e.path.join('/');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `"action" property ...` names the last key on the path, as the parser's messages do. */
export function phrase(error: ErrorObject, path: readonly string[], value?: unknown): Omit<SchemaFinding, 'path'> {
  const params = error.params as Record<string, unknown>;
  const owner = error.keyword === 'additionalProperties' && params.additionalProperty !== '$ref' ? path.slice(0, -1) : path;
  const name = owner.length === 0 ? 'The document' : `"${owner.at(-1)}" property`;
  switch (error.keyword) {
    case 'additionalProperties':
      return params.additionalProperty === '$ref'
        ? { message: 'Referencing in this place is not allowed', hint: 'Write the object here instead of a $ref: the AsyncAPI 3.0.0 spec does not allow a Reference Object at this position.' }
        : { message: `Property "${String(params.additionalProperty)}" is not expected to be here`, hint: 'Remove the property, fix its spelling, or prefix an extension with "x-".' };
    case 'required':
      return { message: `${name} must have required property "${String(params.missingProperty)}"`, hint: `Add "${String(params.missingProperty)}".` };
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const close = typeof value === 'string' ? nearest(value, allowed.filter((v): v is string => typeof v === 'string')) : '';
      return { message: `${name} must be equal to one of the allowed values: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`, hint: `Use one of the allowed values${close}.` };
    }
    case 'const':
      return { message: `${name} must be equal to ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { message: `${name} type must be ${String(params.type)}` };
    default:
      return { message: `${name} ${error.message ?? 'is invalid'}` };
  }
}
