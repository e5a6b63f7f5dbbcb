/**
 * Confluent `POST /compatibility/subjects/{s}/versions[/{v}]`. Against `latest` or no
 * version, the candidate is checked against the history the subject's level names;
 * against an explicit version, only that one (transitivity does not apply).
 */
import { Hono } from 'hono';
import { authorize } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { checkCandidate, violationMessages } from '../domain/check.ts';
import { subjectNotFound, versionNotFound } from '../errors.ts';
import { confluentJson, flag, parseConfluentVersion } from '../http.ts';
import { listVersions } from '#registry/store/versions.ts';
import { confluentOp as op, subjectParam, versionParam } from './confluent-openapi.ts';
import { queryParam } from './openapi-helpers.ts';
import { schemaFromBody, schemaRequest } from './confluent-body.ts';
import type { RouteModule } from './types.ts';
import type { Context } from 'hono';

async function check(c: Context<AppEnv>, services: Services, versionText?: string) {
  await authorize(c, services, 'read');
  const subject = c.req.param('subject')!;
  // The engine compares the candidate with its references resolved (history is resolved in domain/history.ts).
  const { resolved: schema } = await schemaFromBody(c, services);
  const version = versionText === undefined ? undefined : parseConfluentVersion(versionText);
  if (version !== undefined) {
    const rows = await listVersions(services.db, subject);
    if (rows.length === 0) throw subjectNotFound(subject);
    if (version !== 'latest' && !rows.some((r) => r.position === version)) throw versionNotFound(subject, version);
  }
  const { report } = await checkCandidate(services.db, {
    subject,
    schema,
    ...(typeof version === 'number' ? { against: (history) => history.filter((h) => h.position === version) } : {}),
  });
  // A change that needs a new major line is what Confluent calls incompatible.
  const compatible = report.compatible && (report.requiredBump !== 'major' || report.level === 'NONE');
  const messages = violationMessages(report);
  if (!compatible && messages.length === 0) messages.push(`the change needs a major version bump (suggested ${report.suggestedVersion})`);
  return confluentJson(c, flag(c.req.query('verbose')) ? { is_compatible: compatible, messages } : { is_compatible: compatible });
}

const create = (services: Services) =>
  new Hono<AppEnv>()
    .post('/compatibility/subjects/:subject/versions/:version', (c) => check(c, services, c.req.param('version')))
    .post('/compatibility/subjects/:subject/versions', (c) => check(c, services));

const body = schemaRequest;
const verbose = queryParam('verbose', 'include messages', 'boolean');

export const confluentCompatibilityRoutes: RouteModule = {
  name: 'confluent-compatibility',
  create,
  openapi: {
    '/compatibility/subjects/{subject}/versions/{version}': {
      post: op('Is a schema compatible with one version (or latest, under the subject level)?', { parameters: [subjectParam, versionParam, verbose], body, responses: { '200': '{ is_compatible, messages? }', '404': '40401 or 40402', '422': '42201 or 42202' } }),
    },
    '/compatibility/subjects/{subject}/versions': {
      post: op('Is a schema compatible with the versions the subject level names?', { parameters: [subjectParam, verbose], body, responses: { '200': '{ is_compatible, messages? }', '422': '42201' } }),
    },
  },
};
