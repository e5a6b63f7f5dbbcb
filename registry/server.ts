/**
 * Starts the registry: connect (PGlite data dir, locked, or DATABASE_URL), migrate,
 * bootstrap, listen. Returns the URL and a `close()` that stops the server and the pool.
 * `evc serve` tries the port before calling this (cli/startup-steps.ts), so a busy port
 * fails before any data directory is created, locked or migrated.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { connect, type Connection } from '#registry/db/connect.ts';
import { createApp } from './app.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import { migrateRegistry } from './migrate.ts';
import { localChangeFeed, postgresChangeFeed, type ChangeFeed } from './replicas/change-feed.ts';
import { drainServer, type DrainOptions } from './replicas/drain.ts';
import { Lifecycle } from './replicas/lifecycle.ts';
import { withStartupLock } from './replicas/startup-lock.ts';
import { sharedOffload } from './offload/index.ts';

export interface ServerOptions {
  port?: number;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  adminToken?: string;
  seedFile?: string;
  readAuth?: boolean;
  /** CORS: origins allowed to read answers in a browser; none = off. */
  corsOrigins?: readonly string[];
  /** Hosts broker webhooks may call (EVC_WEBHOOK_HOSTS). */
  webhookHosts?: string[];
  log?: (line: string) => void;
  /** Called as each start-up step completes (`evc serve` prints a line per step). */
  onStep?: (step: 'database' | 'migrations' | 'bootstrap' | 'listening', port?: number) => void;
  /** Use this connection instead of opening one (tests); it is not closed by `close()`. */
  connection?: Connection;
  /** How `close()` drains in-flight requests (see replicas/drain.ts). */
  drain?: DrainOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  connection: Connection;
  bootstrap: BootstrapResult;
  lifecycle: Lifecycle;
  /** Drains (readiness false, stop accepting, finish in-flight requests), then closes the pool. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const connection =
    options.connection ??
    (await connect({
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      lockHint: 'Another registry (or evc command) is using it: stop that process first, or start this one with another --data-dir.',
    }));
  options.onStep?.('database');
  const host = options.host ?? '127.0.0.1';
  let boot: BootstrapResult;
  let server: ReturnType<typeof serve>;
  let changes: ChangeFeed = localChangeFeed();
  const lifecycle = new Lifecycle();
  try {
    // Instances starting together on one database migrate and bootstrap one at a time.
    boot = await withStartupLock(options.databaseUrl, async () => {
      await migrateRegistry(connection);
      options.onStep?.('migrations');
      return bootstrap(connection.db, { ...(options.adminToken ? { adminToken: options.adminToken } : {}), ...(options.seedFile ? { seedFile: options.seedFile } : {}) });
    });
    options.onStep?.('bootstrap');
    if (connection.kind === 'postgres') await connection.ping(5000); // opens the probe's connection now, not during the first slow request
    if (options.databaseUrl) changes = await postgresChangeFeed({ databaseUrl: options.databaseUrl, db: connection.db, ...(options.log ? { log: options.log } : {}) });
    const app = createApp({
      db: connection.db,
      readAuth: options.readAuth ?? false,
      changes,
      lifecycle,
      webhooks: { allowedHosts: options.webhookHosts ?? [] },
      ...(options.log ? { log: options.log } : {}),
      // An embedded database cannot become unreachable, and a long PGlite transaction would read as an outage.
      ...(connection.kind === 'postgres' ? { ping: connection.ping } : {}),
      ...(options.corsOrigins?.length ? { corsOrigins: options.corsOrigins } : {}),
    });
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    // Release the data directory's lock (and the pool) so a fixed retry is not refused.
    await changes.close().catch(() => {});
    if (!options.connection) await connection.close().catch(() => {});
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  options.onStep?.('listening', port);
  void sharedOffload().warm(); // after listening: start-up (migrations, seed) does not compete with it
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    connection,
    bootstrap: boot,
    lifecycle,
    close: async () => {
      const { finished } = await drainServer(server as never, lifecycle, options.drain);
      if (!finished) options.log?.('registry: drain timed out; cut the requests still in flight');
      await changes.close();
      if (!options.connection) await connection.close();
    },
  };
}
