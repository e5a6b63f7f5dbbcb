/**
 * Confluent-compatible subjects API (docs.confluent.io, Schema Registry API reference,
 * "Subjects"). Versions here are the integer positions of our semver versions; a schema
 * registered here gets the inferred next semver version.
 */
import { Hono } from 'hono';
import { findSubject } from '#registry/store/subjects.ts';
import { findLatestVersion, findVersionByPosition, listAllVersions, listVersions, type StoredVersion } from '#registry/store/versions.ts';
import { actorOf, authorize, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { referencesField, type SchemaReference } from '../domain/references.ts';
import { findReferencers, listReferences } from '#registry/store/references.ts';
import { schemaFromBody, schemaRequest } from './confluent-body.ts';
import { selectRows, selectSubjects, type ListingQuery } from '../domain/confluent-listing.ts';
import { deleteSubject, deleteVersion } from '../domain/delete.ts';
import { registerSchema } from '../domain/register-schema.ts';
import { invalidRequest, invalidSchema, schemaNotFound, subjectNotFound, versionNotFound } from '../errors.ts';
import { CONFLUENT_JSON, confluentJson, flag, parseConfluentVersion, parseJsonText, readJsonBody, sendPrepared, validate } from '../http.ts';
import { confluentOp as op, subjectParam, versionParam } from './confluent-openapi.ts';
import { queryParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const CONFLUENT_HEADERS = { 'content-type': CONFLUENT_JSON };

/** Confluent's listing parameters from the query string (domain/confluent-listing.ts). */
export const listingQuery = (c: { req: { query(name: string): string | undefined } }): Required<Pick<ListingQuery, 'deleted' | 'deletedOnly' | 'latestOnly'>> & ListingQuery => {
  const int = (name: string) => {
    const raw = c.req.query(name);
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw invalidRequest(`Query parameter ${name} must be a non-negative integer, got ${JSON.stringify(raw)}.`);
    return Number(raw);
  };
  const offset = int('offset');
  const limit = int('limit');
  return {
    subjectPrefix: c.req.query('subjectPrefix'),
    deleted: flag(c.req.query('deleted')),
    deletedOnly: flag(c.req.query('deletedOnly')),
    latestOnly: flag(c.req.query('latestOnly')),
    ...(offset !== undefined ? { offset } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
};

/** Confluent's version object; `references` only when the schema has some (as Confluent). */
export const versionBody = (row: StoredVersion, references?: SchemaReference[]) => ({
  subject: row.subject,
  version: row.position,
  id: row.schemaId,
  schemaType: 'JSON',
  ...referencesField(references),
  schema: row.canonical,
});

const referencesOf = async (services: Services, schemaId: number) => (await listReferences(services.db, [schemaId])).get(schemaId);

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
      const query = listingQuery(c);
      const rows = await listAllVersions(services.db, { includeDeleted: query.deleted || query.deletedOnly });
      return confluentJson(c, selectSubjects(rows, query));
    })
    .get('/subjects/:subject/versions', async (c) => {
      await authorize(c, services, 'read');
      const subject = c.req.param('subject');
      const all = await listVersions(services.db, subject, { includeDeleted: true });
      if (all.length === 0) throw subjectNotFound(subject);
      const query = listingQuery(c);
      const rows = selectRows(all, { deleted: query.deleted, deletedOnly: query.deletedOnly });
      if (rows.length === 0 && !query.deletedOnly) throw subjectNotFound(subject);
      return confluentJson(c, rows.map((r) => r.position));
    })
    .post('/subjects/:subject/versions', async (c) => {
      const principal = await authorizeWrite(c, services, 'publish');
      const subject = c.req.param('subject');
      const candidate = await schemaFromBody(c, services);
      const { schema, resolved, references } = candidate;
      const result = await registerSchema(services.db, { subject, schema, resolved, references, actor: actorOf(principal) });
      if (result.created) services.reads.clear();
      if (result.created) services.metrics.observeOutcome('registered', 'confluent', false);
      return confluentJson(c, { id: result.id, subject, version: result.position, schemaType: 'JSON', ...referencesField(references), schema: candidate.canonical });
    })
    .get('/subjects/:subject/versions/:version', async (c) => {
      await authorize(c, services, 'read');
      const subject = c.req.param('subject');
      const version = c.req.param('version');
      const deleted = flag(c.req.query('deleted'));
      const body = await services.reads.get(`cf\u0000${subject}\u0000${version}\u0000${deleted}`, CONFLUENT_HEADERS, async () =>
        {
          const row = await resolve(services, subject, version, deleted);
          return JSON.stringify(versionBody(row, await referencesOf(services, row.schemaId)));
        },
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
      const row = await resolve(services, c.req.param('subject'), c.req.param('version'));
      const referencers = await findReferencers(services.db, row.subject, [row.position]);
      return confluentJson(c, [...new Set(referencers.map((r) => r.schemaId))]);
    })
    .post('/subjects/:subject', async (c) => {
      await authorize(c, services, 'read');
      const subject = c.req.param('subject');
      const { hash, references } = await schemaFromBody(c, services);
      if (!(await findSubject(services.db, subject))) throw subjectNotFound(subject);
      // The hash covers the references too: the same text with other references is not a match.
      const rows = await listVersions(services.db, subject, { includeDeleted: flag(c.req.query('deleted')) });
      const match = rows.find((r) => r.hash === hash);
      if (!match) throw schemaNotFound(`with this content${references.length > 0 ? ' and these references' : ''} under subject '${subject}'`);
      return confluentJson(c, versionBody(match, references));
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

const deleted = queryParam('deleted', 'include soft-deleted', 'boolean');
const deletedOnly = queryParam('deletedOnly', 'only soft-deleted subjects/versions', 'boolean');
const subjectPrefix = queryParam('subjectPrefix', 'only subjects starting with this (":*:" = all)', 'string');
const permanent = queryParam('permanent', 'hard delete (after a soft delete)', 'boolean');

export const confluentSubjectsRoutes: RouteModule = {
  name: 'confluent-subjects',
  create,
  openapi: {
    '/subjects': { get: op('List subjects (event types)', { parameters: [subjectPrefix, deleted, deletedOnly] }) },
    '/subjects/{subject}': {
      post: op('Look up a schema under a subject', { parameters: [subjectParam, deleted], body: schemaRequest, responses: { '200': 'OK', '404': 'Unknown subject (40401) or schema (40403)' } }),
      delete: op('Delete a subject: soft, then with permanent=true hard (admin)', { auth: 'admin', parameters: [subjectParam, permanent], responses: { '200': 'Deleted positions', '404': '40401, 40404 or 40405', '422': 'A version is referenced (42206)' } }),
    },
    '/subjects/{subject}/versions': {
      get: op('Integer versions (positions) of a subject', { parameters: [subjectParam, deleted, deletedOnly], responses: { '200': 'OK', '404': 'Unknown subject (40401)' } }),
      post: op('Register a JSON schema; it gets the inferred next semver version', {
        auth: 'publish',
        parameters: [subjectParam],
        body: schemaRequest,
        responses: { '200': '{ id, version, ... }', '409': 'Incompatible (40901)', '422': 'Invalid schema, remote $ref or missing reference (42201), read-only (42205)' },
      }),
    },
    '/subjects/{subject}/versions/{version}': {
      get: op('One version', { parameters: [subjectParam, versionParam, deleted], responses: { '200': 'OK', '404': '40401 or 40402', '422': 'Invalid version (42202)' } }),
      delete: op('Delete a version: soft, then with permanent=true hard (admin)', { auth: 'admin', parameters: [subjectParam, versionParam, permanent], responses: { '200': 'The deleted position', '404': '40401, 40402, 40406 or 40407', '422': 'Referenced by another schema (42206)' } }),
    },
    '/subjects/{subject}/versions/{version}/schema': {
      get: op('The schema text only', { parameters: [subjectParam, versionParam], responses: { '200': 'OK', '404': '40401 or 40402' } }),
    },
    '/subjects/{subject}/versions/{version}/referencedby': {
      get: op('Ids of the schemas whose references name this version (live or soft-deleted versions use them)', { parameters: [subjectParam, versionParam], responses: { '200': '[id, ...]', '404': '40401 or 40402' } }),
    },
  },
};
