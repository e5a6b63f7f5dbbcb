/** What every route gets: the database and the service's collaborators. */
import type { Database } from '#registry/db/connect.ts';
import type { Metrics } from './metrics.ts';
import type { Principal } from './auth.ts';
import type { IdCache } from './id-cache.ts';
import type { ChangeFeed } from './replicas/change-feed.ts';
import type { Lifecycle } from './replicas/lifecycle.ts';
import type { DatabaseWatch, Ping } from './fail-fast.ts';

export interface AppDeps {
  db: Database;
  /** `EVC_READ_AUTH=true`: reads need a token too (any role). */
  readAuth?: boolean;
  /** Where auth failures and unexpected errors are logged (never with tokens). */
  log?: (line: string) => void;
  metrics?: Metrics;
  /** Request body limit in bytes; 5 MB by default. */
  bodyLimit?: number;
  /** Cross-instance cache invalidation (PostgreSQL LISTEN/NOTIFY); local-only by default. */
  changes?: ChangeFeed;
  /** Readiness and drain state; a fresh one by default. */
  lifecycle?: Lifecycle;
  /**
   * Reachability check on a connection of its own (`Connection.ping`). Given (PostgreSQL),
   * requests fail fast with 503 while it fails and `/health` reports it (`fail-fast.ts`).
   */
  ping?: Ping;
  /** Origins allowed by the CORS policy (`cors.ts`); none (the default) means CORS is off. */
  corsOrigins?: readonly string[];
  /** Hosts broker webhooks may call (`EVC_WEBHOOK_HOSTS`), plus retry timing for tests. */
  webhooks?: Partial<import('./broker/webhooks.ts').WebhookPolicy>;
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
  changes: ChangeFeed;
  lifecycle: Lifecycle;
  /** Present when the app was given a `ping`: shared outage detection. */
  watch?: DatabaseWatch;
  webhooks: import('./broker/webhooks.ts').WebhookDispatcher;
  brokerViews: import('./broker/view-cache.ts').BrokerViewCache;
  offload: import('./offload/index.ts').Offload;
  /** The OpenAPI document of every mounted route module. */
  openapi: () => unknown;
}

export type AppEnv = { Variables: { principal?: Principal } };
