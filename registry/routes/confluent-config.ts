/**
 * Confluent `/config` and `/mode`. GET answers `compatibilityLevel` (Confluent's GET field),
 * PUT takes and echoes `compatibility` (Confluent's PUT field); our policy travels as
 * `compatibilityPolicy`.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { readSettings, readStoredConfig } from '#registry/store/config.ts';
import { authorize, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { LEVELS, MODES, POLICIES, isLevel, isMode, isPolicy } from '../domain/settings.ts';
import { RegistryError, invalidLevel, invalidMode, invalidRequest } from '../errors.ts';
import { confluentJson, flag, readJsonBody, validate } from '../http.ts';
import { confluentOp as op, subjectParam } from './confluent-openapi.ts';
import { queryParam } from './openapi-helpers.ts';
import { changeSettings } from './settings-write.ts';
import type { RouteModule } from './types.ts';

const configBody = z.looseObject({ compatibility: z.unknown().optional(), compatibilityLevel: z.unknown().optional(), compatibilityPolicy: z.unknown().optional() });
const modeBody = z.looseObject({ mode: z.unknown() });

async function getConfig(c: Context<AppEnv>, services: Services, subject?: string) {
  await authorize(c, services, 'read');
  if (subject !== undefined && !flag(c.req.query('defaultToGlobal'))) {
    const own = await readStoredConfig(services.db, subject);
    if (!own?.level && !own?.policy) throw new RegistryError(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured. Add ?defaultToGlobal=true for the effective level.`);
  }
  const settings = await readSettings(services.db, subject);
  return confluentJson(c, { compatibilityLevel: settings.level, compatibilityPolicy: settings.policy });
}

async function putConfig(c: Context<AppEnv>, services: Services, subject?: string) {
  await authorizeWrite(c, services, subject === undefined ? 'admin' : 'publish');
  const body = validate(configBody, await readJsonBody(c));
  const level = body.compatibility ?? body.compatibilityLevel;
  if (level === undefined && body.compatibilityPolicy === undefined) throw invalidLevel(undefined, LEVELS);
  if (level !== undefined && !isLevel(level)) throw invalidLevel(level, LEVELS);
  if (body.compatibilityPolicy !== undefined && !isPolicy(body.compatibilityPolicy)) {
    throw invalidRequest(`Invalid compatibilityPolicy ${JSON.stringify(body.compatibilityPolicy)}. Valid policies: ${POLICIES.join(', ')}.`);
  }
  const patch = { ...(level !== undefined ? { level } : {}), ...(body.compatibilityPolicy !== undefined ? { policy: body.compatibilityPolicy as string } : {}) };
  // Changes need admin; a publish token's request the event already satisfies is acknowledged
  // without change, and the answer carries the level that applies (domain/settings-change.ts).
  const { after } = await changeSettings(c, services, subject, patch, 'config');
  return confluentJson(c, { compatibility: after.level, compatibilityPolicy: after.policy });
}

async function getMode(c: Context<AppEnv>, services: Services, subject?: string) {
  await authorize(c, services, 'read');
  return confluentJson(c, { mode: (await readSettings(services.db, subject)).mode });
}

async function putMode(c: Context<AppEnv>, services: Services, subject?: string) {
  await authorizeWrite(c, services, 'admin');
  const { mode } = validate(modeBody, await readJsonBody(c));
  if (!isMode(mode)) throw invalidMode(mode, MODES);
  await changeSettings(c, services, subject, { mode }, 'mode');
  return confluentJson(c, { mode });
}

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/config', (c) => getConfig(c, services))
    .put('/config', (c) => putConfig(c, services))
    .get('/config/:subject', (c) => getConfig(c, services, c.req.param('subject')))
    .put('/config/:subject', (c) => putConfig(c, services, c.req.param('subject')))
    .delete('/config/:subject', async (c) => {
      const { before } = await changeSettings(c, services, c.req.param('subject'), 'delete', 'config-delete');
      return confluentJson(c, { compatibilityLevel: before.level, compatibilityPolicy: before.policy });
    })
    .get('/mode', (c) => getMode(c, services))
    .put('/mode', (c) => putMode(c, services))
    .get('/mode/:subject', (c) => getMode(c, services, c.req.param('subject')))
    .put('/mode/:subject', (c) => putMode(c, services, c.req.param('subject')));

const configRequest = { type: 'object', properties: { compatibility: { enum: [...LEVELS] }, compatibilityPolicy: { enum: [...POLICIES] } } };
const modeRequest = { type: 'object', required: ['mode'], properties: { mode: { enum: [...MODES] } } };

export const confluentConfigRoutes: RouteModule = {
  name: 'confluent-config',
  create,
  openapi: {
    '/config': {
      get: op('Global compatibility level and policy'),
      put: op('Set the global level/policy (admin)', { auth: 'admin', body: configRequest, responses: { '200': 'OK', '422': 'Invalid level (42203)' } }),
    },
    '/config/{subject}': {
      get: op('Subject level/policy (40408 unless set or ?defaultToGlobal=true)', { parameters: [subjectParam, queryParam('defaultToGlobal', 'fall back to the global config', 'boolean')], responses: { '200': 'OK', '404': '40408' } }),
      put: op('Set a subject level/policy (admin; a publish token\'s request the subject already satisfies, e.g. BACKWARD under FULL_TRANSITIVE, is acknowledged without change)', { auth: 'publish', parameters: [subjectParam], body: configRequest, responses: { '200': 'OK (the level that applies)', '403': 'a change needs admin', '422': '42203, or 42205 while READONLY' } }),
      delete: op('Drop a subject level/policy/mode (admin)', { auth: 'admin', parameters: [subjectParam] }),
    },
    '/mode': {
      get: op('Global mode: READWRITE or READONLY'),
      put: op('Set the global mode (admin)', { auth: 'admin', body: modeRequest, responses: { '200': 'OK', '422': 'Invalid mode (42204)' } }),
    },
    '/mode/{subject}': {
      get: op('Subject mode', { parameters: [subjectParam] }),
      put: op('Set a subject mode (admin)', { auth: 'admin', parameters: [subjectParam], body: modeRequest, responses: { '200': 'OK', '422': '42204' } }),
    },
  },
};
