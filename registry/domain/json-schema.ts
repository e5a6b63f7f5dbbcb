/**
 * Checks a submitted JSON Schema before it is stored: it must be valid against its
 * meta-schema (draft-07 unless `$schema` says 2019-09 or 2020-12), and every `$ref` must
 * be local (`#…`). Remote references are refused without any outbound connection, so
 * a registered schema never depends on a URL that can change or disappear.
 */
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema } from '#catalog/model.ts';
import { invalidSchema } from '../errors.ts';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** JSON pointers of every non-local `$ref`. */
export function findRemoteRefs(value: unknown, pointer = ''): Array<{ pointer: string; ref: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => findRemoteRefs(v, `${pointer}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = `${pointer}/${escape(key)}`;
    if (key === '$ref' && typeof v === 'string' && !v.startsWith('#')) return [{ pointer: here, ref: v }];
    return findRemoteRefs(v, here);
  });
}

const validators = {
  draft7: new Ajv({ strict: false, validateSchema: true }),
  draft2019: new Ajv2019({ strict: false }),
  draft2020: new Ajv2020({ strict: false }),
};

const pick = (schema: JsonSchema) => {
  const dialect = typeof schema === 'object' && typeof schema.$schema === 'string' ? schema.$schema : '';
  if (dialect.includes('2020-12')) return validators.draft2020;
  if (dialect.includes('2019-09')) return validators.draft2019;
  return validators.draft7;
};

export function assertValidJsonSchema(value: unknown): JsonSchema {
  if (typeof value !== 'boolean' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw invalidSchema('Invalid schema: a JSON Schema is an object or a boolean.');
  }
  const schema = value as JsonSchema;
  const remote = findRemoteRefs(schema);
  if (remote.length > 0) {
    const first = remote[0]!;
    throw invalidSchema(
      `Remote $ref ${JSON.stringify(first.ref)} at ${first.pointer} is not allowed: inline the referenced schema under $defs and use a local "#/$defs/…" reference.`,
      { pointer: first.pointer, refs: remote },
    );
  }
  const ajv = pick(schema);
  if (!ajv.validateSchema(schema as object)) {
    const errors = (ajv.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
    throw invalidSchema(`Invalid JSON Schema: ${errors.join('; ')}`, { pointer: ajv.errors?.[0]?.instancePath || '/', errors });
  }
  return schema;
}
