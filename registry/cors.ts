/**
 * CORS, off unless origins are listed (`EVC_CORS_ORIGINS` / `evc serve --cors-origin`).
 * Off, the registry sends no CORS header, so a page on another origin cannot read its
 * answers (the browser's same-origin rule). On, an allowed origin gets
 * `Access-Control-Allow-Origin` and its preflights (Fetch standard, "CORS protocol") are
 * answered 204; a preflight from any other origin is refused with 403 and says why, and a
 * simple request from it is served without the header, so the browser hides the answer.
 * Credentials (cookies) are never allowed: tokens travel in `Authorization`.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

const METHODS = 'GET, HEAD, POST, PUT, DELETE';
const HEADERS = 'authorization, content-type, if-none-match';
const EXPOSED = 'etag, location';

/** `https://host[:port]` or `*`; returns the origin as browsers send it, or an error. */
export function parseCorsOrigin(text: string): { origin: string } | { error: string } {
  const value = text.trim();
  if (value === '*') return { origin: '*' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `"${value}" is not an origin; write it as scheme://host[:port], e.g. https://ui.example.com` };
  }
  if (!/^https?:$/.test(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
    return { error: `"${value}" is not an origin (no path, query or credentials; http or https), e.g. ${url.origin === 'null' ? 'https://ui.example.com' : url.origin}` };
  }
  return { origin: url.origin };
}

/** Comma-separated list (the env var's format); throws on the first entry that is not an origin. */
export function parseCorsOrigins(list: string | undefined): string[] {
  const out: string[] = [];
  for (const part of (list ?? '').split(',').filter((p) => p.trim() !== '')) {
    const parsed = parseCorsOrigin(part);
    if ('error' in parsed) throw new Error(`CORS origin ${parsed.error}`);
    out.push(parsed.origin);
  }
  return out;
}

export function corsPolicy(origins: readonly string[]): MiddlewareHandler<AppEnv> {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    const ok = any || allowed.has(origin);
    const preflight = c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (preflight) {
      if (!ok) {
        return c.json({ error_code: 40302, message: `CORS: origin ${origin} is not allowed. Allowed origins: ${origins.join(', ')}. Add it to EVC_CORS_ORIGINS (or evc serve --cors-origin).` }, 403, { vary: 'Origin' });
      }
      return c.body(null, 204, {
        'access-control-allow-origin': any ? '*' : origin,
        'access-control-allow-methods': METHODS,
        'access-control-allow-headers': HEADERS,
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    await next();
    c.res.headers.append('vary', 'Origin');
    if (ok) {
      c.res.headers.set('access-control-allow-origin', any ? '*' : origin);
      c.res.headers.set('access-control-expose-headers', EXPOSED);
    }
  };
}
