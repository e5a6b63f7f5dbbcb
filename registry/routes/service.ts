/** Service endpoints: `/` (Confluent clients probe it), `/health`, `/metrics`, `/openapi.json`. */
import { Hono } from 'hono';
import { baseOf, hal, indexLinks } from '#registry/broker/hal.ts';
import { pingDatabase } from '#registry/store/health.ts';
import { requestHeader } from '../http.ts';
import type { AppEnv, Services } from '../context.ts';
import { storeUnavailable } from '../errors.ts';
import { op } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const create = (services: Services) =>
  new Hono<AppEnv>()
    // Pact's clients (pact-broker CLI, pact_ffi verifier) ask for HAL: they get the broker's
    // index; everyone else (Confluent clients probe `/`) gets Confluent's `{}`.
    .get('/', (c) => ((requestHeader(c, 'accept') ?? '').includes('application/hal+json') ? hal(c, { name: 'evc', _links: indexLinks(baseOf(c)) }) : c.json({})))
    .get('/health', async (c) => {
      const started = performance.now();
      if (services.watch) {
        // Bounded by the ping timeout: a paused database must not hang the health check.
        if (!(await services.watch.check(true))) throw storeUnavailable({ database: 'down' });
      } else {
        try {
          await pingDatabase(services.db);
        } catch {
          throw storeUnavailable({ database: 'down' });
        }
      }
      return c.json({ status: 'ok', database: 'ok', latencyMs: Math.round((performance.now() - started) * 100) / 100 });
    })
    .get('/metrics', (c) => c.body(services.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }))
    .get('/openapi.json', (c) => c.json(services.openapi()));

export const serviceRoutes: RouteModule = {
  name: 'service',
  create,
  openapi: {
    '/': { get: op('With Accept: application/hal+json the Pact Broker index (HAL links); otherwise an empty object for Confluent clients', { tags: ['service'] }) },
    '/health': { get: op('Database reachability', { tags: ['service'], responses: { '200': 'OK', '503': 'Database unreachable or not answering within 500 ms (50001, `database: "down"`)' } }) },
    '/metrics': { get: { summary: 'Prometheus metrics (text format)', tags: ['service'], responses: { '200': { description: 'OK', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
    '/openapi.json': { get: op('This document', { tags: ['service'] }) },
  },
};
