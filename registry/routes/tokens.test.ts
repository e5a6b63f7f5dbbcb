/**
 * Token lifecycle through the API: list (never a hash), revoke (refused with 401 at once,
 * saying "revoked"), expiry (refused with 401 saying "expired"), and malformed
 * Authorization headers refused. Before this, tokens could not be listed or revoked, had
 * no expiry, and `Bearer <token> junk` was accepted.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokens } from '../db/schema/index.ts';
import { inScope } from '../domain/token-scope.ts';
import { openTestRegistry, seedText, type TestRegistry } from '../testing/harness.ts';

const schema = { schemaType: 'JSON', schema: '{"type":"object"}' };

describe('tokens: list, revoke, expiry, malformed headers', () => {
  let r: TestRegistry;
  beforeAll(async () => {
    r = await openTestRegistry();
  }, 180_000);
  afterAll(async () => r?.close());

  const create = async (body: Record<string, unknown>) => r.call('POST', '/v1/tokens', { body });

  it('lists tokens without secrets or hashes (admin only)', async () => {
    const res = await r.call('GET', '/v1/tokens', { token: r.tokens.admin });
    expect(res.status).toBe(200);
    expect(res.json.tokens.map((t: { name: string }) => t.name), 'the harness tokens are listed').toEqual(expect.arrayContaining(['test-admin', 'test-publish', 'test-read']));
    const [row] = await r.conn.db.select().from(tokens).where(eq(tokens.name, 'test-admin'));
    expect(JSON.stringify(res.json), 'no hash in the listing').not.toContain(row!.hash);
    expect(JSON.stringify(res.json), 'no token in the listing').not.toContain(r.tokens.admin);
    expect(res.json.tokens[0].state, 'each row says whether it is usable').toBe('active');
    expect((await r.call('GET', '/v1/tokens', { token: r.tokens.publish })).status, 'publish may not list tokens').toBe(403);
  });

  it('revokes a token: refused with 401 "revoked" at once, even though it was just cached', async () => {
    const made = await create({ role: 'publish', name: 'to-revoke' });
    const token: string = made.json.token;
    expect((await r.call('POST', '/subjects/Revoke.Me.Soon/versions', { body: schema, token })).status, 'works before (and is now cached)').toBe(200);
    const revoked = await r.call('DELETE', `/v1/tokens/${made.json.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt, 'the answer says when').toBeTruthy();
    const after = await r.call('POST', '/subjects/Revoke.Me.Soon/versions', { body: schema, token });
    expect(after.status, 'a revoked token is refused').toBe(401);
    expect(after.json.message, 'the refusal says why').toMatch(/"to-revoke" \(id \d+\) was revoked at /);
    const listed = await r.call('GET', '/v1/tokens?includeRevoked=true', { token: r.tokens.admin });
    expect(listed.json.tokens.find((t: { id: number }) => t.id === made.json.id)).toMatchObject({ state: 'revoked', revokedBy: 'test-admin#1' });
    const audit = await r.call('GET', '/v1/audit', { token: r.tokens.admin });
    expect(audit.json.entries.some((e: { action: string }) => e.action === 'token-revoke'), 'revocations are audited').toBe(true);
  });

  it.each([
    ['an unknown id', 404, '/v1/tokens/99999', 40410],
    ['an id that is not a number', 404, '/v1/tokens/abc', 40410],
  ] as const)('revoking %s is %i', async (_name, status, url, code) => {
    const res = await r.call('DELETE', url);
    expect(res.status).toBe(status);
    expect(res.json.error_code).toBe(code);
  });

  it('refuses to revoke the last usable admin token (nobody could create another)', async () => {
    const listed = await r.call('GET', '/v1/tokens', { token: r.tokens.admin });
    const admins = listed.json.tokens.filter((t: { role: string }) => t.role === 'admin');
    expect(admins.length, 'the harness has exactly one admin token').toBe(1);
    const res = await r.call('DELETE', `/v1/tokens/${admins[0].id}`);
    expect(res.status, 'the last admin token stays').toBe(409);
    expect(res.json.message).toMatch(/last usable admin token.*Create another admin token first/);
    expect((await r.call('GET', '/v1/tokens', { token: r.tokens.admin })).status, 'and still works').toBe(200);
  });

  it('expires tokens: expiresIn/expiresAt recorded; refused with 401 "expired" after', async () => {
    const made = await create({ role: 'publish', name: 'short-lived', expiresIn: '30d' });
    expect(made.status).toBe(201);
    const days = (Date.parse(made.json.expiresAt) - Date.now()) / 86_400_000;
    expect(days, '30d is thirty days from now').toBeGreaterThan(29.9);
    // Move the expiry into the past (as time passing would), before the token is ever used.
    await r.conn.db.update(tokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(tokens.id, made.json.id));
    const res = await r.call('POST', '/subjects/Expired.Token.Used/versions', { body: schema, token: made.json.token });
    expect(res.status, 'an expired token is refused').toBe(401);
    expect(res.json.message).toMatch(/"short-lived" \(id \d+\) expired at /);
    const instant = `${new Date().getUTCFullYear() + 1}-01-01T00:00:00Z`;
    const at = await create({ role: 'read', expiresAt: instant });
    expect(at.json.expiresAt, 'an explicit instant is kept').toBe(instant.replace('Z', '.000Z'));
  });

  it.each([
    ['a duration without a unit', { expiresIn: '30' }, /expiresIn "30" is not a duration/],
    ['an unknown unit', { expiresIn: '3y' }, /not a duration/],
    ['both forms', { expiresIn: '1d', expiresAt: '2030-01-01T00:00:00Z' }, /not both/],
    ['a past instant', { expiresAt: '2001-01-01T00:00:00Z' }, /not in the future/],
    ['an instant without a zone', { expiresAt: '2030-01-01T00:00:00' }, /ISO 8601 instant with a time zone/],
    ['more than ten years', { expiresIn: '999999d' }, /more than ten years/],
  ] as const)('refuses an expiry with %s (422, saying what)', async (_name, extra, message) => {
    const res = await create({ role: 'read', ...extra });
    expect(res.status).toBe(422);
    expect(res.json.message).toMatch(message);
  });

  it.each([
    ['junk after the token', (t: string) => `Bearer ${t} junk`],
    ['an empty bearer', () => 'Bearer '],
    ['an unknown scheme', (t: string) => `Token ${t}`],
    ['Basic with bad base64', () => 'Basic %%%'],
  ] as const)('refuses an Authorization header with %s (401), on writes and open reads', async (_name, header) => {
    const write = await r.call('POST', '/subjects/Malformed.Header.Used/versions', { body: schema, token: null, headers: { authorization: header(r.tokens.admin) } });
    expect(write.status, 'the write is refused, not served with the token inside').toBe(401);
    expect(write.json.message, 'the refusal says what is wrong with the header').toMatch(/Authorization|credential|scheme|base64/);
    const read = await r.call('GET', '/subjects', { token: null, headers: { authorization: header(r.tokens.admin) } });
    expect(read.status, 'a broken header is not silently served as anonymous').toBe(401);
  });

  it('scopes a publish token to subjects: writes inside pass, outside are 403 naming them, reads stay open', async () => {
    const made = await create({ role: 'publish', name: 'team-a', scope: ['Scoped.TeamA.*', 'Shared.Exact.Event'] });
    expect(made.status).toBe(201);
    expect(made.json.scope, 'stored sorted').toEqual(['Scoped.TeamA.*', 'Shared.Exact.Event']);
    const token: string = made.json.token;
    for (const [subject, status] of [['Scoped.TeamA.Created', 200], ['Shared.Exact.Event', 200], ['Shared.Exact.EventTwo', 403], ['Scoped.TeamB.Created', 403]] as const) {
      const res = await r.call('POST', `/subjects/${subject}/versions`, { body: schema, token });
      expect(res.status, `${subject} with a token scoped to Scoped.TeamA.* and Shared.Exact.Event`).toBe(status);
      if (status === 403) expect(res.json.message, 'the refusal names the scope and the subject').toMatch(new RegExp(`may write only subjects matching Scoped\\.TeamA\\.\\*, Shared\\.Exact\\.Event; outside its scope: ${subject.replace(/\./g, '\\.')}`));
    }
    const doc = await r.request('POST', '/v1/documents', { raw: seedText(), token, headers: { 'content-type': 'application/yaml' } });
    expect(doc.status, 'a document with events outside the scope is refused as a whole').toBe(403);
    expect(((await doc.json()) as { message: string }).message).toMatch(/outside its scope: /);
    const dry = await r.request('POST', '/v1/documents?dryRun=true', { raw: seedText(), token, headers: { 'content-type': 'application/yaml' } });
    expect(dry.status, 'a dry run writes nothing, so scope does not apply').not.toBe(403);
    expect((await r.call('GET', '/subjects/Scoped.TeamB.Created/versions', { token })).status, 'reads are not scoped').not.toBe(403);
  }, 180_000); // parses the seed document twice; tens of seconds on a loaded machine

  it.each([
    ['an admin token', { role: 'admin', scope: ['A.*'] }, /scope applies to publish tokens only/],
    ['an empty list', { role: 'publish', scope: [] }, /1 to 50 patterns/],
    ['a star in the middle', { role: 'publish', scope: ['A.*.B'] }, /is not an event type or a prefix ending in \*/],
    ['a path', { role: 'publish', scope: ['../etc'] }, /is not an event type/],
  ] as const)('refuses a scope on %s (422)', async (_name, body, message) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(res.json.message).toMatch(message);
  });

  it.each([
    ['no scope writes everything', null, 'Any.Thing', true],
    ['an exact name', ['A.B.C'], 'A.B.C', true],
    ['an exact name is not a prefix', ['A.B.C'], 'A.B.CD', false],
    ['a prefix', ['A.B.*'], 'A.B.C', true],
    ['a prefix does not match its parent', ['A.B.*'], 'A.BX', false],
    ['* is everything', ['*'], 'Z', true],
  ] as const)('inScope: %s', (_name, scope, subject, expected) => {
    expect(inScope(scope, subject)).toBe(expected);
  });
});
