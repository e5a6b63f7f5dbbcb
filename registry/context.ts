/** What every route gets: the database and the service's collaborators. */
import type { Database } from '#registry/db/connect.ts';
import type { Metrics } from './metrics.ts';
import type { Principal } from './auth.ts';
import type { IdCache } from './id-cache.ts';

export interface AppDeps {
  db: Database;
  /** `EVC_READ_AUTH=true`: reads need a token too (any role). */
  readAuth?: boolean;
  /** Where auth failures and unexpected errors are logged (never with tokens). */
  log?: (line: string) => void;
  metrics?: Metrics;
  /** Request body limit in bytes; 5 MB by default. */
  bodyLimit?: number;
  /** Where CPU-heavy steps run (worker threads); one shared pool by default. */
  offload?: import('./offload/index.ts').Offload;
}

export interface Services {
  db: Database;
  readAuth: boolean;
  log: (line: string) => void;
  metrics: Metrics;
  ids: IdCache;
  tokens: import('./auth.ts').TokenCache;
  catalogs: import('./domain/catalog-cache.ts').CatalogCache;
  reads: import('./read-cache.ts').ReadCache;
  offload: import('./offload/index.ts').Offload;
  /** The OpenAPI document of every mounted route module. */
  openapi: () => unknown;
}

export type AppEnv = { Variables: { principal?: Principal } };
