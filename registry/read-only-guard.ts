/**
 * Global `READONLY` refuses every write (Confluent: "READONLY … rejects all write
 * requests"): documents, schemas, pacts, verification results, tokens, deletes, and any
 * route added later, with 42205. Not writes, so let through: POSTs that only read
 * (lookups, compatibility checks, dry runs) and the settings routes, which apply READONLY
 * themselves so that the mode itself can still be changed (routes/settings-write.ts).
 * Subject-level READONLY is applied where the subject is known (registration, deletes).
 */
import type { MiddlewareHandler } from 'hono';
import { readStoredConfig } from '#registry/store/config.ts';
import type { AppEnv, Services } from './context.ts';
import { flag } from './http.ts';
import { readOnly } from './errors.ts';

const READS_BY_POST: RegExp[] = [/^\/subjects\/[^/]+\/?$/, /^\/compatibility\//, /^\/v1\/events\/[^/]+\/compatibility\/?$/];
const SETTINGS = /^\/(v1\/)?(config|mode)(\/|$)/;

export const isWrite = (method: string, path: string, dryRun: boolean): boolean => {
  if (!['POST', 'PUT', 'DELETE', 'PATCH'].includes(method)) return false;
  if (SETTINGS.test(path) || dryRun) return false;
  return !(method === 'POST' && READS_BY_POST.some((r) => r.test(path)));
};

export const readOnlyGuard = (services: Services): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (isWrite(c.req.method, c.req.path, flag(c.req.query('dryRun')))) {
    if ((await readStoredConfig(services.db))?.mode === 'READONLY') throw readOnly();
  }
  await next();
};
