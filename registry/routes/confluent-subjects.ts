/**
 * Confluent-compatible subjects API (docs.confluent.io, Schema Registry API reference,
 * "Subjects"). Versions here are the integer positions of our semver versions; a schema
 * registered here gets the inferred next semver version.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { JsonSchema } from '#catalog/model.ts';
import { findSubject, listSubjects } from '#registry/store/subjects.ts';
import { findLatestVersion, findVersionByPosition, listAllVersions, listVersions, type StoredVersion } from '#registry/store/versions.ts';
import { actorOf, authorize, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { canonicalize } from '../domain/canonical.ts';
import { deleteSubject, deleteVersion } from '../domain/delete.ts';
import { checkTextSize } from '#catalog/input-limits.ts';
import { assertValidJsonSchema, limitRefused } from '../domain/json-schema.ts';
import { registerSchema } from '../domain/register-schema.ts';
import { invalidSchema, schemaNotFound, subjectNotFound, versionNotFound } from '../errors.ts';
import { CONFLUENT_JSON, confluentJson, flag, parseConfluentVersion, parseJsonText, readJsonBody, sendPrepared, validate } from '../http.ts';
import { confluentOp as op, subjectParam, versionParam } from './confluent-openapi.ts';
import { queryParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const CONFLUENT_HEADERS = { 'content-type': CONFLUENT_JSON };

export const schemaBody = z.looseObject({
  schema: z.string(),
  schemaType: z.string().optional(),
  references: z.array(z.unknown()).optional(),
});

/** Parses a Confluent `{schema, schemaType}` body into a processable JSON Schema (domain/json-schema.ts; the costly steps in a worker). */
export async function schemaFromBody(c: Parameters<typeof readJsonBody>[0], services: Pick<Services, 'offload'>): Promise<JsonSchema> {
  const body = validate(schemaBody, await readJsonBody(c));
  const type = body.schemaType ?? 'AVRO';
  if (type !== 'JSON') throw invalidSchema(`schemaType ${type} is not supported: this registry stores JSON Schema; send "schemaType": "JSON".`);
  if (body.references && body.references.length > 0) throw invalidSchema('Schema references are not supported: inline referenced schemas under $defs.');
  const tooLarge = checkTextSize(body.schema);
  if (tooLarge) throw limitRefused(tooLarge);
  const schema = assertValidJsonSchema(parseJsonText(body.schema, 'schema', 'schema'));
  await services.offload.schema(schema);
  return schema;
}

export const versionBody = (row: StoredVersion) => ({ subject: row.subject, version: row.position, id: row.schemaId, schemaType: 'JSON', schema: row.canonical });

async function resolve(services: Services, subject: string, text: string, includeDeleted = false): Promise<StoredVersion> {
  const version = parseConfluentVersion(text);
  const row =
    version === 'latest'
      ? await findLatestVersion(services.db, subject, 'position')
      : await findVersionByPosition(services.db, subject, version, { includeDeleted });
  if (row) return row;
  const exists = (await listVersions(services.db, subject, { includeDeleted: true })).length > 0;
  throw exists ? versionNotFound(subject, text) : subjectNotFound(subject);
}

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/subjects', async (c) => {
      await authorize(c, services, 'read');
      if (flag(c.req.query('deleted'))) return confluentJson(c, (await listSubjects(services.db, { includeDeleted: true })).map((r) => r.name));
      const live = [...new Set((await listAllVersions(services.db)).map((r) => r.subject))];
      return confluentJson(c, live);
    })
    .get('/subjects/:subject/versions', async (c) => {
      await authorize(c, services, 'read');
      const subject = c.req.param('subject');
      const rows = await listVersions(services.db, subject, { includeDeleted: flag(c.req.query('deleted')) });
      if (rows.length === 0) throw subjectNotFound(subject);
      return confluentJson(c, rows.map((r) => r.position).sort((a, b) => a - b));
    })
    .post('/subjects/:subject/versions', async (c) => {
      const principal = await authorizeWrite(c, services, 'publish');
      const subject = c.req.param('subject');
      const schema = await schemaFromBody(c, services);
      const result = await registerSchema(services.db, { subject, schema, actor: actorOf(principal) });
      if (result.created) services.reads.clear();
      if (result.created) services.metrics.observeOutcome('registered', 'confluent', false);
      return confluentJson(c, { id: result.id, subject, version: result.position, schemaType: 'JSON', schema: canonicalize(schema).canonical });
    })
    .get('/subjects/:subject/versions/:version', async (c) => {
      await authorize(c, services, 'read');
      const subject = c.req.param('subject');
      const version = c.req.param('version');
      const deleted = flag(c.req.query('deleted'));
      const body = await services.reads.get(`cf\u0000${subject}\u0000${version}\u0000${deleted}`, CONFLUENT_HEADERS, async () =>
        JSON.stringify(versionBody(await resolve(services, subject, version, deleted))),
      );
      return sendPrepared(body);
    })
    .get('/subjects/:subject/versions/:version/schema', async (c) => {
      await authorize(c, services, 'read');
      const row = await resolve(services, c.req.param('subject'), c.req.param('version'));
      return new Response(row.canonical, { headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' } });
    })
    .get('/subjects/:subject/versions/:version/referencedby', async (c) => {
      await authorize(c, services, 'read');
      await resolve(services, c.req.param('subject'), c.req.param('version'));
      return confluentJson(c, []);
    })
    .post('/subjects/:subject', async (c) => {
      await authorize(c, services, 'read');
      const subject = c.req.param('subject');
      const schema = await schemaFromBody(c, services);
      if (!(await findSubject(services.db, subject))) throw subjectNotFound(subject);
      const { hash } = canonicalize(schema);
      const rows = await listVersions(services.db, subject, { includeDeleted: flag(c.req.query('deleted')) });
      const match = rows.find((r) => r.hash === hash);
      if (!match) throw schemaNotFound(`with this content under subject '${subject}'`);
      return confluentJson(c, versionBody(match));
    })
    .delete('/subjects/:subject', async (c) => {
      const principal = await authorizeWrite(c, services, 'admin');
      const positions = await deleteSubject(services.db, { subject: c.req.param('subject'), permanent: flag(c.req.query('permanent')), actor: actorOf(principal) });
      services.reads.clear();
      return confluentJson(c, positions);
    })
    .delete('/subjects/:subject/versions/:version', async (c) => {
      const principal = await authorizeWrite(c, services, 'admin');
      const version = parseConfluentVersion(c.req.param('version'));
      const position = await deleteVersion(services.db, { subject: c.req.param('subject'), version, permanent: flag(c.req.query('permanent')), actor: actorOf(principal) });
      services.reads.clear();
      return confluentJson(c, position);
    });

const schemaRequest = { type: 'object', required: ['schema'], properties: { schema: { type: 'string' }, schemaType: { enum: ['JSON'] } } };
const deleted = queryParam('deleted', 'include soft-deleted', 'boolean');
const permanent = queryParam('permanent', 'hard delete (after a soft delete)', 'boolean');

export const confluentSubjectsRoutes: RouteModule = {
  name: 'confluent-subjects',
  create,
  openapi: {
    '/subjects': { get: op('List subjects (event types)', { parameters: [deleted] }) },
    '/subjects/{subject}': {
      post: op('Look up a schema under a subject', { parameters: [subjectParam, deleted], body: schemaRequest, responses: { '200': 'OK', '404': 'Unknown subject (40401) or schema (40403)' } }),
      delete: op('Delete a subject: soft, then with permanent=true hard (admin)', { auth: 'admin', parameters: [subjectParam, permanent], responses: { '200': 'Deleted positions', '404': '40401, 40404 or 40405' } }),
    },
    '/subjects/{subject}/versions': {
      get: op('Integer versions (positions) of a subject', { parameters: [subjectParam, deleted], responses: { '200': 'OK', '404': 'Unknown subject (40401)' } }),
      post: op('Register a JSON schema; it gets the inferred next semver version', {
        auth: 'publish',
        parameters: [subjectParam],
        body: schemaRequest,
        responses: { '200': '{ id, version, ... }', '409': 'Incompatible (40901)', '422': 'Invalid schema or remote $ref (42201), read-only (42205)' },
      }),
    },
    '/subjects/{subject}/versions/{version}': {
      get: op('One version', { parameters: [subjectParam, versionParam, deleted], responses: { '200': 'OK', '404': '40401 or 40402', '422': 'Invalid version (42202)' } }),
      delete: op('Delete a version: soft, then with permanent=true hard (admin)', { auth: 'admin', parameters: [subjectParam, versionParam, permanent], responses: { '200': 'The deleted position', '404': '40401, 40402, 40406 or 40407' } }),
    },
    '/subjects/{subject}/versions/{version}/schema': {
      get: op('The schema text only', { parameters: [subjectParam, versionParam], responses: { '200': 'OK', '404': '40401 or 40402' } }),
    },
    '/subjects/{subject}/versions/{version}/referencedby': {
      get: op('Schemas referencing this version (always empty: references are not supported)', { parameters: [subjectParam, versionParam] }),
    },
  },
};
