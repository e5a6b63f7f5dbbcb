/**
 * CORS: off by default (no header for any origin, preflights not answered), configurable
 * with a list of origins (preflight 204 and simple requests carry the header for them;
 * other origins' preflights are refused with 403, their simple requests get no header).
 * Before this there was no CORS policy at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCorsOrigin, parseCorsOrigins } from './cors.ts';
import { openTestRegistry, type TestRegistry } from './testing/harness.ts';

const ALLOWED = 'https://ui.example.com';
const OTHER = 'https://evil.example.net';

const preflight = (r: TestRegistry, origin: string) =>
  r.request('OPTIONS', '/subjects/A.B.C/versions', { token: null, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

describe('CORS policy', () => {
  let off: TestRegistry;
  let on: TestRegistry;
  beforeAll(async () => {
    off = await openTestRegistry();
    on = await openTestRegistry({ corsOrigins: [ALLOWED] });
  }, 180_000);
  afterAll(async () => {
    await off?.close();
    await on?.close();
  });

  it('is off by default: no CORS header for any origin, no preflight answer', async () => {
    const simple = await off.request('GET', '/subjects', { headers: { origin: ALLOWED } });
    expect(simple.status, 'the request itself is served (same-origin tools still work)').toBe(200);
    expect(simple.headers.get('access-control-allow-origin'), 'but a browser page on another origin may not read it').toBeNull();
    const pre = await preflight(off, ALLOWED);
    expect(pre.headers.get('access-control-allow-origin'), 'no preflight is granted').toBeNull();
    expect(pre.status, 'OPTIONS is not a route').toBe(404);
  });

  it('answers an allowed origin: preflight 204 with methods and headers, simple requests with the header', async () => {
    const pre = await preflight(on, ALLOWED);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin'), 'echoes the one allowed origin, never *').toBe(ALLOWED);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers'), 'the token header may be sent').toContain('authorization');
    expect(pre.headers.get('access-control-allow-credentials'), 'no cookies: tokens travel in Authorization').toBeNull();
    const simple = await on.request('GET', '/subjects', { headers: { origin: ALLOWED } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(simple.headers.get('vary'), 'caches keep answers per origin').toMatch(/Origin/);
  });

  it('refuses other origins: preflight 403 saying how to allow it, simple requests without the header', async () => {
    const pre = await preflight(on, OTHER);
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await pre.json()) as { message: string }).message).toMatch(/origin https:\/\/evil\.example\.net is not allowed.*EVC_CORS_ORIGINS/);
    const simple = await on.request('GET', '/subjects', { headers: { origin: OTHER } });
    expect(simple.headers.get('access-control-allow-origin'), 'the browser hides the answer from that page').toBeNull();
    const noOrigin = await on.request('GET', '/subjects');
    expect(noOrigin.headers.get('access-control-allow-origin'), 'non-browser clients are unaffected').toBeNull();
  });

  it.each([
    ['an https origin', 'https://ui.example.com', 'https://ui.example.com'],
    ['a port', 'http://localhost:5173', 'http://localhost:5173'],
    ['a trailing slash', 'https://ui.example.com/', 'https://ui.example.com'],
    ['any origin', '*', '*'],
  ])('parses %s', (_name, text, origin) => {
    expect(parseCorsOrigin(text)).toEqual({ origin });
  });

  it.each([
    ['a path', 'https://ui.example.com/app'],
    ['no scheme', 'ui.example.com'],
    ['another scheme', 'ftp://ui.example.com'],
    ['credentials', 'https://user:pw@ui.example.com'],
  ])('refuses an origin with %s', (_name, text) => {
    expect(parseCorsOrigin(text), `${text} is not an origin`).toHaveProperty('error');
    expect(() => parseCorsOrigins(`https://ok.example,${text}`), 'a list fails on its bad entry').toThrow(/is not an origin/);
  });
});
