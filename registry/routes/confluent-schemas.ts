/** Confluent `/schemas/ids/{id}…`: immutable, cached, ETag + `Cache-Control: immutable`. */
import { Hono } from 'hono';
import { listReferences } from '#registry/store/references.ts';
import { findSchemaUsages } from '#registry/store/schemas.ts';
import { listAllVersions } from '#registry/store/versions.ts';
import { selectRows } from '../domain/confluent-listing.ts';
import { referencesField } from '../domain/references.ts';
import { authorize } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { IMMUTABLE, etagOf } from '../id-cache.ts';
import { CONFLUENT_JSON, confluentJson, flag, parseId, prepareBody, requestHeader, sendPrepared } from '../http.ts';
import { confluentOp as op } from './confluent-openapi.ts';
import { pathParam, queryParam } from './openapi-helpers.ts';
import { loadSchema, notModified } from './schema-lookup.ts';
import { listingQuery, versionBody } from './confluent-subjects.ts';
import type { RouteModule } from './types.ts';

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/schemas', async (c) => {
      await authorize(c, services, 'read');
      const query = listingQuery(c);
      const rows = selectRows(await listAllVersions(services.db, { includeDeleted: query.deleted || query.deletedOnly }), query);
      const references = await listReferences(services.db, rows.map((r) => r.schemaId));
      return confluentJson(c, rows.map((r) => versionBody(r, references.get(r.schemaId))));
    })
    .get('/schemas/ids/:id', async (c) => {
      await authorize(c, services, 'read');
      const schema = await loadSchema(services, parseId(c.req.param('id')));
      const headers = { etag: etagOf(schema.hash), 'cache-control': IMMUTABLE };
      if (notModified(requestHeader(c, 'if-none-match'), schema.hash)) return c.body(null, 304, headers);
      // Rendered and encoded once per id and kept with the cached row: the body never changes.
      schema.confluentBody ??= prepareBody(JSON.stringify({ schemaType: schema.schemaType, ...referencesField(schema.references), schema: schema.canonical }), { ...headers, 'content-type': CONFLUENT_JSON });
      return sendPrepared(schema.confluentBody);
    })
    .get('/schemas/ids/:id/schema', async (c) => {
      await authorize(c, services, 'read');
      const schema = await loadSchema(services, parseId(c.req.param('id')));
      return c.body(schema.canonical, 200, { etag: etagOf(schema.hash), 'cache-control': IMMUTABLE, 'content-type': CONFLUENT_JSON });
    })
    .get('/schemas/ids/:id/versions', async (c) => {
      await authorize(c, services, 'read');
      const id = parseId(c.req.param('id'));
      await loadSchema(services, id);
      return confluentJson(c, await findSchemaUsages(services.db, id, { includeDeleted: flag(c.req.query('deleted')) }));
    })
    .get('/schemas/ids/:id/subjects', async (c) => {
      await authorize(c, services, 'read');
      const id = parseId(c.req.param('id'));
      await loadSchema(services, id);
      const usages = await findSchemaUsages(services.db, id, { includeDeleted: flag(c.req.query('deleted')) });
      return confluentJson(c, [...new Set(usages.map((u) => u.subject))]);
    })
    .get('/schemas/types', async (c) => {
      await authorize(c, services, 'read');
      return confluentJson(c, ['JSON']);
    });

const idParam = pathParam('id', 'global schema id');

export const confluentSchemasRoutes: RouteModule = {
  name: 'confluent-schemas',
  create,
  openapi: {
    '/schemas': {
      get: op('Every version of every subject: { subject, version, id, schemaType, references?, schema }', {
        parameters: [
          queryParam('subjectPrefix', 'only subjects starting with this (":*:" = all)'),
          queryParam('deleted', 'include soft-deleted versions', 'boolean'),
          queryParam('latestOnly', 'only the latest version of each subject', 'boolean'),
          queryParam('offset', 'skip this many', 'integer'),
          queryParam('limit', 'at most this many', 'integer'),
        ],
      }),
    },
    '/schemas/ids/{id}': { get: op('A schema by global id (ETag, Cache-Control: immutable)', { parameters: [idParam], responses: { '200': '{ schemaType, references?, schema }', '304': 'Not modified', '404': 'Unknown id (40403)' } }) },
    '/schemas/ids/{id}/schema': { get: op('The schema text only', { parameters: [idParam], responses: { '200': 'OK', '404': '40403' } }) },
    '/schemas/ids/{id}/versions': { get: op('Subject/version pairs using this id', { parameters: [idParam], responses: { '200': 'OK', '404': '40403' } }) },
    '/schemas/ids/{id}/subjects': { get: op('Subjects using this id', { parameters: [idParam], responses: { '200': 'OK', '404': '40403' } }) },
    '/schemas/types': { get: op('Supported schema types: ["JSON"]') },
  },
};
