/**
 * Broker pacticipants and their versions, branches and tags (docs.pact.io/pact_broker/api):
 * what `create-or-update-pacticipant`, `describe-pacticipant`, `create-or-update-version`,
 * `create-version-tag`, `describe-version` and the verifier's provider branch/tag publishing
 * request. Writes need `publish`.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { baseOf, brokerError, hal, paths } from '#registry/broker/hal.ts';
import { latestVersion } from '#registry/broker/model.ts';
import type { VersionInfo } from '#registry/broker/model.ts';
import { addBranchDetectingMain } from '#registry/broker/publish.ts';
import { addTag, deleteBranch, deleteTag, ensureVersion, findPacticipant, listEnvironments, listPacticipants, updatePacticipant, versionsOf, type BrokerPacticipantRow } from '#registry/store/broker.ts';
import { authorize, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { parseJsonText, readJsonBody, validate } from '../http.ts';
import { brokerName } from './broker-pacts.ts';
import { op, pathParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const pacticipantBody = z.looseObject({ name: brokerName.optional(), displayName: z.string().nullish(), mainBranch: z.string().nullish(), repositoryUrl: z.string().nullish() });
const versionBody = z.looseObject({ branch: brokerName.optional(), buildUrl: z.string().optional(), tags: z.array(brokerName).optional() });

function pacticipantJson(base: string, p: BrokerPacticipantRow) {
  const self = `${base}${paths.pacticipant(p.name)}`;
  return {
    name: p.name,
    displayName: p.displayName ?? p.name,
    mainBranch: p.mainBranch,
    repositoryUrl: p.repositoryUrl,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    _links: {
      self: { href: self, name: p.name, title: 'Pacticipant' },
      'pb:versions': { href: `${self}/versions`, title: 'All application versions' },
      'pb:version': { href: `${self}/versions/{version}`, title: 'Get, create or delete a pacticipant version', templated: true },
      'pb:version-tag': { href: `${self}/versions/{version}/tags/{tag}`, title: 'Get, create or delete a tag for a version', templated: true },
      'pb:branch-version': { href: `${self}/branches/{branch}/versions/{version}`, title: 'Get or add/create a version for a branch', templated: true },
      'pb:latest-version': { href: `${self}/latest-version`, title: 'Latest version' },
    },
  };
}

async function versionJson(c: Context, services: Services, v: VersionInfo) {
  const base = baseOf(c);
  const self = `${base}${paths.version(v.pacticipant, v.number)}`;
  const envs = await listEnvironments(services.db);
  return {
    number: v.number,
    buildUrl: v.buildUrl,
    createdAt: v.createdAt,
    _embedded: {
      branchVersions: v.branches.map((b) => ({ name: b, _links: { self: { href: `${base}${paths.branchVersion(v.pacticipant, b, v.number)}`, name: b, title: 'Branch version' } } })),
      tags: v.tags.map((t) => ({ name: t, _links: { self: { href: `${base}${paths.tag(v.pacticipant, v.number, t)}`, name: t, title: 'Tag' } } })),
    },
    _links: {
      self: { href: self, name: v.number, title: 'Version' },
      'pb:pacticipant': { href: `${base}${paths.pacticipant(v.pacticipant)}`, name: v.pacticipant, title: 'Pacticipant' },
      'pb:tag': { href: `${self}/tags/{tag}`, title: 'Get, create or delete a tag for this pacticipant version', templated: true },
      'pb:record-deployment': envs.map((e) => ({ href: `${self}/deployed-versions/environment/${e.uuid}`, name: e.name, title: `Record deployment to ${e.displayName ?? e.name}` })),
      'pb:record-release': envs.map((e) => ({ href: `${self}/released-versions/environment/${e.uuid}`, name: e.name, title: `Record release to ${e.displayName ?? e.name}` })),
    },
  };
}

async function versionOr404(services: Services, pacticipant: string, number: string | undefined, tag?: string): Promise<VersionInfo> {
  const versions = await versionsOf(services.db, [pacticipant]);
  const v = latestVersion({ versions, deployments: [], pacts: [], verifications: [], mainBranches: new Map() }, pacticipant, (x) => (number === undefined || x.number === number) && (!tag || x.tags.includes(tag)));
  if (!v) throw brokerError(404, 'version', `No version ${number ?? (tag ? `with tag ${tag}` : '')} of pacticipant '${pacticipant}'. Publish pacts or run \`pact-broker create-or-update-version\` first.`);
  return v;
}

const savePacticipant = async (c: Context<AppEnv>, services: Services, name: string) => {
  const body = validate(pacticipantBody, await readJsonBody(c, 'pacticipant'), 'pacticipant');
  const patch = { ...(body.displayName !== undefined ? { displayName: body.displayName } : {}), ...(body.mainBranch !== undefined ? { mainBranch: body.mainBranch } : {}), ...(body.repositoryUrl !== undefined ? { repositoryUrl: body.repositoryUrl } : {}) };
  const existed = !!(await findPacticipant(services.db, name));
  return hal(c, pacticipantJson(baseOf(c), await updatePacticipant(services.db, validate(brokerName, name, 'name'), patch)), existed ? 200 : 201);
};

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/pacticipants', async (c) => {
      await authorize(c, services, 'read');
      const base = baseOf(c);
      const all = (await listPacticipants(services.db)).map((p) => pacticipantJson(base, p));
      return hal(c, { _embedded: { pacticipants: all }, pacticipants: all, _links: { self: { href: `${base}/pacticipants` } } });
    })
    .post('/pacticipants', async (c) => {
      await authorizeWrite(c, services, 'publish');
      const body = validate(pacticipantBody, await readJsonBody(c, 'pacticipant'), 'pacticipant');
      if (!body.name) throw brokerError(400, 'name', 'Give the pacticipant name: {"name": "…"}.');
      const patch = { ...(body.displayName != null ? { displayName: body.displayName } : {}), ...(body.mainBranch != null ? { mainBranch: body.mainBranch } : {}), ...(body.repositoryUrl != null ? { repositoryUrl: body.repositoryUrl } : {}) };
      return hal(c, pacticipantJson(baseOf(c), await updatePacticipant(services.db, body.name, patch)), 201);
    })
    .get('/pacticipants/:p', async (c) => {
      await authorize(c, services, 'read');
      const p = await findPacticipant(services.db, c.req.param('p'));
      if (!p) throw brokerError(404, 'pacticipant', `No pacticipant '${c.req.param('p')}'. List them with GET /pacticipants.`);
      return hal(c, pacticipantJson(baseOf(c), p));
    })
    .put('/pacticipants/:p', async (c) => (await authorizeWrite(c, services, 'publish'), savePacticipant(c, services, c.req.param('p'))))
    .patch('/pacticipants/:p', async (c) => (await authorizeWrite(c, services, 'publish'), savePacticipant(c, services, c.req.param('p'))))
    .get('/pacticipants/:p/versions', async (c) => {
      await authorize(c, services, 'read');
      const versions = (await versionsOf(services.db, [c.req.param('p')])).reverse();
      const embedded = await Promise.all(versions.map((v) => versionJson(c, services, v)));
      return hal(c, { _embedded: { versions: embedded }, _links: { self: { href: `${baseOf(c)}${paths.pacticipant(c.req.param('p'))}/versions` } } });
    })
    .get('/pacticipants/:p/versions/:v', async (c) => {
      await authorize(c, services, 'read');
      return hal(c, await versionJson(c, services, await versionOr404(services, c.req.param('p'), c.req.param('v'))));
    })
    .put('/pacticipants/:p/versions/:v', async (c) => {
      await authorizeWrite(c, services, 'publish');
      const text = await c.req.text();
      const body = validate(versionBody, text.trim() ? parseJsonText(text, 'version') : {}, 'version');
      const { id, created } = await ensureVersion(services.db, validate(brokerName, c.req.param('p'), 'pacticipant'), validate(brokerName, c.req.param('v'), 'version'), body.buildUrl);
      if (body.branch) await addBranchDetectingMain(services.db, c.req.param('p'), id, body.branch);
      for (const t of body.tags ?? []) await addTag(services.db, id, t);
      return hal(c, await versionJson(c, services, await versionOr404(services, c.req.param('p'), c.req.param('v'))), created ? 201 : 200);
    })
    .get('/pacticipants/:p/latest-version', async (c) => {
      await authorize(c, services, 'read');
      return hal(c, await versionJson(c, services, await versionOr404(services, c.req.param('p'), undefined)));
    })
    .get('/pacticipants/:p/latest-version/:tag', async (c) => {
      await authorize(c, services, 'read');
      return hal(c, await versionJson(c, services, await versionOr404(services, c.req.param('p'), undefined, c.req.param('tag'))));
    })
    .put('/pacticipants/:p/versions/:v/tags/:tag', async (c) => {
      await authorizeWrite(c, services, 'publish');
      const { id, created } = await ensureVersion(services.db, validate(brokerName, c.req.param('p'), 'pacticipant'), validate(brokerName, c.req.param('v'), 'version'));
      await addTag(services.db, id, validate(brokerName, c.req.param('tag'), 'tag'));
      const base = baseOf(c);
      return hal(c, { name: c.req.param('tag'), _links: { self: { href: `${base}${paths.tag(c.req.param('p'), c.req.param('v'), c.req.param('tag'))}` }, 'pb:version': { href: `${base}${paths.version(c.req.param('p'), c.req.param('v'))}` } } }, created ? 201 : 200);
    })
    .delete('/pacticipants/:p/versions/:v/tags/:tag', async (c) => {
      await authorizeWrite(c, services, 'publish');
      const v = await versionOr404(services, c.req.param('p'), c.req.param('v'));
      if (!(await deleteTag(services.db, v.id, c.req.param('tag')))) throw brokerError(404, 'tag', `Version ${v.number} of ${v.pacticipant} has no tag '${c.req.param('tag')}'.`);
      return c.body(null, 204);
    })
    .put('/pacticipants/:p/branches/:b/versions/:v', async (c) => {
      await authorizeWrite(c, services, 'publish');
      const { id, created } = await ensureVersion(services.db, validate(brokerName, c.req.param('p'), 'pacticipant'), validate(brokerName, c.req.param('v'), 'version'));
      await addBranchDetectingMain(services.db, c.req.param('p'), id, validate(brokerName, c.req.param('b'), 'branch'));
      const base = baseOf(c);
      return hal(c, { name: c.req.param('b'), _links: { self: { href: `${base}${paths.branchVersion(c.req.param('p'), c.req.param('b'), c.req.param('v'))}` }, 'pb:version': { href: `${base}${paths.version(c.req.param('p'), c.req.param('v'))}` } } }, created ? 201 : 200);
    })
    .delete('/pacticipants/:p/branches/:b', async (c) => {
      await authorizeWrite(c, services, 'publish');
      if (!(await deleteBranch(services.db, c.req.param('p'), c.req.param('b')))) throw brokerError(404, 'branch', `Pacticipant '${c.req.param('p')}' has no branch '${c.req.param('b')}'.`);
      return c.body(null, 204);
    });

const tags = ['broker'];
const p = pathParam('p', 'pacticipant name');
const v = pathParam('v', 'version number');
export const brokerPacticipantsRoutes: RouteModule = {
  name: 'broker-pacticipants',
  create,
  openapi: {
    '/pacticipants': { get: op('Pacticipants (applications)', { tags }), post: op('Create a pacticipant', { tags, auth: 'publish', body: { type: 'object' } }) },
    '/pacticipants/{p}': { get: op('A pacticipant', { tags, parameters: [p] }), put: op('Create or update a pacticipant (mainBranch, displayName, repositoryUrl)', { tags, auth: 'publish', parameters: [p], body: { type: 'object' } }), patch: op('Update a pacticipant', { tags, auth: 'publish', parameters: [p], body: { type: 'object' } }) },
    '/pacticipants/{p}/versions': { get: op('Versions of a pacticipant, newest first', { tags, parameters: [p] }) },
    '/pacticipants/{p}/versions/{v}': { get: op('A version with its branches, tags and record-deployment links', { tags, parameters: [p, v] }), put: op('Create or update a version', { tags, auth: 'publish', parameters: [p, v], body: { type: 'object' } }) },
    '/pacticipants/{p}/latest-version': { get: op('The latest version', { tags, parameters: [p] }) },
    '/pacticipants/{p}/latest-version/{tag}': { get: op('The latest version with a tag', { tags, parameters: [p, pathParam('tag', 'tag')] }) },
    '/pacticipants/{p}/versions/{v}/tags/{tag}': { put: op('Tag a version', { tags, auth: 'publish', parameters: [p, v, pathParam('tag', 'tag')] }), delete: op('Remove a tag', { tags, auth: 'publish', parameters: [p, v, pathParam('tag', 'tag')] }) },
    '/pacticipants/{p}/branches/{b}/versions/{v}': { put: op('Add a version to a branch', { tags, auth: 'publish', parameters: [p, pathParam('b', 'branch'), v] }) },
    '/pacticipants/{p}/branches/{b}': { delete: op('Delete a branch (versions and pacts stay)', { tags, auth: 'publish', parameters: [p, pathParam('b', 'branch')] }) },
  },
};
