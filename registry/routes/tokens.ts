/** `POST /v1/tokens` (admin): creates a token; the plain token is returned once, only its hash is kept. */
import { Hono } from 'hono';
import { z } from 'zod';
import { appendAudit, listAudit } from '#registry/store/audit.ts';
import { insertToken } from '#registry/store/tokens.ts';
import { actorOf, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { ROLES, generateToken, hashToken } from '../domain/tokens.ts';
import { readJsonBody, validate } from '../http.ts';
import { op, queryParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const body = z.object({ role: z.enum(ROLES), name: z.string().min(1).max(100).optional() }).strict();

const create = (services: Services) =>
  new Hono<AppEnv>()
    .post('/v1/tokens', async (c) => {
      const principal = await authorizeWrite(c, services, 'admin');
      const input = validate(body, await readJsonBody(c));
      const token = generateToken();
      const name = input.name ?? `${input.role}-token`;
      const row = await insertToken(services.db, { name, role: input.role, hash: hashToken(token), createdBy: actorOf(principal) });
      await appendAudit(services.db, [{ actor: actorOf(principal), action: 'token-create', detail: { id: row.id, name, role: input.role } }]);
      return c.json({ id: row.id, name, role: input.role, token, createdAt: row.createdAt }, 201);
    })
    .get('/v1/audit', async (c) => {
      await authorizeWrite(c, services, 'admin');
      const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 1000);
      const subject = c.req.query('eventType');
      return c.json({ entries: await listAudit(services.db, { limit, ...(subject ? { subject } : {}) }) });
    });

export const tokensRoutes: RouteModule = {
  name: 'tokens',
  create,
  openapi: {
    '/v1/tokens': {
      post: op('Create a token (admin). The token is shown once; only its sha-256 is stored', {
        tags: ['auth'],
        auth: 'admin',
        body: { type: 'object', required: ['role'], properties: { role: { enum: [...ROLES] }, name: { type: 'string' } } },
        responses: { '201': 'Created: { id, name, role, token }', '401': 'No or unknown token', '403': 'Not admin' },
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
