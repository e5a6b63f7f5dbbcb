/**
 * The body of Confluent's schema requests (register, look up, check compatibility):
 * `{ schema, schemaType, references }` → a processable JSON Schema, its references checked
 * and resolved (domain/reference-resolution.ts), and its identity (text + references).
 */
import { z } from 'zod';
import { checkTextSize } from '#catalog/input-limits.ts';
import type { JsonSchema } from '#catalog/model.ts';
import type { Services } from '../context.ts';
import { assertValidJsonSchema, limitRefused } from '../domain/json-schema.ts';
import { referenceNamed } from '../domain/reference-bundle.ts';
import { resolveCandidate } from '../domain/reference-resolution.ts';
import { identify, referenceSchema, type SchemaReference } from '../domain/references.ts';
import { invalidSchema } from '../errors.ts';
import { parseJsonText, readJsonBody, validate } from '../http.ts';

export const schemaBody = z.looseObject({
  schema: z.string(),
  schemaType: z.string().optional(),
  references: z.array(referenceSchema).optional(),
});

/** The request's OpenAPI body, shared by the three routes. */
export const schemaRequest = {
  type: 'object',
  required: ['schema'],
  properties: {
    schema: { type: 'string' },
    schemaType: { enum: ['JSON'] },
    references: {
      type: 'array',
      description: 'Registered schemas this one $refs by name (version -1 = latest)',
      items: { type: 'object', required: ['name', 'subject', 'version'], properties: { name: { type: 'string' }, subject: { type: 'string' }, version: { type: 'integer' } } },
    },
  },
};

export interface ConfluentCandidate {
  /** As sent: what is stored and served. */
  schema: JsonSchema;
  /** References resolved into one schema: what is compiled and compared. */
  resolved: JsonSchema;
  /** As stored: `-1` replaced by the version it named. */
  references: SchemaReference[];
  canonical: string;
  /** Identity: text and references (domain/references.ts `identify`). */
  hash: string;
}

/** Parses and checks a Confluent schema body (domain/json-schema.ts; the costly steps in a worker). */
export async function schemaFromBody(c: Parameters<typeof readJsonBody>[0], services: Pick<Services, 'offload' | 'db'>): Promise<ConfluentCandidate> {
  const body = validate(schemaBody, await readJsonBody(c));
  const type = body.schemaType ?? 'AVRO';
  if (type !== 'JSON') throw invalidSchema(`schemaType ${type} is not supported: this registry stores JSON Schema; send "schemaType": "JSON".`);
  const tooLarge = checkTextSize(body.schema);
  if (tooLarge) throw limitRefused(tooLarge);
  const requested = body.references ?? [];
  const raw = parseJsonText(body.schema, 'schema', 'schema');
  const ownId = typeof raw === 'object' && raw !== null && typeof (raw as { $id?: unknown }).$id === 'string' ? (raw as { $id: string }).$id : undefined;
  const schema = assertValidJsonSchema(raw, '', requested.length > 0 ? (ref) => referenceNamed(ref, requested, ownId) !== undefined : undefined);
  const { resolved, references } = await resolveCandidate(services.db, schema, requested);
  await services.offload.schema(resolved);
  return { schema, resolved, references, ...identify(schema, references) };
}
