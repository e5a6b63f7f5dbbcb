/** Native config: level, policy and mode, globally and per event type. */
import { Hono } from 'hono';
import { z } from 'zod';
import { readSettings, readStoredConfig } from '#registry/store/config.ts';
import { authorize, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { LEVELS, MODES, POLICIES, isLevel, isMode, isPolicy } from '../domain/settings.ts';
import { invalidLevel, invalidMode, invalidRequest } from '../errors.ts';
import { readJsonBody, validate } from '../http.ts';
import { op, pathParam } from './openapi-helpers.ts';
import { changeSettings } from './settings-write.ts';
import type { RouteModule } from './types.ts';

const body = z
  .object({ level: z.unknown().optional(), policy: z.unknown().optional(), mode: z.unknown().optional() })
  .strict();

/** Validates each field against its list; `null` means "inherit again". */
export function settingsPatch(input: z.infer<typeof body>) {
  const patch: { level?: string | null; policy?: string | null; mode?: string | null } = {};
  if (input.level !== undefined) {
    if (input.level !== null && !isLevel(input.level)) throw invalidLevel(input.level, LEVELS);
    patch.level = input.level;
  }
  if (input.policy !== undefined) {
    if (input.policy !== null && !isPolicy(input.policy)) throw invalidRequest(`Invalid policy ${JSON.stringify(input.policy)}. Valid policies: ${POLICIES.join(', ')}.`);
    patch.policy = input.policy;
  }
  if (input.mode !== undefined) {
    if (input.mode !== null && !isMode(input.mode)) throw invalidMode(input.mode, MODES);
    patch.mode = input.mode;
  }
  if (Object.keys(patch).length === 0) throw invalidRequest('Nothing to change: send at least one of level, policy, mode.');
  return patch;
}

const view = async (services: Services, subject?: string) => ({
  ...(subject ? { eventType: subject } : {}),
  ...(await readSettings(services.db, subject)),
  overrides: (await readStoredConfig(services.db, subject)) ?? { level: null, policy: null, mode: null },
});

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/v1/config', async (c) => {
      await authorize(c, services, 'read');
      return c.json(await view(services));
    })
    .put('/v1/config', async (c) => {
      await authorizeWrite(c, services, 'admin');
      await changeSettings(c, services, undefined, settingsPatch(validate(body, await readJsonBody(c))), 'config');
      return c.json(await view(services));
    })
    .get('/v1/config/:eventType', async (c) => {
      await authorize(c, services, 'read');
      return c.json(await view(services, c.req.param('eventType')));
    })
    .put('/v1/config/:eventType', async (c) => {
      // Changes need admin; a publish token's request already satisfied is acknowledged unchanged.
      const eventType = c.req.param('eventType');
      await authorizeWrite(c, services, 'publish');
      const { acknowledged } = await changeSettings(c, services, eventType, settingsPatch(validate(body, await readJsonBody(c))), 'config');
      return c.json({ ...(await view(services, eventType)), ...(acknowledged.length > 0 ? { acknowledged } : {}) });
    })
    .delete('/v1/config/:eventType', async (c) => {
      const eventType = c.req.param('eventType');
      await changeSettings(c, services, eventType, 'delete', 'config-delete');
      return c.json(await view(services, eventType));
    });

const settingsBody = {
  type: 'object',
  properties: { level: { enum: [...LEVELS, null] }, policy: { enum: [...POLICIES, null] }, mode: { enum: [...MODES, null] } },
};

export const configV1Routes: RouteModule = {
  name: 'config-v1',
  create,
  openapi: {
    '/v1/config': {
      get: op('Global settings: level (default FULL_TRANSITIVE), policy (default LENIENT), mode', { tags: ['config'] }),
      put: op('Change global settings (admin); null reverts a field to its default', { tags: ['config'], auth: 'admin', body: settingsBody, responses: { '200': 'OK', '422': 'Invalid level (42203), policy or mode (42204)' } }),
    },
    '/v1/config/{eventType}': {
      get: op('Effective settings of one event type, and its own overrides', { tags: ['config'], parameters: [pathParam('eventType', 'event type')] }),
      put: op('Override level/policy/mode of one event type (admin; a publish token\'s request already satisfied is acknowledged without change)', { tags: ['config'], auth: 'publish', parameters: [pathParam('eventType', 'event type')], body: settingsBody, responses: { '200': 'OK', '403': 'a change needs admin', '422': 'Invalid value, or 42205 while READONLY' } }),
      delete: op('Drop the overrides of one event type (admin)', { tags: ['config'], auth: 'admin', parameters: [pathParam('eventType', 'event type')] }),
    },
  },
};
