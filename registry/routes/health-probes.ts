/**
 * `/health/live` and `/health/ready` for orchestrators and load balancers (`/health` in
 * service.ts stays the combined check). Ready means: not draining (SIGTERM received) and
 * the database answers within a second.
 */
import { Hono } from 'hono';
import { pingDatabase } from '#registry/store/health.ts';
import type { AppEnv, Services } from '../context.ts';
import { op } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const READY_PING_TIMEOUT_MS = 1000;

async function databaseAnswers(services: Services): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), READY_PING_TIMEOUT_MS)));
  try {
    return await Promise.race([pingDatabase(services.db).then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/health/live', (c) => c.json({ status: 'ok' }))
    .get('/health/ready', async (c) => {
      const changeFeed = services.changes.live ? 'live' : 'down';
      if (services.lifecycle.isDraining) return c.json({ status: 'draining', changeFeed }, 503);
      if (!(await databaseAnswers(services))) return c.json({ status: 'unavailable', database: 'unreachable', changeFeed }, 503);
      return c.json({ status: 'ready', database: 'ok', changeFeed });
    });

export const healthProbeRoutes: RouteModule = {
  name: 'health-probes',
  create,
  openapi: {
    '/health/live': { get: op('Liveness: the process answers (no database check)', { tags: ['service'] }) },
    '/health/ready': { get: op('Readiness: not draining and the database answers within 1 s', { tags: ['service'], responses: { '200': 'Ready', '503': 'Draining or database unreachable' } }) },
  },
};
