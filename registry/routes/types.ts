/**
 * A route module: one resource, one file. `create` returns a Hono sub-app whose paths are
 * absolute (`/v1/events/...`); `openapi` describes those paths for `/openapi.json`
 * (a test checks that every mounted route is described).
 */
import type { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';

export type OpenApiPaths = Record<string, Record<string, unknown>>;

export interface RouteModule {
  name: string;
  create(services: Services): Hono<AppEnv>;
  openapi: OpenApiPaths;
}
