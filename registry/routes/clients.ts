/**
 * `GET /v1/clients/{agent}.tgz?document={version|latest}`: an agent's typed client as an
 * npm-installable tarball. Built on the first request for (document hash, agent, generator
 * version) and served from the database afterwards. Owner: generators.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { GENERATOR_VERSION, planCatalog } from '#generators/index.ts';
import { bundlePackageName } from '#generators/bundle/build.ts';
import { findDocument, listDocuments } from '#registry/store/documents.ts';
import { findClientBundle, insertClientBundle, withBundleLock, type BundleKey } from '#registry/store/client-bundles.ts';
import type { DocumentRow } from '#registry/db/schema/documents.ts';
import { authorize } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { RegistryError } from '../errors.ts';
import { requestHeader } from '../http.ts';
import { op, pathParam, queryParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const documentNotFound = (version: string) =>
  new RegistryError(404, 40402, `Document version ${version} not found. List documents with GET /v1/documents, or use ?document=latest.`);

/**
 * `latest` for an agent is the most recently registered document that contains the agent.
 * Versions only go up within one document (register-document.ts), and documents with other
 * titles have their own version lines, so registration order is the order that holds across
 * documents; a newer document without this agent does not hide the agent's client. Documents
 * are read through the catalog cache and the offload (a large one in a worker).
 */
export async function resolveDocument(services: Services, wanted: string, agent: string): Promise<DocumentRow> {
  if (wanted !== 'latest') {
    const doc = await findDocument(services.db, wanted);
    if (!doc) throw documentNotFound(wanted);
    return doc; // the bundle worker refuses an agent this document does not have (404 40410)
  }
  const docs = await listDocuments(services.db);
  if (docs.length === 0) throw new RegistryError(404, 40402, 'No document is registered yet. Publish one with `evc publish <file>`.');
  const known = new Set<string>();
  for (const summary of docs) {
    const doc = await findDocument(services.db, summary.version);
    if (!doc) continue;
    const file = `registry:${doc.version}`;
    const catalog = await services.catalogs.get(doc.content, file, () => services.offload.document(doc.content, file));
    const agents = planCatalog(catalog).agents.map((a) => a.agent);
    if (agents.includes(agent)) return doc;
    for (const a of agents) known.add(a);
  }
  const older = docs.length > 1 ? ` or in any of the ${docs.length - 1} older document(s)` : '';
  const valid = [...known].sort();
  throw new RegistryError(404, 40410, `Agent '${agent}' not found in document ${docs[0]!.version}${older}. Valid agents: ${valid.join(', ')}.`, { validAgents: valid });
}

/** Builds in flight per app (per database), so concurrent first requests for one key build once. */
const inFlight = new WeakMap<Services, Map<string, Promise<{ tarball: Buffer; built: boolean }>>>();

async function bundleFor(services: Services, doc: DocumentRow, agent: string): Promise<{ tarball: Buffer; sha256: string; cached: boolean }> {
  const key: BundleKey = { documentSha256: doc.contentSha256, agent, generatorVersion: GENERATOR_VERSION };
  const hit = await findClientBundle(services.db, key);
  if (hit) return { tarball: Buffer.from(hit.tarballBase64, 'base64'), sha256: hit.tarballSha256, cached: true };
  const id = `${key.documentSha256}\u0000${agent}\u0000${key.generatorVersion}`;
  let building = inFlight.get(services);
  if (!building) inFlight.set(services, (building = new Map()));
  let pending = building.get(id);
  if (!pending) {
    // Other instances on the same database may be building it too: the lock makes one build.
    pending = withBundleLock(services.db, key, async (tx) => {
      const stored = await findClientBundle(tx, key);
      if (stored) return { tarball: Buffer.from(stored.tarballBase64, 'base64'), built: false };
      // Reading the document and seconds of TypeScript compilation: in a worker, with a time
      // limit (offload/). The worker also refuses an agent the document does not have (404 40410).
      const tarball = await services.offload.bundle(doc.content, `registry:${doc.version}`, agent, doc.version);
      const sha256 = createHash('sha256').update(tarball).digest('hex');
      await insertClientBundle(tx, {
        ...key,
        documentVersion: doc.version,
        tarballBase64: tarball.toString('base64'),
        sizeBytes: tarball.length,
        tarballSha256: sha256,
      });
      return { tarball, built: true };
    }).finally(() => building.delete(id));
    building.set(id, pending);
  }
  const { tarball, built } = await pending;
  // `cached: false` only where the bundle was built: another instance may have built it first.
  return { tarball, sha256: createHash('sha256').update(tarball).digest('hex'), cached: !built };
}

const create = (services: Services) =>
  new Hono<AppEnv>().get('/v1/clients/:file{.+\\.tgz}', async (c) => {
    await authorize(c, services, 'read');
    const agent = c.req.param('file').replace(/\.tgz$/, '');
    const doc = await resolveDocument(services, c.req.query('document') ?? 'latest', agent);
    const { tarball, sha256, cached } = await bundleFor(services, doc, agent);
    const etag = `"${sha256}"`;
    const headers = {
      'content-type': 'application/gzip',
      'content-disposition': `attachment; filename="${bundlePackageName(agent).replace('@', '').replace('/', '-')}-${doc.version}.tgz"`,
      etag,
      // Revalidate: `latest` moves, and a new generator version changes the bytes.
      'cache-control': 'no-cache',
      'x-evc-document-version': doc.version,
      'x-evc-bundle-cache': cached ? 'hit' : 'miss',
    };
    if (requestHeader(c, 'if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(tarball), 200, headers);
  });

export const clientsRoutes: RouteModule = {
  name: 'clients',
  create,
  openapi: {
    '/v1/clients/{agent}.tgz': {
      get: op('Download the typed client of an agent as an npm-installable tarball', {
        tags: ['clients'],
        parameters: [
          pathParam('agent', 'Agent id (one of the document\'s agents)'),
          queryParam('document', 'Document version, or `latest` (default): the most recently registered document that contains the agent'),
        ],
        responses: {
          '200': { description: 'The .tgz (`npm install ./file.tgz`)', schema: { type: 'string', format: 'binary' } },
          '304': 'Not modified (If-None-Match matched the ETag)',
          '404': 'Unknown agent (the body lists the valid agents) or document version',
        },
        auth: 'read',
      }),
    },
  },
};
