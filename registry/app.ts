/**
 * The registry's Hono app: route modules from `routes/index.ts`, one `onError` that maps
 * typed errors to `{ error_code, message }`, a 5 MB body limit, and request metrics.
 * No port is opened here; `server.ts` serves it, tests call `app.request()`.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { TokenCache } from './auth.ts';
import { CatalogCache } from './domain/catalog-cache.ts';
import type { AppDeps, AppEnv, Services } from './context.ts';
import { isDatabaseUnavailable, isWriteConflict } from './db-errors.ts';
import { RegistryError, badRequest, payloadTooLarge, storeUnavailable } from './errors.ts';
import { CONFLUENT_JSON } from './http.ts';
import { IdCache } from './id-cache.ts';
import { ReadCache } from './read-cache.ts';
import { Metrics } from './metrics.ts';
import { buildOpenApi } from './openapi.ts';
import { routeModules } from './routes/index.ts';
import { sharedOffload } from './offload/index.ts';

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that makes `bytes` invalid UTF-8, or undefined when it is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  try {
    strictUtf8.decode(bytes);
    return undefined;
  } catch {
    // Rare path: find the offset by halving (each probe is a native decode of a prefix).
    let [lo, hi] = [0, bytes.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
        lo = mid + 1;
      } catch {
        hi = mid;
      }
    }
    return Math.min(lo, bytes.length - 1);
  }
}

/** Native and service paths answer `application/json`; everything else is the Confluent API. */
const isConfluentPath = (path: string) => !/^\/(v1\/|health|metrics|openapi\.json)/.test(path);

export function createApp(deps: AppDeps): Hono<AppEnv> {
  let spec: unknown;
  const services: Services = {
    db: deps.db,
    readAuth: deps.readAuth ?? false,
    log: deps.log ?? ((line) => process.stderr.write(`${line}\n`)),
    metrics: deps.metrics ?? new Metrics(),
    ids: new IdCache(),
    tokens: new TokenCache(),
    catalogs: new CatalogCache(),
    reads: new ReadCache(),
    offload: deps.offload ?? sharedOffload(),
    openapi: () => (spec ??= buildOpenApi(routeModules)),
  };
  const app = new Hono<AppEnv>();
  const limit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    services.metrics.observeRequest(c.req.method, routePath(c, -1) || 'unmatched', c.res.status, (performance.now() - started) / 1000);
  });
  // Only requests that carry a body go through the limit: reading `c.req.raw.body` makes
  // @hono/node-server build a full Request object, which cost cached GETs two thirds of
  // their throughput (bench:registry).
  const limitBody = bodyLimit({ maxSize: limit, onError: () => { throw payloadTooLarge(limit); } });
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  // A NUL byte cannot be stored in a PostgreSQL text value: refuse it before any query sees it.
  app.use('*', async (c, next) => {
    const nul = /%00|\u0000/i.exec(c.req.url);
    if (nul) throw badRequest(`The URL contains a NUL byte (%00) at character ${nul.index + 1}: subject, version and other names cannot contain NUL. Remove it and retry.`);
    return next();
  });
  // Bodies must be UTF-8 (JSON: RFC 8259 §8.1; YAML 1.2 §5.2): an invalid byte is refused, never replaced with U+FFFD.
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const bad = firstInvalidUtf8(bytes);
    if (bad !== undefined) throw badRequest(`The request body is not valid UTF-8: invalid byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad}. Send the document or schema encoded as UTF-8.`, { offset: bad });
    return next();
  });

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
      // The details (SQL, compiler output, stack) go to the log only, under an id the client can quote.
      const incident = randomUUID();
      services.log(`error: ${incident} ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const body = { error_code: 50001, message: `Internal error (incident ${incident}). The details are in the registry's log; report the incident id to its operators.`, incident };
      return c.json(body, 500, isConfluentPath(c.req.path) ? { 'content-type': CONFLUENT_JSON } : {});
    }
    if (typed.status === 503) services.log(`error: ${c.req.method} ${c.req.path}: database unavailable: ${error === typed ? '' : String((error as Error).message)}`);
    const body = { error_code: typed.code, message: typed.message, ...(typed.details ?? {}) };
    return c.json(body, typed.status, isConfluentPath(c.req.path) ? { 'content-type': CONFLUENT_JSON } : {});
  });
  return app;
}
