/**
 * Tokens (admin): `POST /v1/tokens` creates one (the plain token is returned once, only its
 * hash is kept, optional expiry), `GET /v1/tokens` lists them without hashes,
 * `DELETE /v1/tokens/{id}` revokes one. `GET /v1/audit` is the audit log.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { listAudit } from '#registry/store/audit.ts';
import { actorOf, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { createToken, listTokensWithState, revokeTokenById, tokenNotFound } from '../domain/token-admin.ts';
import { parseScope } from '../domain/token-scope.ts';
import { ROLES, resolveExpiry } from '../domain/tokens.ts';
import { invalidRequest } from '../errors.ts';
import { readJsonBody, validate } from '../http.ts';
import { op, pathParam, queryParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const body = z
  .object({ role: z.enum(ROLES), name: z.string().min(1).max(100).optional(), expiresIn: z.string().max(20).optional(), expiresAt: z.string().max(40).optional(), scope: z.array(z.string().max(200)).max(100).optional() })
  .strict();

const create = (services: Services) =>
  new Hono<AppEnv>()
    .post('/v1/tokens', async (c) => {
      const principal = await authorizeWrite(c, services, 'admin');
      const input = validate(body, await readJsonBody(c));
      const expiry = resolveExpiry({ ...(input.expiresIn !== undefined ? { expiresIn: input.expiresIn } : {}), ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}) }, new Date());
      if ('error' in expiry) throw invalidRequest(`POST /v1/tokens: ${expiry.error}.`);
      const scope = parseScope(input.scope, input.role);
      if ('error' in scope) throw invalidRequest(`POST /v1/tokens: ${scope.error}.`);
      const created = await createToken(services.db, { role: input.role, name: input.name ?? `${input.role}-token`, expiresAt: expiry.expiresAt, scope: scope.scope, actor: actorOf(principal) });
      return c.json(created, 201);
    })
    .get('/v1/tokens', async (c) => {
      await authorizeWrite(c, services, 'admin');
      return c.json({ tokens: await listTokensWithState(services.db, { includeRevoked: c.req.query('includeRevoked') === 'true' }) });
    })
    .delete('/v1/tokens/:id', async (c) => {
      const principal = await authorizeWrite(c, services, 'admin');
      const text = c.req.param('id');
      if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) throw tokenNotFound(Number.NaN);
      const revoked = await revokeTokenById(services.db, Number(text), actorOf(principal));
      services.tokens.clear(); // this instance refuses it from now on, not after the cache's TTL
      return c.json(revoked);
    })
    .get('/v1/audit', async (c) => {
      await authorizeWrite(c, services, 'admin');
      const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 1000);
      const subject = c.req.query('eventType');
      return c.json({ entries: await listAudit(services.db, { limit, ...(subject ? { subject } : {}) }) });
    });

const tokenInfo = { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, role: { enum: [...ROLES] }, createdBy: { type: 'string' }, createdAt: { type: 'string' }, expiresAt: { type: ['string', 'null'] }, revokedAt: { type: ['string', 'null'] }, revokedBy: { type: ['string', 'null'] }, scope: { type: ['array', 'null'], items: { type: 'string' } } } };

export const tokensRoutes: RouteModule = {
  name: 'tokens',
  create,
  openapi: {
    '/v1/tokens': {
      post: op('Create a token (admin). The token is shown once; only its sha-256 is stored', {
        tags: ['auth'],
        auth: 'admin',
        body: {
          type: 'object',
          required: ['role'],
          properties: {
            role: { enum: [...ROLES] },
            name: { type: 'string' },
            expiresIn: { type: 'string', description: 'lifetime: a number and m, h, d or w (e.g. 30d)' },
            expiresAt: { type: 'string', description: 'expiry instant, ISO 8601 with a time zone' },
            scope: { type: 'array', items: { type: 'string' }, description: 'publish tokens only: subjects it may write, exact or a prefix ending in * (e.g. prompt.studio.*)' },
          },
        },
        responses: { '201': 'Created: { id, name, role, token, createdAt, expiresAt }', '401': 'No, unknown, revoked or expired token', '403': 'Not admin', '422': 'Invalid role or expiry' },
      }),
      get: op('List tokens (admin): never the token or its hash. `includeRevoked=true` lists revoked ones too', {
        tags: ['auth'],
        auth: 'admin',
        parameters: [queryParam('includeRevoked', 'also list revoked tokens', 'boolean')],
        responses: { '200': { description: 'OK', schema: { type: 'object', properties: { tokens: { type: 'array', items: tokenInfo } } } } },
      }),
    },
    '/v1/tokens/{id}': {
      delete: op('Revoke a token (admin); it is refused with 401 from then on', {
        tags: ['auth'],
        auth: 'admin',
        parameters: [pathParam('id', 'the token id (from GET /v1/tokens)')],
        responses: { '200': 'The revoked token (no secret)', '404': 'No such token (40410)', '409': 'The last usable admin token (40911)' },
      }),
    },
    '/v1/audit': {
      get: op('The audit log, newest first (admin)', {
        tags: ['auth'],
        auth: 'admin',
        parameters: [queryParam('eventType', 'only entries for this event type'), queryParam('limit', 'at most this many (default 100)', 'integer')],
      }),
    },
  },
};
