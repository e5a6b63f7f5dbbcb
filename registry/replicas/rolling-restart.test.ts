/**
 * Rolling restart under load: two `evc serve` instances behind a round-robin proxy,
 * autocannon reading through it, each instance in turn sent SIGTERM (it drains and
 * exits 0) and replaced by a new one. No request may fail.
 */
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '#test/support/db.ts';
import { needsPostgres, skipWithout } from '#test/support/requirements.ts';
import { generateToken } from '../domain/tokens.ts';
import { startServeProcess, type ServeProcess } from '../testing/serve-process.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from '../testing/round-robin-proxy.ts';

const token = generateToken();
const SUBJECT = 'Replicas.Rolling.Read';

interface Run extends Promise<{ requests: { total: number }; errors: number; timeouts: number; non2xx: number; '2xx': number }> {
  stop(): void;
}

describe.skipIf(skipWithout(needsPostgres))('rolling restart of two instances under load', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const instances: ServeProcess[] = [];
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    db = await openTestDatabase();
    instances.push(await startServeProcess({ database: { url: db.url! }, token }));
    instances.push(await startServeProcess({ database: { url: db.url! }, token }));
    proxy = await startRoundRobinProxy(instances.map((i) => i.url));
    const res = await fetch(`${instances[0]!.url}/subjects/${SUBJECT}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify({ type: 'object', properties: { id: { type: 'string' } } }) }),
    });
    expect(res.status).toBe(200);
  }, 600_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    await db?.close();
  });

  it('answers every request while each instance in turn drains and is replaced', async () => {
    const run = autocannon({
      url: proxy.url,
      connections: 8,
      duration: 900,
      requests: [{ method: 'GET', path: `/subjects/${SUBJECT}/versions/latest` }, { method: 'GET', path: `/v1/events/${SUBJECT}/versions/latest` }, { method: 'GET', path: '/schemas/ids/1' }],
    } as never) as unknown as Run;
    const exits: Array<number | null> = [];
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (const slot of [0, 1]) {
        exits.push(await instances[slot]!.stop('SIGTERM'));
        const replacement = await startServeProcess({ database: { url: db.url! }, token });
        instances[slot] = replacement;
        proxy.backends[slot] = replacement.url;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
    } finally {
      run.stop();
    }
    const result = await run;
    expect(exits, 'each instance drained and exited cleanly on SIGTERM').toEqual([0, 0]);
    expect(result.requests.total, 'the load really ran').toBeGreaterThan(100);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }, `0 failed requests of ${result.requests.total}: ${proxy.failures.join('\n')}`).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(proxy.retried, 'the proxy did meet a stopped instance (the restart was under load)').toBeGreaterThan(0);
  }, 900_000);
});
