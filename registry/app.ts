/**
 * The registry's Hono app: route modules from `routes/index.ts`, one `onError` that maps
 * typed errors to `{ error_code, message }`, a 5 MB body limit, and request metrics.
 * No port is opened here; `server.ts` serves it, tests call `app.request()`.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { TokenCache } from './auth.ts';
import { CatalogCache } from './domain/catalog-cache.ts';
import type { AppDeps, AppEnv, Services } from './context.ts';
import { isDatabaseUnavailable, isWriteConflict } from './db-errors.ts';
import { RegistryError, payloadTooLarge, storeUnavailable } from './errors.ts';
import { CONFLUENT_JSON } from './http.ts';
import { IdCache } from './id-cache.ts';
import { ReadCache } from './read-cache.ts';
import { announceWrites } from './replicas/announce-writes.ts';
import { localChangeFeed } from './replicas/change-feed.ts';
import { Lifecycle } from './replicas/lifecycle.ts';
import { Metrics } from './metrics.ts';
import { buildOpenApi } from './openapi.ts';
import { routeModules } from './routes/index.ts';

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/** Native and service paths answer `application/json`; everything else is the Confluent API. */
const isConfluentPath = (path: string) => !/^\/(v1\/|health|metrics|openapi\.json)/.test(path);

export function createApp(deps: AppDeps): Hono<AppEnv> {
  let spec: unknown;
  const changes = deps.changes ?? localChangeFeed();
  const services: Services = {
    db: deps.db,
    readAuth: deps.readAuth ?? false,
    log: deps.log ?? ((line) => process.stderr.write(`${line}\n`)),
    metrics: deps.metrics ?? new Metrics(),
    ids: new IdCache(),
    tokens: new TokenCache(),
    catalogs: new CatalogCache(),
    reads: new ReadCache(1000, 5000, () => changes.live, changes.settle),
    changes,
    lifecycle: deps.lifecycle ?? new Lifecycle(),
    openapi: () => (spec ??= buildOpenApi(routeModules)),
  };
  changes.onChange(() => services.reads.clear());
  const app = new Hono<AppEnv>();
  const limit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    services.metrics.observeRequest(c.req.method, routePath(c, -1) || 'unmatched', c.res.status, (performance.now() - started) / 1000);
  });
  app.use('*', services.lifecycle.track);
  app.use('*', announceWrites(changes));
  // Only requests that carry a body go through the limit: reading `c.req.raw.body` makes
  // @hono/node-server build a full Request object, which cost cached GETs two thirds of
  // their throughput (bench:registry).
  const limitBody = bodyLimit({ maxSize: limit, onError: () => { throw payloadTooLarge(limit); } });
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  for (const module of routeModules) app.route('/', module.create(services));

  app.notFound((c) => {
    const body = { error_code: 404, message: `No route ${c.req.method} ${c.req.path}. See GET /openapi.json for the API.` };
    return c.json(body, 404, isConfluentPath(c.req.path) ? { 'content-type': CONFLUENT_JSON } : {});
  });

  app.onError((error, c) => {
    let typed: RegistryError;
    if (error instanceof RegistryError) typed = error;
    else if (isDatabaseUnavailable(error)) typed = storeUnavailable();
    else if (isWriteConflict(error)) typed = new RegistryError(409, 40901, 'A concurrent registration changed this subject first; retry the request.');
    else {
      services.log(`error: ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const body = { error_code: 50001, message: `Internal error: ${error instanceof Error ? error.message : String(error)}` };
      return c.json(body, 500);
    }
    if (typed.status === 503) services.log(`error: ${c.req.method} ${c.req.path}: database unavailable: ${error === typed ? '' : String((error as Error).message)}`);
    const body = { error_code: typed.code, message: typed.message, ...(typed.details ?? {}) };
    return c.json(body, typed.status, isConfluentPath(c.req.path) ? { 'content-type': CONFLUENT_JSON } : {});
  });
  return app;
}
