/**
 * Fault test: PostgreSQL becomes unreachable mid-run. Requests must fail fast with
 * 503/50001 (not hang, not 500), immutable ids already cached keep being served, and the
 * same app recovers when the database returns, without a restart. Runs on the server
 * only (PGlite has no network to cut); `npm run test:faults` insists on DATABASE_URL.
 * A stopped and a paused server are test/faults/postgres-outage.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '#registry/db/connect.ts';
import { openTestDatabase, usingServer } from '#test/support/db.ts';
import { createApp } from './app.ts';
import { migrateRegistry } from './migrate.ts';
import { startTcpProxy, type TcpProxy } from './testing/tcp-proxy.ts';
import { generateToken, hashToken } from './domain/tokens.ts';
import { insertToken } from './store/tokens.ts';

if (process.env.EVC_FAULTS === '1' && !usingServer()) {
  throw new Error('npm run test:faults needs DATABASE_URL (a PostgreSQL server to cut off), e.g. postgres://postgres@127.0.0.1:5432/test');
}

describe.skipIf(!usingServer())('database unreachable mid-run', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let proxy: TcpProxy;
  let proxied: Connection;
  let app: ReturnType<typeof createApp>;
  const token = generateToken();
  const logs: string[] = [];

  beforeAll(async () => {
    db = await openTestDatabase();
    await migrateRegistry(db);
    await insertToken(db.db, { name: 'faults', role: 'publish', hash: hashToken(token), createdBy: 'test' });
    const target = new URL(db.url!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(db.url!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    proxied = await connect({ databaseUrl: viaProxy.toString(), max: 4 });
    await proxied.ping(5000); // opens the probe's own connection, as startServer does
    app = createApp({ db: proxied.db, ping: proxied.ping, log: (l) => logs.push(l) });
  });
  afterAll(async () => {
    await proxied?.close().catch(() => {});
    await proxy?.close();
    await db?.close();
  });

  const register = (field: string) =>
    app.request('/subjects/Faults.Db.Cut/versions', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify({ type: 'object', properties: { [field]: { type: 'string' } } }) }),
    });

  it('answers 503/50001 quickly while the database is gone, and recovers without a restart', async () => {
    const first = await register('a');
    expect(first.status, `baseline registration works through the proxy:\n${logs.join('\n')}`).toBe(200);
    const { id } = (await first.json()) as { id: number };
    expect((await app.request(`/schemas/ids/${id}`)).status, 'warms the id cache').toBe(200);

    proxy.cut();
    for (const [method, url] of [
      ['GET', '/health'],
      ['GET', '/subjects/Faults.Db.Cut/versions'],
      ['GET', '/v1/events/Faults.Db.Cut/versions/latest'],
      ['POST', 'register'],
    ] as const) {
      const started = Date.now();
      const res = url === 'register' ? await register('b') : await app.request(url, { method });
      const elapsed = Date.now() - started;
      expect(res.status, `${method} ${url} while the database is unreachable`).toBe(503);
      expect(((await res.json()) as { error_code: number }).error_code).toBe(50001);
      // The bound on "quickly" (reads and /health within 1 s), not a performance measurement.
      expect(elapsed, `${method} ${url} failed fast`).toBeLessThan(1000);
    }
    expect((await app.request(`/schemas/ids/${id}`)).status, 'immutable ids already cached are still served').toBe(200);
    expect(logs.some((l) => l.includes('database unavailable')), 'the outage is logged').toBe(true);

    proxy.restore();
    let health = 0;
    for (let i = 0; i < 50 && health !== 200; i++) {
      health = (await app.request('/health')).status;
      if (health !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(health, 'the same app reconnects once the database is back').toBe(200);
    const after = await register('b');
    expect(after.status, 'writes work again').toBe(200);
    const versions = await app.request('/subjects/Faults.Db.Cut/versions');
    expect(await versions.json(), 'nothing was half-written during the outage').toEqual([1, 2]);
  });
});
