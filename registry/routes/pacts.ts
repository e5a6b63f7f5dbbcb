/**
 * Pacts, verification results, the matrix and can-i-deploy, on the Pact Broker's path
 * shapes (`/pacts/provider/{p}/consumer/{c}/version/{v}`), under `/v1`. Handlers
 * validate, call the store, and leave decisions to `contracts/can-i-deploy.ts`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { decideCanIDeploy, type VerificationRecord } from '#contracts/can-i-deploy.ts';
import type { PactFile } from '#contracts/pact-file.ts';
import { checkPactsAgainstCatalog } from '#contracts/pact-vs-schema.ts';
import { appendAudit } from '#registry/store/audit.ts';
import { findDocument } from '#registry/store/documents.ts';
import { findPact, insertVerification, latestPactsForProvider, listPactsOf, upsertPact, verificationsOf, type PactRow } from '#registry/store/pacts.ts';
import { actorOf, authorize, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { canonicalJson, sha256Hex } from '../domain/canonical.ts';
import { RegistryError, invalidRequest } from '../errors.ts';
import { readJsonBody, validate } from '../http.ts';
import { catalogFromBody } from './documents.ts';
import { op, pathParam, queryParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const name = z.string().min(1).max(200).regex(/^[A-Za-z0-9._@:+-]+$/, 'use letters, digits and . _ @ : + -');
const pactBody = z.looseObject({
  consumer: z.object({ name: z.string() }),
  provider: z.object({ name: z.string() }),
  interactions: z.array(z.looseObject({ description: z.string() })),
});
const verificationBody = z.object({
  providerApplicationVersion: z.string().min(1),
  success: z.boolean(),
  interactions: z.array(z.object({ description: z.string(), success: z.boolean(), mismatches: z.array(z.string()).default([]) })).default([]),
  buildUrl: z.string().optional(),
});

const pactNotFound = (p: string, c: string, v: string) =>
  new RegistryError(404, 40410, `No pact between consumer '${c}' version ${v} and provider '${p}'. Publish it with \`evc publish-pacts\`.`);

const params = (c: { req: { param(k: string): string } }) => ({
  provider: validate(name, c.req.param('provider'), 'provider'),
  consumer: validate(name, c.req.param('consumer'), 'consumer'),
  consumerVersion: validate(name, c.req.param('version'), 'version'),
});
const pactUrl = (r: PactRow) => `/v1/pacts/provider/${encodeURIComponent(r.provider)}/consumer/${encodeURIComponent(r.consumer)}/version/${encodeURIComponent(r.consumerVersion)}`;
const asRecord = (v: PactVerificationLike): VerificationRecord => ({ ...v, interactions: v.interactions as VerificationRecord['interactions'] });
type PactVerificationLike = Omit<VerificationRecord, 'interactions'> & { interactions: unknown };

const create = (services: Services) =>
  new Hono<AppEnv>()
    .put('/v1/pacts/provider/:provider/consumer/:consumer/version/:version', async (c) => {
      const principal = await authorizeWrite(c, services, 'publish');
      const key = params(c);
      const pact = validate(pactBody, await readJsonBody(c, 'pact'), 'pact');
      if (pact.consumer.name !== key.consumer || pact.provider.name !== key.provider) {
        throw invalidRequest(`The pact is between ${pact.consumer.name} and ${pact.provider.name}, but the path names consumer ${key.consumer} and provider ${key.provider}.`);
      }
      const canonical = canonicalJson(pact);
      const { row, created, changed } = await upsertPact(services.db, key, pact, sha256Hex(canonical), actorOf(principal));
      if (changed) await appendAudit(services.db, [{ actor: actorOf(principal), action: created ? 'pact-publish' : 'pact-replace', detail: key }]);
      return c.json({ ...key, interactions: pact.interactions.length, created, changed, url: pactUrl(row) }, created ? 201 : 200);
    })
    .get('/v1/pacts/provider/:provider/consumer/:consumer/version/:version', async (c) => {
      await authorize(c, services, 'read');
      const key = params(c);
      const row = await findPact(services.db, key);
      if (!row) throw pactNotFound(key.provider, key.consumer, key.consumerVersion);
      return c.json(row.content as object);
    })
    .get('/v1/pacts/provider/:provider/latest', async (c) => {
      await authorize(c, services, 'read');
      const provider = validate(name, c.req.param('provider'), 'provider');
      const rows = await latestPactsForProvider(services.db, provider);
      return c.json({ provider, pacts: rows.map((r) => ({ consumer: r.consumer, consumerVersion: r.consumerVersion, url: pactUrl(r), content: r.content })) });
    })
    .post('/v1/pacts/provider/:provider/consumer/:consumer/version/:version/verification-results', async (c) => {
      const principal = await authorizeWrite(c, services, 'publish');
      const key = params(c);
      const body = validate(verificationBody, await readJsonBody(c), 'verification result');
      const row = await findPact(services.db, key);
      if (!row) throw pactNotFound(key.provider, key.consumer, key.consumerVersion);
      const stored = await insertVerification(services.db, {
        pactId: row.id,
        providerVersion: body.providerApplicationVersion,
        success: body.success,
        interactions: body.interactions,
        verifiedBy: actorOf(principal),
        buildUrl: body.buildUrl ?? null,
      });
      await appendAudit(services.db, [{ actor: actorOf(principal), action: 'pact-verification', detail: { ...key, providerVersion: body.providerApplicationVersion, success: body.success } }]);
      return c.json({ id: stored.id, ...key, providerVersion: stored.providerVersion, success: stored.success }, 201);
    })
    .get('/v1/matrix', async (c) => {
      await authorize(c, services, 'read');
      const pacticipant = validate(name, c.req.query('pacticipant'), 'pacticipant');
      const version = c.req.query('version');
      const pacts = (await listPactsOf(services.db, pacticipant)).filter((p) => !version || p.consumer !== pacticipant || p.consumerVersion === version);
      const verifications = await verificationsOf(services.db, pacts.map((p) => p.id));
      const rows = pacts.flatMap((p): Record<string, unknown>[] => {
        const results = verifications.filter((v) => v.pactId === p.id && (!version || p.provider !== pacticipant || v.providerVersion === version));
        const base = { consumer: p.consumer, consumerVersion: p.consumerVersion, provider: p.provider, pactUrl: pactUrl(p), pactPublishedAt: p.updatedAt };
        if (results.length === 0) return [{ ...base, providerVersion: null, success: null, verifiedAt: null }];
        return results.map((v) => ({ ...base, providerVersion: v.providerVersion, success: v.success, verifiedAt: v.createdAt, failedInteractions: (v.interactions as { description: string; success: boolean }[]).filter((i) => !i.success).map((i) => i.description) }));
      });
      return c.json({ pacticipant, ...(version ? { version } : {}), matrix: rows });
    })
    .get('/v1/can-i-deploy', async (c) => {
      await authorize(c, services, 'read');
      const pacticipant = validate(name, c.req.query('pacticipant'), 'pacticipant');
      const version = validate(name, c.req.query('version'), 'version');
      const providerPacts = await latestPactsForProvider(services.db, pacticipant);
      const consumerPacts = (await listPactsOf(services.db, pacticipant)).filter((p) => p.consumer === pacticipant && p.consumerVersion === version);
      const verifications = (await verificationsOf(services.db, [...providerPacts, ...consumerPacts].map((p) => p.id))).map((v) => asRecord(v as never));
      let schema: { document: string; registered: boolean; findings: ReturnType<typeof checkPactsAgainstCatalog> } | undefined;
      if (providerPacts.length > 0) {
        const document = await findDocument(services.db, version);
        if (!document) schema = { document: version, registered: false, findings: [] };
        else {
          const catalog = await catalogFromBody(document.content, `document-${version}`, services);
          schema = { document: version, registered: true, findings: checkPactsAgainstCatalog(providerPacts.map((p) => p.content as PactFile), catalog, pacticipant) };
        }
      }
      const answer = decideCanIDeploy({ pacticipant, version, providerPacts, consumerPacts, verifications, ...(schema ? { schema } : {}) });
      return c.json(answer);
    });

const tags = ['pacts'];
const pactPath = [pathParam('provider', 'provider agent'), pathParam('consumer', 'consumer agent'), pathParam('version', 'consumer version')];
export const pactsRoutes: RouteModule = {
  name: 'pacts',
  create,
  openapi: {
    '/v1/pacts/provider/{provider}/consumer/{consumer}/version/{version}': {
      put: op('Publish a consumer pact (Pact V4 JSON); re-publishing identical content is a no-op', { tags, auth: 'publish', parameters: pactPath, body: { type: 'object' }, responses: { '201': 'Published', '200': 'Replaced or unchanged', '422': 'Invalid pact or names do not match the path' } }),
      get: op('The pact as published (a pact URL the Pact verifier can read)', { tags, parameters: pactPath, responses: { '200': 'Pact V4 JSON', '404': 'No such pact' } }),
    },
    '/v1/pacts/provider/{provider}/latest': {
      get: op('The latest pact of each consumer of a provider', { tags, parameters: [pathParam('provider', 'provider agent')] }),
    },
    '/v1/pacts/provider/{provider}/consumer/{consumer}/version/{version}/verification-results': {
      post: op('Record a provider verification result', { tags, auth: 'publish', parameters: pactPath, body: { type: 'object', required: ['providerApplicationVersion', 'success'], properties: { providerApplicationVersion: { type: 'string' }, success: { type: 'boolean' }, interactions: { type: 'array' }, buildUrl: { type: 'string' } } }, responses: { '201': 'Recorded', '404': 'No such pact' } }),
    },
    '/v1/matrix': {
      get: op('Pacts and verification results involving a pacticipant', { tags, parameters: [queryParam('pacticipant', 'agent name'), queryParam('version', 'only this version of the pacticipant')] }),
    },
    '/v1/can-i-deploy': {
      get: op('Can a pacticipant version be deployed? Pact verification + schema check, with every reason', { tags, parameters: [queryParam('pacticipant', 'agent name'), queryParam('version', 'its version (for a provider: the document version)')] }),
    },
  },
};
