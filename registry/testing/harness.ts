/**
 * A registry for tests: a fresh database from `openTestDatabase()` (PGlite, or a new
 * database on the server when DATABASE_URL is set), migrated, with an admin, a publish
 * and a read token. Drive it with `request()` (no port) or `listen()` (a real port).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openTestDatabase } from '#test/support/db.ts';
import { BUNDLED_DOCUMENT_PATH } from '#catalog/bundled.ts';
import { createApp } from '../app.ts';
import type { AppDeps } from '../context.ts';
import { generateToken, hashToken, type Role } from '../domain/tokens.ts';
import { migrateRegistry } from '../migrate.ts';
import { startServer, type RunningServer } from '../server.ts';
import { insertToken } from '../store/tokens.ts';

export const SEED_FILE = BUNDLED_DOCUMENT_PATH;
export const seedText = (): string => readFileSync(SEED_FILE, 'utf8');

export async function openTestRegistry(options: Partial<AppDeps> = {}) {
  const conn = await openTestDatabase();
  await migrateRegistry(conn);
  const tokens = {} as Record<Role, string>;
  for (const role of ['admin', 'publish', 'read'] as const) {
    tokens[role] = generateToken();
    await insertToken(conn.db, { name: `test-${role}`, role, hash: hashToken(tokens[role]), createdBy: 'test' });
  }
  const logs: string[] = [];
  const app = createApp({ db: conn.db, log: (line) => logs.push(line), ...options });
  const servers: RunningServer[] = [];

  const request = (method: string, url: string, init: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const token = init.token === undefined ? (method === 'GET' ? undefined : tokens.admin) : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (init.raw !== undefined) body = init.raw;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    return app.request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  };

  return {
    conn,
    app,
    tokens,
    logs,
    request,
    /** JSON body + status in one call. */
    async call(method: string, url: string, init: Parameters<typeof request>[2] = {}) {
      const res = await request(method, url, init);
      const text = await res.text();
      let json: any;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = text;
      }
      return { status: res.status, json, headers: res.headers };
    },
    /** Serves the same database on a real port (for real clients). */
    async listen() {
      const server = await startServer({ connection: conn, port: 0, log: (line) => logs.push(line) });
      servers.push(server);
      return server;
    },
    async close() {
      for (const s of servers) await s.close();
      await conn.close();
    },
  };
}

export type TestRegistry = Awaited<ReturnType<typeof openTestRegistry>>;
