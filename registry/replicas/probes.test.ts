/**
 * Liveness, readiness and the drain, in one process: readiness is false while draining
 * and while the database is away, liveness stays true; a drain lets the request in flight
 * finish, refuses new connections, and reports whether it finished in time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '#registry/db/connect.ts';
import { createApp } from '../app.ts';
import { drainOptionsFromEnv, drainServer } from './drain.ts';
import { Lifecycle } from './lifecycle.ts';
import { changesData } from './announce-writes.ts';

const get = (url: string) =>
  new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    }).on('error', reject);
  });

describe('health probes', () => {
  let conn: Connection;
  beforeAll(async () => {
    // No migration needed: readiness only asks the database for `select 1`.
    conn = await connect();
  }, 300_000);
  afterAll(async () => conn.close().catch(() => undefined));

  // In this order: the last case takes the database away.
  it.each([
    { description: 'serving normally', drain: false, closeDb: false, live: 200, ready: 200, status: 'ready' },
    { description: 'draining after SIGTERM', drain: true, closeDb: false, live: 200, ready: 503, status: 'draining' },
    { description: 'the database is away', drain: false, closeDb: true, live: 200, ready: 503, status: 'unavailable' },
  ])('$description: live $live, ready $ready', async ({ drain, closeDb, live, ready, status }) => {
    const lifecycle = new Lifecycle();
    const app = createApp({ db: conn.db, lifecycle, log: () => {} });
    if (drain) lifecycle.startDraining();
    if (closeDb) await conn.close();
    const liveRes = await app.request('/health/live');
    expect(liveRes.status, 'liveness never depends on the database or the drain (a restart would not help)').toBe(live);
    const readyRes = await app.request('/health/ready');
    expect(readyRes.status, 'a load balancer sends traffic only when ready').toBe(ready);
    expect(((await readyRes.json()) as { status: string }).status, 'says why').toBe(status);
  });
});

describe('drainServer', () => {
  it('finishes the request in flight, refuses new connections, then resolves', async () => {
    const lifecycle = new Lifecycle();
    const app = new Hono();
    app.use('*', lifecycle.track);
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    app.get('/slow', async (c) => {
      arrived();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return c.text('done');
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const inFlight = get(`${url}/slow`);
    await received; // the server is handling it: it is in flight
    const drained = drainServer(server as never, lifecycle, { timeoutMs: 5000 });
    expect(lifecycle.isDraining, 'readiness turns false first').toBe(true);
    // Refused, or reset if it raced into the closing listener's backlog: never served.
    await expect(get(`${url}/slow`), 'a new request is not served once draining').rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
    const answer = await inFlight;
    expect([answer.status, answer.body], 'the request in flight finished normally').toEqual([200, 'done']);
    expect(answer.connection, 'and told its client not to reuse the connection').toBe('close');
    expect(await drained, 'the drain finished within its timeout').toEqual({ finished: true });
  });

  it.each([
    { env: {}, expected: {} },
    { env: { EVC_DRAIN_DELAY_MS: '2000', EVC_DRAIN_TIMEOUT_MS: '30000' }, expected: { delayMs: 2000, timeoutMs: 30000 } },
    { env: { EVC_DRAIN_DELAY_MS: 'soon' }, expected: {} },
  ])('reads drain settings from $env', ({ env, expected }) => {
    expect(drainOptionsFromEnv(env), 'milliseconds; anything else keeps the default').toEqual(expected);
  });
});

describe('which requests announce a change to the other instances', () => {
  it.each([
    { method: 'POST', path: '/subjects/A.B.C/versions', query: {}, expected: true, why: 'a Confluent registration' },
    { method: 'DELETE', path: '/subjects/A.B.C/versions/1', query: {}, expected: true, why: 'a delete' },
    { method: 'PUT', path: '/config/A.B.C', query: {}, expected: true, why: 'a config change' },
    { method: 'POST', path: '/v1/documents', query: {}, expected: true, why: 'a document registration' },
    { method: 'POST', path: '/v1/documents', query: { dryRun: 'true' }, expected: false, why: 'a dry run writes nothing' },
    { method: 'POST', path: '/subjects/A.B.C', query: {}, expected: false, why: 'Confluent lookup: is this schema registered?' },
    { method: 'POST', path: '/compatibility/subjects/A.B.C/versions/latest', query: {}, expected: false, why: 'a compatibility check' },
    { method: 'POST', path: '/v1/events/A.B.C/compatibility', query: {}, expected: false, why: 'a native compatibility check' },
    { method: 'GET', path: '/subjects', query: {}, expected: false, why: 'a read' },
  ])('$method $path $query → $expected ($why)', ({ method, path, query, expected }) => {
    expect(changesData(method, path, (name) => (query as Record<string, string>)[name])).toBe(expected);
  });
});
