/** Native events API: list events, their semver versions, diffs and compatibility checks. */
import { Hono } from 'hono';
import { z } from 'zod';
import { diffSchemas } from '#compat/index.ts';
import { findLatestVersion, findVersionBySemver, listAllVersions, listVersions, type StoredVersion } from '#registry/store/versions.ts';
import { authorize } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { checkCandidate } from '../domain/check.ts';
import { assertValidJsonSchema } from '../domain/json-schema.ts';
import { resolveStored } from '../domain/reference-resolution.ts';
import { parseVersion } from '#compat/semver.ts';
import { invalidVersion, subjectNotFound, versionNotFound } from '../errors.ts';
import { readJsonBody, sendPrepared, validate } from '../http.ts';
import { op, pathParam, queryParam, ref } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };

const versionView = (row: StoredVersion, withSchema: boolean) => ({
  eventType: row.subject,
  version: row.version,
  position: row.position,
  schemaId: row.schemaId,
  documentVersion: row.documentVersion,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  ...(withSchema ? { schema: JSON.parse(row.canonical) as unknown } : {}),
});

const compatibilityBody = z.object({ schema: z.union([z.record(z.string(), z.unknown()), z.boolean()]), version: z.string().optional() });

async function resolveVersion(services: Services, eventType: string, version: string): Promise<StoredVersion> {
  if (version !== 'latest' && !parseVersion(version)) throw invalidVersion(version);
  const row = version === 'latest' ? await findLatestVersion(services.db, eventType, 'semver') : await findVersionBySemver(services.db, eventType, version);
  if (row) return row;
  const any = await listVersions(services.db, eventType);
  throw any.length === 0 ? subjectNotFound(eventType) : versionNotFound(eventType, version);
}

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/v1/events', async (c) => {
      await authorize(c, services, 'read');
      const rows = await listAllVersions(services.db);
      const bySubject = new Map<string, StoredVersion[]>();
      for (const row of rows) bySubject.set(row.subject, [...(bySubject.get(row.subject) ?? []), row]);
      const events = [...bySubject].map(([eventType, versions]) => {
        const latest = versions.at(-1)!;
        return { eventType, latest: latest.version, latestSchemaId: latest.schemaId, versions: versions.map((v) => v.version) };
      });
      return c.json({ events });
    })
    .get('/v1/events/:eventType/versions', async (c) => {
      await authorize(c, services, 'read');
      const eventType = c.req.param('eventType');
      const rows = await listVersions(services.db, eventType);
      if (rows.length === 0) throw subjectNotFound(eventType);
      return c.json({ eventType, versions: rows.map((r) => versionView(r, false)) });
    })
    .get('/v1/events/:eventType/versions/:version', async (c) => {
      await authorize(c, services, 'read');
      const eventType = c.req.param('eventType');
      const version = c.req.param('version');
      const body = await services.reads.get(`v1\u0000${eventType}\u0000${version}`, JSON_HEADERS, async () => {
        const row = await resolveVersion(services, eventType, version);
        // The canonical text is already JSON: splice it in rather than parse and re-serialise it.
        const view = JSON.stringify(versionView(row, false));
        return `${view.slice(0, -1)},"schema":${row.canonical}}`;
      });
      return sendPrepared(body);
    })
    .get('/v1/events/:eventType/diff', async (c) => {
      await authorize(c, services, 'read');
      const eventType = c.req.param('eventType');
      const fromText = c.req.query('from');
      if (!fromText) throw invalidVersion('(missing ?from=)');
      const from = await resolveVersion(services, eventType, fromText);
      const to = await resolveVersion(services, eventType, c.req.query('to') ?? 'latest');
      // Versions registered with Confluent schema references are compared with them resolved.
      const resolved = await resolveStored(services.db, [from, to]);
      const changes = diffSchemas(resolved.get(from.schemaId) ?? JSON.parse(from.canonical), resolved.get(to.schemaId) ?? JSON.parse(to.canonical));
      return c.json({ eventType, from: from.version, to: to.version, changes });
    })
    .post('/v1/events/:eventType/compatibility', async (c) => {
      await authorize(c, services, 'read');
      const eventType = c.req.param('eventType');
      const body = validate(compatibilityBody, await readJsonBody(c));
      if (body.version !== undefined && !parseVersion(body.version)) throw invalidVersion(body.version);
      const schema = assertValidJsonSchema(body.schema);
      await services.offload.schema(schema);
      const { report, historySize } = await checkCandidate(services.db, { subject: eventType, schema, ...(body.version ? { version: body.version } : {}) });
      return c.json({ eventType, historySize, ...report });
    });

const eventParam = pathParam('eventType', 'event type, e.g. Prompt.Creation.Requested');

export const eventsRoutes: RouteModule = {
  name: 'events',
  create,
  openapi: {
    '/v1/events': { get: op('List event types with their latest and all semver versions', { tags: ['events'] }) },
    '/v1/events/{eventType}/versions': {
      get: op('Versions of one event type, ascending semver', { tags: ['events'], parameters: [eventParam], responses: { '200': 'OK', '404': 'Unknown event type (40401)' } }),
    },
    '/v1/events/{eventType}/versions/{version}': {
      get: op('One version (semver or `latest`) with its schema', {
        tags: ['events'],
        parameters: [eventParam, pathParam('version', 'semver or latest')],
        responses: { '200': 'OK', '404': 'Unknown event type (40401) or version (40402)', '422': 'Not a semver (42202)' },
      }),
    },
    '/v1/events/{eventType}/diff': {
      get: op('Typed changes between two versions', {
        tags: ['events'],
        parameters: [eventParam, queryParam('from', 'semver (required)'), queryParam('to', 'semver or latest (default latest)')],
        responses: { '200': 'OK', '404': 'Unknown event type or version' },
      }),
    },
    '/v1/events/{eventType}/compatibility': {
      post: op('Check a candidate schema: changes, verdict, required bump, suggested version', {
        tags: ['events'],
        parameters: [eventParam],
        body: { type: 'object', required: ['schema'], properties: { schema: { type: 'object' }, version: { type: 'string' } } },
        responses: { '200': { description: 'The compatibility report', schema: ref('CompatReport') }, '422': 'Invalid schema or version' },
      }),
    },
  },
};
