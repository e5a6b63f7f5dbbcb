/** The UI as a route module (mounted last in `routes/index.ts`), with its pages in `/openapi.json` as text/html. */
import type { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { pathParam, queryParam } from '../routes/openapi-helpers.ts';
import type { RouteModule } from '../routes/types.ts';
import { createUi } from './routes.tsx';

const page = (summary: string, parameters: unknown[] = [], type = 'text/html') => ({
  summary,
  tags: ['ui'],
  ...(parameters.length ? { parameters } : {}),
  responses: { '200': { description: 'OK', content: { [type]: { schema: { type: 'string' } } } }, '303': { description: 'Reads need a token: redirect to /ui/login' } },
});
const event = pathParam('eventType', 'event type');
const agent = pathParam('agent', 'agent id');

export const uiRoutes: RouteModule = {
  name: 'ui',
  create: (services) => createUi(services) as unknown as Hono<AppEnv>,
  openapi: {
    '/ui': { get: page('Redirects to /ui/') },
    '/ui/': { get: page('Web UI: overview of events, agents, documents, latest registrations, health') },
    '/ui/static/{file}': { get: page('UI stylesheet, script and icon', [pathParam('file', 'app.css, app.js or favicon.svg')], 'text/css') },
    '/ui/login': {
      get: page('Sign-in form (when EVC_READ_AUTH=true)'),
      post: { ...page('Sign in with a token (form post); sets an HttpOnly cookie'), responses: { '303': { description: 'Signed in' }, '401': { description: 'Unknown token' }, '403': { description: 'Cross-site post' } } },
    },
    '/ui/logout': { post: { ...page('Sign out'), responses: { '303': { description: 'Signed out' } } } },
    '/ui/events/{eventType}': { get: page('Event page: versions, fields, agents, delivery, compatibility', [event]) },
    '/ui/events/{eventType}/schema.json': { get: page('Download a version\'s schema', [event, queryParam('version', 'semver or latest')], 'application/schema+json') },
    '/ui/events/{eventType}/diff': { get: page('Diff of two versions', [event, queryParam('from', 'semver'), queryParam('to', 'semver')]) },
    '/ui/agents/{agent}': { get: page('Agent page: sends, receives, pacts, client bundle', [agent]) },
    '/ui/agents/{agent}/client.tgz': { get: page('The agent\'s client bundle (as /v1/clients/{agent}.tgz)', [agent], 'application/gzip') },
    '/ui/flow': { get: page('Event flow graph (SVG)') },
    '/ui/sagas/{name}': { get: page('Saga steps and compensations', [pathParam('name', 'saga name')]) },
    '/ui/aggregates/{name}': { get: page('Aggregate lifecycle', [pathParam('name', 'aggregate name')]) },
    '/ui/matrix': { get: page('Pact matrix and can-i-deploy form', [queryParam('pacticipant', 'agent'), queryParam('version', 'version')]) },
  },
};
