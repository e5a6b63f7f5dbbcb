/**
 * Broker environments (admin) and deployed / released versions (publish): what
 * `create-environment`, `list-environments`, `record-deployment`, `record-undeployment`,
 * `record-release` and `record-support-ended` request (docs.pact.io/pact_broker/recording_deployments_and_releases).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { baseOf, brokerError, hal, paths } from '#registry/broker/hal.ts';
import type { DeploymentInfo } from '#registry/broker/model.ts';
import { deleteEnvironment, deploymentsWhere, endDeployment, ensureVersion, findEnvironment, insertEnvironment, listEnvironments, recordDeployment, updateEnvironment, type BrokerEnvironmentRow } from '#registry/store/broker.ts';
import { authorize, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { parseJsonText, readJsonBody, validate } from '../http.ts';
import { brokerName } from './broker-pacts.ts';
import { op, pathParam, queryParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const environmentBody = z.object({ name: brokerName, displayName: z.string().nullish(), production: z.boolean().default(false), contacts: z.array(z.unknown()).nullish(), uuid: z.string().uuid().optional() });
const deploymentBody = z.looseObject({ applicationInstance: z.string().nullish(), target: z.string().nullish() });

function environmentJson(base: string, e: BrokerEnvironmentRow) {
  const self = `${base}${paths.environment(e.uuid)}`;
  return {
    uuid: e.uuid,
    name: e.name,
    displayName: e.displayName ?? e.name,
    production: e.production,
    contacts: e.contacts ?? [],
    createdAt: e.createdAt,
    _links: {
      self: { href: self, name: e.name, title: 'Environment' },
      'pb:currently-deployed-deployed-versions': { href: `${self}/deployed-versions/currently-deployed`, title: 'Versions currently deployed' },
      'pb:currently-supported-released-versions': { href: `${self}/released-versions/currently-supported`, title: 'Versions released and supported' },
      'pb:environments': { href: `${base}/environments` },
    },
  };
}

function deploymentJson(base: string, d: DeploymentInfo) {
  const self = `${base}${d.kind === 'deployment' ? paths.deployedVersion(d.uuid) : paths.releasedVersion(d.uuid)}`;
  return {
    uuid: d.uuid,
    ...(d.kind === 'deployment' ? { currentlyDeployed: d.current, applicationInstance: d.target || null, target: d.target || null, undeployedAt: d.endedAt } : { currentlySupported: d.current, supportEndedAt: d.endedAt }),
    createdAt: d.createdAt,
    _embedded: { pacticipant: { name: d.pacticipant, _links: { self: { href: `${base}${paths.pacticipant(d.pacticipant)}` } } }, version: { number: d.versionNumber, _links: { self: { href: `${base}${paths.version(d.pacticipant, d.versionNumber)}` } } }, environment: { uuid: d.environmentUuid, name: d.environment } },
    _links: { self: { href: self }, 'pb:environment': { href: `${base}${paths.environment(d.environmentUuid)}`, name: d.environment } },
  };
}

const envOr404 = async (services: Services, uuid: string) => {
  const env = await findEnvironment(services.db, uuid);
  if (!env) throw brokerError(404, 'environment', `No environment '${uuid}'. List them with GET /environments; an admin creates one with \`pact-broker create-environment\`.`);
  return env;
};

async function record(c: Context<AppEnv>, services: Services, kind: 'deployment' | 'release') {
  await authorizeWrite(c, services, 'publish');
  const env = await envOr404(services, c.req.param('env')!);
  const text = await c.req.text();
  const body = validate(deploymentBody, text.trim() ? parseJsonText(text, kind) : {}, kind);
  const pacticipant = validate(brokerName, c.req.param('p'), 'pacticipant');
  const version = await ensureVersion(services.db, pacticipant, validate(brokerName, c.req.param('v'), 'version'));
  const uuid = await recordDeployment(services.db, kind, version.id, version.pacticipantId, env.uuid, body.applicationInstance ?? body.target ?? '');
  const [row] = (await deploymentsWhere(services.db, { versionId: version.id, all: true })).filter((d) => d.uuid === uuid);
  return hal(c, deploymentJson(baseOf(c), row!), 201);
}

async function listCurrent(c: Context<AppEnv>, services: Services, kind: 'deployment' | 'release') {
  await authorize(c, services, 'read');
  const env = await envOr404(services, c.req.param('uuid')!);
  const pacticipant = c.req.query('pacticipant');
  const rows = (await deploymentsWhere(services.db, { environmentUuid: env.uuid, ...(pacticipant ? { pacticipants: [pacticipant] } : {}) })).filter((d) => d.kind === kind);
  const base = baseOf(c);
  const items = rows.map((d) => deploymentJson(base, d));
  return hal(c, { _embedded: kind === 'deployment' ? { deployedVersions: items } : { releasedVersions: items }, _links: { self: { href: c.req.url } } });
}

async function end(c: Context<AppEnv>, services: Services, field: 'currentlyDeployed' | 'currentlySupported') {
  await authorizeWrite(c, services, 'publish');
  const body = validate(z.looseObject({ [field]: z.literal(false) }), await readJsonBody(c), field);
  void body;
  const uuid = c.req.param('uuid')!;
  const [row] = (await deploymentsWhere(services.db, { all: true })).filter((d) => d.uuid === uuid);
  if (!row) throw brokerError(404, 'uuid', `No ${field === 'currentlyDeployed' ? 'deployed' : 'released'} version ${uuid}.`);
  await endDeployment(services.db, uuid);
  return hal(c, deploymentJson(baseOf(c), { ...row, current: false, endedAt: row.endedAt ?? new Date() }));
}

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/environments', async (c) => {
      await authorize(c, services, 'read');
      const base = baseOf(c);
      const name = c.req.query('name');
      const envs = (await listEnvironments(services.db)).filter((e) => !name || e.name === name).map((e) => environmentJson(base, e));
      return hal(c, { _embedded: { environments: envs }, _links: { self: { href: `${base}/environments` } } });
    })
    .post('/environments', async (c) => {
      await authorizeWrite(c, services, 'admin');
      const body = validate(environmentBody, await readJsonBody(c, 'environment'), 'environment');
      const row = await insertEnvironment(services.db, { name: body.name, displayName: body.displayName ?? null, production: body.production, contacts: body.contacts ?? null, ...(body.uuid ? { uuid: body.uuid } : {}) });
      if (!row) throw brokerError(409, 'name', `An environment named '${body.name}' already exists; update it with PUT /environments/{uuid}.`);
      return hal(c, environmentJson(baseOf(c), row), 201);
    })
    .get('/environments/:uuid', async (c) => {
      await authorize(c, services, 'read');
      return hal(c, environmentJson(baseOf(c), await envOr404(services, c.req.param('uuid'))));
    })
    .put('/environments/:uuid', async (c) => {
      await authorizeWrite(c, services, 'admin');
      const env = await envOr404(services, c.req.param('uuid'));
      const body = validate(environmentBody, await readJsonBody(c, 'environment'), 'environment');
      const row = await updateEnvironment(services.db, env.uuid, { name: body.name, displayName: body.displayName ?? null, production: body.production, contacts: body.contacts ?? null });
      return hal(c, environmentJson(baseOf(c), row!));
    })
    .delete('/environments/:uuid', async (c) => {
      await authorizeWrite(c, services, 'admin');
      const env = await envOr404(services, c.req.param('uuid'));
      await deleteEnvironment(services.db, env.uuid);
      return c.body(null, 204);
    })
    .get('/environments/:uuid/deployed-versions/currently-deployed', (c) => listCurrent(c, services, 'deployment'))
    .get('/environments/:uuid/released-versions/currently-supported', (c) => listCurrent(c, services, 'release'))
    .post('/pacticipants/:p/versions/:v/deployed-versions/environment/:env', (c) => record(c, services, 'deployment'))
    .post('/pacticipants/:p/versions/:v/released-versions/environment/:env', (c) => record(c, services, 'release'))
    .patch('/deployed-versions/:uuid', (c) => end(c, services, 'currentlyDeployed'))
    .patch('/released-versions/:uuid', (c) => end(c, services, 'currentlySupported'));

const tags = ['broker'];
const uuid = pathParam('uuid', 'environment uuid');
const rec = [pathParam('p', 'pacticipant'), pathParam('v', 'version'), pathParam('env', 'environment uuid')];
export const brokerEnvironmentsRoutes: RouteModule = {
  name: 'broker-environments',
  create,
  openapi: {
    '/environments': { get: op('Environments', { tags, parameters: [queryParam('name', 'only this name')] }), post: op('Create an environment', { tags, auth: 'admin', body: { type: 'object' }, responses: { '201': 'Created', '409': 'Name taken' } }) },
    '/environments/{uuid}': { get: op('An environment', { tags, parameters: [uuid] }), put: op('Update an environment', { tags, auth: 'admin', parameters: [uuid], body: { type: 'object' } }), delete: op('Delete an environment', { tags, auth: 'admin', parameters: [uuid] }) },
    '/environments/{uuid}/deployed-versions/currently-deployed': { get: op('Versions currently deployed to the environment', { tags, parameters: [uuid, queryParam('pacticipant', 'only this pacticipant')] }) },
    '/environments/{uuid}/released-versions/currently-supported': { get: op('Versions released and supported in the environment', { tags, parameters: [uuid, queryParam('pacticipant', 'only this pacticipant')] }) },
    '/pacticipants/{p}/versions/{v}/deployed-versions/environment/{env}': { post: op('Record a deployment', { tags, auth: 'publish', parameters: rec, body: { type: 'object' } }) },
    '/pacticipants/{p}/versions/{v}/released-versions/environment/{env}': { post: op('Record a release', { tags, auth: 'publish', parameters: rec, body: { type: 'object' } }) },
    '/deployed-versions/{uuid}': { patch: op('Record an undeployment ({"currentlyDeployed": false})', { tags, auth: 'publish', parameters: [pathParam('uuid', 'deployed version uuid')], body: { type: 'object' } }) },
    '/released-versions/{uuid}': { patch: op('Record support ended ({"currentlySupported": false})', { tags, auth: 'publish', parameters: [pathParam('uuid', 'released version uuid')], body: { type: 'object' } }) },
  },
};
