/**
 * Starts the registry: connect (PGlite data dir or DATABASE_URL), migrate, bootstrap,
 * listen. Returns the URL and a `close()` that stops the server and the pool.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { connect, type Connection } from '#registry/db/connect.ts';
import { createApp } from './app.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import { migrateRegistry } from './migrate.ts';
import { sharedOffload } from './offload/index.ts';

export interface ServerOptions {
  port?: number;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  adminToken?: string;
  seedFile?: string;
  readAuth?: boolean;
  log?: (line: string) => void;
  /** Called as each start-up step completes (`evc serve` prints a line per step). */
  onStep?: (step: 'database' | 'migrations' | 'bootstrap' | 'listening', port?: number) => void;
  /** Use this connection instead of opening one (tests); it is not closed by `close()`. */
  connection?: Connection;
}

export interface RunningServer {
  url: string;
  port: number;
  connection: Connection;
  bootstrap: BootstrapResult;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  void sharedOffload().warm(); // workers start while the database is opened and migrated
  const connection =
    options.connection ??
    (await connect({ ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), ...(options.dataDir ? { dataDir: options.dataDir } : {}) }));
  options.onStep?.('database');
  await migrateRegistry(connection);
  options.onStep?.('migrations');
  const boot = await bootstrap(connection.db, { ...(options.adminToken ? { adminToken: options.adminToken } : {}), ...(options.seedFile ? { seedFile: options.seedFile } : {}) });
  options.onStep?.('bootstrap');
  const app = createApp({ db: connection.db, readAuth: options.readAuth ?? false, ...(options.log ? { log: options.log } : {}) });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  options.onStep?.('listening', port);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    connection,
    bootstrap: boot,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      if (!options.connection) await connection.close();
    },
  };
}
