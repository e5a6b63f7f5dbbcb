/**
 * Broker pacts (docs.pact.io/pact_broker/api): `POST /contracts/publish` (what
 * `pact-broker publish` and pact-js send), the older per-pact `PUT`, the pact and
 * pact-version resources with the links the verifier follows, and verification results,
 * which are recorded against the pact's content so that every consumer version with
 * identical content counts as verified.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { baseOf, brokerError, hal, paths } from '#registry/broker/hal.ts';
import { publishPact } from '#registry/broker/publish.ts';
import { appendAudit } from '#registry/store/audit.ts';
import { ensureVersion, pactBySha } from '#registry/store/broker.ts';
import { findPact, insertVerification, latestPactsForProvider, type PactRow } from '#registry/store/pacts.ts';
import { actorOf, authorize, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { readJsonBody, validate } from '../http.ts';
import { op, pathParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

export const brokerName = z.string().min(1).max(200).regex(/^[^/\u0000-\u001f]+$/, 'no slashes or control characters');
const pactBody = z.looseObject({ consumer: z.object({ name: brokerName }), provider: z.object({ name: brokerName }) });
const publishBody = z.object({
  pacticipantName: brokerName,
  pacticipantVersionNumber: brokerName,
  branch: brokerName.optional(),
  tags: z.array(brokerName).optional(),
  buildUrl: z.string().optional(),
  contracts: z
    .array(z.object({ consumerName: brokerName, providerName: brokerName, specification: z.literal('pact'), contentType: z.string().optional(), content: z.string().min(1), onConflict: z.enum(['overwrite', 'merge']).optional() }))
    .min(1),
});
const verificationBody = z.looseObject({
  success: z.boolean(),
  providerApplicationVersion: brokerName,
  buildUrl: z.string().optional(),
  testResults: z.array(z.looseObject({ interactionId: z.string().optional(), interactionDescription: z.string().optional(), success: z.boolean().optional(), mismatches: z.array(z.unknown()).optional() })).optional(),
  // evc verify sends its own per-interaction results.
  interactions: z.array(z.object({ description: z.string(), success: z.boolean(), mismatches: z.array(z.string()).default([]) })).optional(),
});

/** The pact as published plus the links Pact's verifier follows. */
export function pactResource(base: string, row: PactRow): Record<string, unknown> {
  const { provider: p, consumer: c, consumerVersion: v, contentSha256: sha } = row;
  return {
    ...(row.content as object),
    createdAt: row.createdAt,
    _links: {
      self: { href: `${base}${paths.pactVersion(p, c, sha)}`, title: 'Pact', name: `Pact between ${c} (${v}) and ${p}` },
      'pb:consumer': { href: `${base}${paths.pacticipant(c)}`, title: 'Consumer', name: c },
      'pb:consumer-version': { href: `${base}${paths.version(c, v)}`, title: 'Consumer version', name: v },
      'pb:provider': { href: `${base}${paths.pacticipant(p)}`, title: 'Provider', name: p },
      'pb:pact-version': { href: `${base}${paths.pactVersion(p, c, sha)}`, name: sha },
      'pb:publish-verification-results': { href: `${base}${paths.verificationResults(p, c, sha)}`, title: 'Publish verification results' },
    },
  };
}

const decodeContent = (content: string, where: string): unknown => {
  const text = Buffer.from(content, 'base64').toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw brokerError(400, where, `${where} is not base64-encoded pact JSON: encode the pact file's bytes with base64`);
  }
};

const create = (services: Services) => {
  const publishOne = async (input: Parameters<typeof publishPact>[1], actor: string, base: string) => {
    const outcome = await publishPact(services.db, input, actor);
    if (outcome.changed) await appendAudit(services.db, [{ actor, action: outcome.created ? 'pact-publish' : 'pact-replace', detail: { provider: input.provider, consumer: input.consumer, consumerVersion: input.consumerVersion } }]);
    for (const event of outcome.events) {
      services.webhooks.trigger(event, { consumer: input.consumer, provider: input.provider, consumerVersion: input.consumerVersion, pactUrl: `${base}${paths.pactVersion(input.provider, input.consumer, outcome.row.contentSha256)}`, ...(input.branch ? { branch: input.branch } : {}) });
    }
    return outcome;
  };

  return new Hono<AppEnv>()
    .post('/contracts/publish', async (c) => {
      const principal = await authorizeWrite(c, services, 'publish');
      const body = validate(publishBody, await readJsonBody(c, 'publish request'), 'publish request');
      const base = baseOf(c);
      const notices: { type: string; text: string }[] = [];
      const contracts: { href: string; name: string; title: string }[] = [];
      for (const [i, contract] of body.contracts.entries()) {
        if (contract.consumerName !== body.pacticipantName) throw brokerError(400, `contracts/${i}/consumerName`, `contracts[${i}] is a pact of consumer '${contract.consumerName}' but pacticipantName is '${body.pacticipantName}'`);
        const content = validate(pactBody, decodeContent(contract.content, `contracts/${i}/content`), `contracts[${i}] content`);
        if (content.consumer.name !== contract.consumerName || content.provider.name !== contract.providerName) {
          throw brokerError(400, `contracts/${i}/content`, `contracts[${i}] content is between ${content.consumer.name} and ${content.provider.name}, not ${contract.consumerName} and ${contract.providerName}`);
        }
        const outcome = await publishOne({ consumer: contract.consumerName, provider: contract.providerName, consumerVersion: body.pacticipantVersionNumber, content, branch: body.branch, tags: body.tags, buildUrl: body.buildUrl }, actorOf(principal), base);
        const href = `${base}${paths.pact(contract.providerName, contract.consumerName, body.pacticipantVersionNumber)}`;
        contracts.push({ href, name: `Pact between ${contract.consumerName} (${body.pacticipantVersionNumber}) and ${contract.providerName}`, title: 'Pact' });
        notices.push({ type: 'success', text: `${outcome.created ? 'Pact successfully published' : outcome.changed ? 'Pact successfully republished with changed content' : 'Pact unchanged (identical content already published)'} for ${contract.consumerName} version ${body.pacticipantVersionNumber}${body.branch ? ` and branch ${body.branch}` : ''}${body.tags?.length ? ` and tags ${body.tags.join(', ')}` : ''} and provider ${contract.providerName}.` });
        notices.push({ type: 'info', text: `  Pact: ${href}` });
      }
      const p = body.pacticipantName;
      const v = body.pacticipantVersionNumber;
      const versionLink = { href: `${base}${paths.version(p, v)}`, name: v, title: 'Pacticipant version' };
      const pacticipantLink = { href: `${base}${paths.pacticipant(p)}`, name: p, title: 'Pacticipant' };
      return hal(c, {
        notices,
        logs: notices.map((n) => ({ level: n.type === 'success' ? 'info' : n.type, message: n.text, deprecationWarning: '' })),
        _embedded: { pacticipant: { name: p, _links: { self: { href: pacticipantLink.href } } }, version: { number: v, _links: { self: versionLink } } },
        _links: {
          'pb:pacticipant': pacticipantLink,
          'pb:pacticipant-version': versionLink,
          'pb:pacticipant-version-tags': (body.tags ?? []).map((t) => ({ href: `${base}${paths.tag(p, v, t)}`, name: t, title: 'Tag' })),
          'pb:contracts': contracts,
        },
      });
    })
    .put('/pacts/provider/:provider/consumer/:consumer/version/:version', async (c) => {
      const principal = await authorizeWrite(c, services, 'publish');
      const key = { provider: validate(brokerName, c.req.param('provider'), 'provider'), consumer: validate(brokerName, c.req.param('consumer'), 'consumer'), consumerVersion: validate(brokerName, c.req.param('version'), 'version') };
      const pact = validate(pactBody, await readJsonBody(c, 'pact'), 'pact');
      if (pact.consumer.name !== key.consumer || pact.provider.name !== key.provider) {
        throw brokerError(400, 'pact', `The pact is between ${pact.consumer.name} and ${pact.provider.name}, but the path names consumer ${key.consumer} and provider ${key.provider}.`);
      }
      const outcome = await publishOne({ ...key, content: pact }, actorOf(principal), baseOf(c));
      return hal(c, pactResource(baseOf(c), outcome.row), outcome.created ? 201 : 200);
    })
    .get('/pacts/provider/:provider/consumer/:consumer/version/:version', async (c) => {
      await authorize(c, services, 'read');
      const key = { provider: c.req.param('provider'), consumer: c.req.param('consumer'), consumerVersion: c.req.param('version') };
      const row = await findPact(services.db, key);
      if (!row) throw brokerError(404, 'pact', `No pact between consumer '${key.consumer}' version ${key.consumerVersion} and provider '${key.provider}'. Publish it with \`pact-broker publish\` or \`evc publish-pacts\`.`);
      return hal(c, pactResource(baseOf(c), row));
    })
    .get('/pacts/provider/:provider/consumer/:consumer/pact-version/:sha', async (c) => {
      await authorize(c, services, 'read');
      const row = await pactBySha(services.db, c.req.param('provider'), c.req.param('consumer'), c.req.param('sha'));
      if (!row) throw brokerError(404, 'pact', `No pact with content ${c.req.param('sha')} between ${c.req.param('consumer')} and ${c.req.param('provider')}.`);
      return hal(c, pactResource(baseOf(c), row));
    })
    .get('/pacts/provider/:provider/latest', async (c) => {
      await authorize(c, services, 'read');
      const provider = c.req.param('provider');
      const base = baseOf(c);
      const rows = await latestPactsForProvider(services.db, provider);
      return hal(c, {
        _links: {
          self: { href: `${base}/pacts/provider/${encodeURIComponent(provider)}/latest` },
          provider: { href: `${base}${paths.pacticipant(provider)}`, name: provider },
          'pb:pacts': rows.map((r) => ({ href: `${base}${paths.pactVersion(provider, r.consumer, r.contentSha256)}`, title: `Pact between ${r.consumer} (${r.consumerVersion}) and ${provider}`, name: r.consumer })),
        },
      });
    })
    .post('/pacts/provider/:provider/consumer/:consumer/pact-version/:sha/verification-results', async (c) => {
      const principal = await authorizeWrite(c, services, 'publish');
      const { provider, consumer, sha } = { provider: c.req.param('provider'), consumer: c.req.param('consumer'), sha: c.req.param('sha') };
      const body = validate(verificationBody, await readJsonBody(c, 'verification result'), 'verification result');
      const row = await pactBySha(services.db, provider, consumer, sha);
      if (!row) throw brokerError(404, 'pact', `No pact with content ${sha} between ${consumer} and ${provider}; fetch pacts with pacts-for-verification first.`);
      await ensureVersion(services.db, provider, body.providerApplicationVersion, body.buildUrl);
      const interactions =
        body.interactions ??
        (body.testResults ?? []).map((t) => ({ description: t.interactionDescription ?? t.interactionId ?? '(interaction)', success: t.success ?? body.success, mismatches: (t.mismatches ?? []).map((m) => (typeof m === 'string' ? m : JSON.stringify(m))) }));
      const stored = await insertVerification(services.db, { pactId: row.id, providerVersion: body.providerApplicationVersion, success: body.success, interactions, verifiedBy: actorOf(principal), buildUrl: body.buildUrl ?? null });
      await appendAudit(services.db, [{ actor: actorOf(principal), action: 'pact-verification', detail: { provider, consumer, sha, providerVersion: body.providerApplicationVersion, success: body.success } }]);
      const base = baseOf(c);
      const self = `${base}${paths.verificationResult(provider, consumer, sha, stored.id)}`;
      services.webhooks.trigger('provider_verification_published', { consumer, provider, consumerVersion: row.consumerVersion, providerVersion: body.providerApplicationVersion, success: body.success, verificationResultUrl: self, pactUrl: `${base}${paths.pactVersion(provider, consumer, sha)}` });
      return hal(c, { success: stored.success, providerApplicationVersion: stored.providerVersion, verifiedAt: stored.createdAt, testResults: body.testResults ?? [], _links: { self: { href: self, title: 'Verification result' }, 'pb:pact-version': { href: `${base}${paths.pactVersion(provider, consumer, sha)}` } } }, 201);
    });
};

const tags = ['broker'];
const pp = [pathParam('provider', 'provider'), pathParam('consumer', 'consumer')];
export const brokerPactsRoutes: RouteModule = {
  name: 'broker-pacts',
  create,
  openapi: {
    '/contracts/publish': { post: op('Publish pacts for a consumer version with branch and tags (Pact Broker API; what `pact-broker publish` sends)', { tags, auth: 'publish', body: { type: 'object' }, responses: { '200': 'HAL with notices', '422': 'Invalid request' } }) },
    '/pacts/provider/{provider}/consumer/{consumer}/version/{version}': {
      put: op('Publish one pact (Pact Broker API)', { tags, auth: 'publish', parameters: [...pp, pathParam('version', 'consumer version')], body: { type: 'object' }, responses: { '201': 'Published', '200': 'Replaced or unchanged' } }),
      get: op('A pact with its HAL links', { tags, parameters: [...pp, pathParam('version', 'consumer version')], responses: { '200': 'Pact', '404': 'No such pact' } }),
    },
    '/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}': { get: op('A pact by content (the broker pact version)', { tags, parameters: [...pp, pathParam('sha', 'content sha-256')] }) },
    '/pacts/provider/{provider}/latest': { get: op('Latest pact of each consumer (pb:latest-provider-pacts)', { tags, parameters: [pathParam('provider', 'provider')] }) },
    '/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}/verification-results': {
      post: op('Publish a verification result for this pact content', { tags, auth: 'publish', parameters: [...pp, pathParam('sha', 'content sha-256')], body: { type: 'object' }, responses: { '201': 'Recorded', '404': 'No such pact' } }),
    },
  },
};
