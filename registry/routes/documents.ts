/**
 * Native documents API: `POST /v1/documents` registers every event of an AsyncAPI
 * document (raw YAML or JSON body) in one transaction; GETs return stored documents.
 */
import { Hono } from 'hono';
import { CatalogError } from '#catalog/errors.ts';
import type { Catalog } from '#catalog/model.ts';
import { findDocument, listDocuments } from '#registry/store/documents.ts';
import { actorOf, authorize, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { registerDocument } from '../domain/register-document.ts';
import { RegistryError, invalidRequest, invalidSchema } from '../errors.ts';
import { flag } from '../http.ts';
import { op, pathParam, queryParam, ref } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

/**
 * Parses the body into the catalog, in a worker with a time limit (offload/tasks.ts
 * `checkedCatalog`: no remote or file refs, every event schema processable). Bad
 * YAML/JSON/AsyncAPI becomes 422 with `file:line:col`; a limit, 413/422 naming it.
 */
export async function catalogFromBody(text: string, file: string, services: Pick<Services, 'catalogs' | 'offload'>): Promise<Catalog> {
  if (text.trim() === '') throw invalidRequest('The request body is empty: send an AsyncAPI document (YAML or JSON).');
  try {
    return await services.catalogs.get(text, file, () => services.offload.document(text, file));
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    const errors = error.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0] ?? error.diagnostics[0];
    const where = first ? `${first.file}:${first.line}:${first.col}` : file;
    const limit = first?.code.startsWith('limit-') || first?.code === 'input-too-deep' || first?.code === 'input-too-large' ? first.code.replace(/^limit-/, '') : undefined;
    const status = first?.code === 'input-too-large' || first?.code === 'limit-document-bytes' || first?.code === 'limit-total-nodes' || first?.code === 'limit-string-length' ? 413 : 422;
    throw new RegistryError(status, status === 413 ? 41301 : 42201, `Invalid AsyncAPI document at ${where}: ${first?.message ?? error.message}${first?.hint ? ` (${first.hint})` : ''}`, {
      ...(first ? { line: first.line, col: first.col, pointer: first.pointer } : {}),
      ...(limit ? { limit: limit === 'input-too-deep' ? 'nesting-depth' : limit === 'input-too-large' ? 'document-bytes' : limit } : {}),
      diagnostics: error.diagnostics,
    });
  }
}

const create = (services: Services) =>
  new Hono<AppEnv>()
    .post('/v1/documents', async (c) => {
      const dryRun = flag(c.req.query('dryRun'));
      const principal = dryRun ? await authorize(c, services, 'read') : await authorizeWrite(c, services, 'publish');
      const file = c.req.query('file') ?? c.req.header('x-evc-file') ?? 'asyncapi.yaml';
      const text = await c.req.text();
      const catalog = await catalogFromBody(text, file, services);
      const report = await registerDocument(services.db, { catalog, raw: text, dryRun, actor: principal ? actorOf(principal) : 'anonymous' });
      for (const e of report.events) services.metrics.observeOutcome(e.status, 'document', dryRun);
      if (!dryRun && report.summary.registered > 0) services.reads.clear();
      if (!report.ok) {
        const rejected = report.events.filter((e) => e.status === 'rejected').map((e) => `${e.eventType} ${e.declaredVersion}`);
        const message =
          report.document.status === 'rejected' && rejected.length === 0
            ? report.document.message!
            : `${rejected.length} event(s) rejected: ${rejected.join(', ')}. Nothing was registered.`;
        throw new RegistryError(409, 40901, message, { report });
      }
      const created = !dryRun && (report.summary.registered > 0 || report.document.status === 'new');
      return c.json(report, created ? 201 : 200);
    })
    .get('/v1/documents', async (c) => {
      await authorize(c, services, 'read');
      return c.json({ documents: await listDocuments(services.db) });
    })
    .get('/v1/documents/:version', async (c) => {
      await authorize(c, services, 'read');
      const version = c.req.param('version');
      const doc = await findDocument(services.db, version);
      if (!doc) throw new RegistryError(404, 40402, `Document version ${version} not found. List documents with GET /v1/documents.`);
      if (flag(c.req.query('raw'))) {
        const yaml = !doc.content.trimStart().startsWith('{');
        return c.body(doc.content, 200, { 'content-type': yaml ? 'application/yaml; charset=utf-8' : 'application/json; charset=utf-8' });
      }
      return c.json({ version: doc.version, title: doc.title, sha256: doc.contentSha256, createdBy: doc.createdBy, createdAt: doc.createdAt, content: doc.content });
    });

export const documentsRoutes: RouteModule = {
  name: 'documents',
  create,
  openapi: {
    '/v1/documents': {
      post: op('Register every event of an AsyncAPI document in one transaction (all or nothing)', {
        tags: ['documents'],
        auth: 'publish',
        parameters: [
          queryParam('dryRun', 'true: check only, write nothing (needs only read access)', 'boolean'),
          queryParam('file', 'file name used in line:col messages'),
        ],
        body: { raw: 'The AsyncAPI 3 document, YAML or JSON, as the raw body (curl --data-binary @asyncapi.yaml)' },
        responses: {
          '200': { description: 'Dry run, or nothing new: the per-event report', schema: ref('DocumentReport') },
          '201': { description: 'Registered: the per-event report', schema: ref('DocumentReport') },
          '409': 'Rejected (40901): the body carries the report under `report`',
          '413': 'Body over 5 MB',
          '422': 'Invalid YAML, JSON or AsyncAPI, or a remote $ref (42201), with line:col or pointer',
        },
      }),
      get: op('List stored documents (by info.version)', { tags: ['documents'] }),
    },
    '/v1/documents/{version}': {
      get: op('One stored document; ?raw=true returns the document as uploaded', {
        tags: ['documents'],
        parameters: [pathParam('version', 'info.version'), queryParam('raw', 'return the raw document', 'boolean')],
        responses: { '200': 'OK', '404': 'Unknown document version' },
      }),
    },
  },
};
