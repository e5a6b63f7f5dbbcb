/** Native `GET /v1/schemas/{id}`: immutable, so cached and served with an ETag. */
import { Hono } from 'hono';
import { authorize } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { loadSchema, notModified } from './schema-lookup.ts';
import { IMMUTABLE, etagOf } from '../id-cache.ts';
import { parseId, prepareBody, requestHeader, sendPrepared } from '../http.ts';
import { op, pathParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const create = (services: Services) =>
  new Hono<AppEnv>().get('/v1/schemas/:id', async (c) => {
    await authorize(c, services, 'read');
    const schema = await loadSchema(services, parseId(c.req.param('id')));
    const headers = { etag: etagOf(schema.hash), 'cache-control': IMMUTABLE };
    if (notModified(requestHeader(c, 'if-none-match'), schema.hash)) return c.body(null, 304, headers);
    schema.nativeBody ??= prepareBody(`{"id":${schema.id},"schemaType":"${schema.schemaType}","hash":"${schema.hash}","schema":${schema.canonical}}`, {
      ...headers,
      'content-type': 'application/json',
    });
    return sendPrepared(schema.nativeBody);
  });

export const schemasV1Routes: RouteModule = {
  name: 'schemas-v1',
  create,
  openapi: {
    '/v1/schemas/{id}': {
      get: op('A schema by its global immutable id (ETag, Cache-Control: immutable)', {
        tags: ['schemas'],
        parameters: [pathParam('id', 'global schema id')],
        responses: { '200': 'OK', '304': 'Not modified (If-None-Match)', '404': 'Unknown id (40403)' },
      }),
    },
  },
};
