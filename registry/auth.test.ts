import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { extractToken } from './auth.ts';
import { tokens } from './db/schema/index.ts';
import { openTestRegistry, type TestRegistry } from './testing/harness.ts';

/**
 * POSTs that only read (lookups and checks): open unless EVC_READ_AUTH=true. The Pact Broker's
 * pacts-for-verification query is a POST that only reads (pb:provider-pacts-for-verification).
 */
const READ_ONLY_POSTS = new Set([
  '/subjects/:subject',
  '/compatibility/subjects/:subject/versions/:version',
  '/compatibility/subjects/:subject/versions',
  '/v1/events/:eventType/compatibility',
  '/pacts/provider/:provider/for-verification',
]);
const concrete = (path: string) => path.replace(/:subject|:eventType/g, 'A.B.C').replace(/:version/g, '1').replace(/:id/g, '1');

describe('auth', () => {
  let r: TestRegistry;
  beforeAll(async () => {
    r = await openTestRegistry();
  }, 180_000);
  afterAll(async () => r.close());

  it('refuses every write route without a token (401) and logs it without the token', async () => {
    // The web UI's own forms (/ui/login, /ui/logout) answer HTML and are tested in registry/ui.
    const writes = r.app.routes.filter((x) => ['POST', 'PUT', 'DELETE', 'PATCH'].includes(x.method) && !READ_ONLY_POSTS.has(x.path) && !x.path.startsWith('/ui/'));
    expect(writes.length, 'the app has write routes to check').toBeGreaterThan(8);
    for (const route of writes) {
      const res = await r.call(route.method, concrete(route.path), { raw: '{}', token: null });
      expect(res.status, `${route.method} ${route.path} without a token`).toBe(401);
      expect(res.json.error_code, `${route.method} ${route.path} says why in Confluent's form`).toBe(40101);
    }
    const bogus = 'evc_definitely-not-a-real-token';
    const res = await r.call('POST', '/v1/tokens', { body: { role: 'read' }, token: bogus });
    expect(res.status, 'an unknown token is 401').toBe(401);
    expect(r.logs.some((l) => l.includes('auth: 401')), 'refusals are logged').toBe(true);
    expect(r.logs.join('\n'), 'the log never contains the token').not.toContain(bogus);
  });

  it.each([
    ['read token cannot publish', 'read', 'POST', '/subjects/A.B.C/versions', 403],
    ['publish token can publish', 'publish', 'POST', '/subjects/A.B.C/versions', 200],
    ['publish token cannot change config', 'publish', 'PUT', '/config', 403],
    ['publish token cannot create tokens', 'publish', 'POST', '/v1/tokens', 403],
    ['admin token can change config', 'admin', 'PUT', '/config', 200],
  ] as const)('%s', async (_name, role, method, url, status) => {
    const body = url === '/config' ? { compatibility: 'FULL_TRANSITIVE' } : url === '/v1/tokens' ? { role: 'read' } : { schemaType: 'JSON', schema: '{"type":"object"}' };
    const res = await r.call(method, url, { body, token: r.tokens[role] });
    expect(res.status).toBe(status);
  });

  it('accepts the token as the Basic-auth password (Confluent API key/secret)', async () => {
    const basic = Buffer.from(`any-key:${r.tokens.publish}`).toString('base64');
    const res = await r.call('POST', '/subjects/Basic.Auth.Used/versions', { body: { schemaType: 'JSON', schema: '{"type":"object"}' }, token: null, headers: { authorization: `Basic ${basic}` } });
    expect(res.status).toBe(200);
    expect(extractToken(`Basic ${basic}`)).toBe(r.tokens.publish);
  });

  it('creates tokens that work and stores only their hash', async () => {
    const created = await r.call('POST', '/v1/tokens', { body: { role: 'publish', name: 'ci' } });
    expect(created.status).toBe(201);
    const token: string = created.json.token;
    expect(token).toMatch(/^evc_[A-Za-z0-9_-]{43}$/);
    const rows = await r.conn.db.select().from(tokens).where(eq(tokens.name, 'ci'));
    expect(rows[0]?.hash, 'the stored value is the sha-256, not the token').toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
    const use = await r.call('POST', '/subjects/Token.Made.Here/versions', { body: { schemaType: 'JSON', schema: '{"type":"object"}' }, token });
    expect(use.status).toBe(200);
    const audit = await r.call('GET', '/v1/audit?eventType=Token.Made.Here', { token: r.tokens.admin });
    expect(audit.json.entries[0].actor, 'the audit log names the token, not its secret').toMatch(/^ci#\d+$/);
  });

  it('keeps reads open, unless EVC_READ_AUTH=true', async () => {
    expect((await r.call('GET', '/subjects')).status).toBe(200);
    const locked = await openTestRegistry({ readAuth: true });
    try {
      expect((await locked.call('GET', '/subjects')).status, 'reads need a token').toBe(401);
      expect((await locked.call('GET', '/subjects', { token: locked.tokens.read })).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
