/**
 * Fault: the registry's PostgreSQL is (a) stopped and (b) paused with SIGSTOP, on a
 * private server this test starts itself. While it is down: reads that need it answer
 * 503/50001 within 1 s, `/health` answers within 1 s saying the database is down, cached
 * schema ids are still served; afterwards the same process recovers without a restart.
 * Before the fix (no ping, no timeouts) a paused server made every request, `/health`
 * included, hang ~30 s, and a stopped one answered after 1.6-14.5 s.
 * The other fault, a network cut mid-run, is registry/db-unreachable.faults.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '#registry/server.ts';
import { generateToken } from '#registry/domain/tokens.ts';
import { needsPostgres, skipWithout } from '#test/support/requirements.ts';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';

const SUBJECT = 'Faults.Outage.Subject';
/** The bound for an answer during an outage; a bound, not a benchmark. */
const FAST_MS = 1000;

describe.skipIf(skipWithout(needsPostgres))('fault: PostgreSQL stopped or paused (private server)', () => {
  let pg: PrivatePostgres;
  let server: RunningServer;
  const admin = generateToken();
  const logs: string[] = [];
  let schemaId = 0;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    server = await startServer({ databaseUrl: pg.url, port: 0, adminToken: admin, log: (l) => logs.push(l) });
    const res = await fetch(`${server.url}/subjects/${SUBJECT}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify({ type: 'object', properties: { a: { type: 'string' } } }) }),
    });
    expect(res.status, `baseline registration on the private server: ${logs.join('\n')}`).toBe(200);
    schemaId = ((await res.json()) as { id: number }).id;
    expect((await fetch(`${server.url}/schemas/ids/${schemaId}`)).status, 'warms the schema id cache').toBe(200);
  }, 120_000);

  afterAll(async () => {
    pg?.resume();
    await server?.close().catch(() => {});
    pg?.destroy();
  }, 120_000);

  const timed = async (url: string) => {
    const started = performance.now();
    const res = await fetch(`${server.url}${url}`, { signal: AbortSignal.timeout(35_000) });
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, body, ms: performance.now() - started };
  };

  async function assertFailsFast(outage: string) {
    // Two rounds: the first finds out, the second runs while the outage is already known.
    for (const round of [1, 2]) {
      for (const url of ['/health', '/subjects', `/subjects/${SUBJECT}/versions`, `/v1/events/${SUBJECT}/versions/latest`]) {
        const res = await timed(url);
        expect(res.status, `${outage}, round ${round}: GET ${url} answers 503`).toBe(503);
        expect(res.body.error_code, `${outage}: GET ${url} says the data store is unavailable`).toBe(50001);
        expect(res.ms, `${outage}, round ${round}: GET ${url} answered within ${FAST_MS} ms (took ${Math.round(res.ms)})`).toBeLessThan(FAST_MS);
        if (url === '/health') expect(res.body.database, `${outage}: /health reports the database down`).toBe('down');
      }
      const cached = await timed(`/schemas/ids/${schemaId}`);
      expect(cached.status, `${outage}: a cached schema id is still served`).toBe(200);
      expect(cached.ms, `${outage}: the cached read did not wait on the database`).toBeLessThan(FAST_MS);
    }
  }

  async function assertRecovers(outage: string) {
    let health = 0;
    const deadline = Date.now() + 30_000;
    while (health !== 200 && Date.now() < deadline) {
      health = (await timed('/health')).status;
      if (health !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(health, `after ${outage}: /health is 200 again without a restart`).toBe(200);
    const versions = await timed(`/subjects/${SUBJECT}/versions`);
    expect(versions.status, `after ${outage}: reads that need the database work again`).toBe(200);
    expect(versions.body, `after ${outage}: nothing was lost or duplicated`).toEqual([1]);
  }

  it('stopped: fast 503s, /health says down, cached ids served, recovery without restart', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // let the 1 s version-lookup cache expire
    pg.stop();
    try {
      await assertFailsFast('stopped');
    } finally {
      pg.start();
    }
    await assertRecovers('stopped');
  }, 120_000);

  it('paused (SIGSTOP): fast 503s, /health answers within 1 s, recovery after SIGCONT', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    pg.pause();
    try {
      await assertFailsFast('paused');
    } finally {
      pg.resume();
    }
    await assertRecovers('paused');
    expect(logs.some((l) => l.includes('database unavailable')), 'outages are logged').toBe(true);
  }, 120_000);
});
