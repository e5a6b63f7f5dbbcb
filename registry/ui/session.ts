/**
 * The UI's read authentication (EVC_READ_AUTH=true): a browser cannot send a Bearer header
 * on a link, so the login form posts the token once and the server keeps it in a cookie:
 * HttpOnly (scripts never see it), SameSite=Strict and a same-origin check on every POST
 * (no cross-site form can sign in or out; every other UI request is a read), Path=/ui.
 * The token is checked exactly as `authorize` checks a Bearer token (same cache, same store).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Principal } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { forbidden } from '../errors.ts';

export const COOKIE = 'evc_ui_token';
const COOKIE_PATH = '/ui';

export interface Session {
  /** `Bearer <token>` for the in-process API calls, when reads need a token. */
  authorization?: string;
  principal?: Principal;
}

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** The session of a request, or undefined when reads need a token and it has none (or a bad one). */
export async function readSession(c: Context, services: Services): Promise<Session | undefined> {
  if (!services.readAuth) return {};
  const token = getCookie(c, COOKIE);
  if (!token) return undefined;
  const resolved = await services.tokens.resolve(services.db, token);
  if (!('principal' in resolved)) {
    deleteCookie(c, COOKIE, { path: COOKIE_PATH });
    return undefined;
  }
  return { authorization: `Bearer ${token}`, principal: resolved.principal };
}

export async function signIn(c: Context, services: Services, token: string): Promise<Principal | undefined> {
  const resolved = await services.tokens.resolve(services.db, token);
  if (!('principal' in resolved)) {
    services.log(`auth: 401 POST /ui/login: ${resolved.refused}`);
    return undefined;
  }
  setCookie(c, COOKIE, token, { path: COOKIE_PATH, httpOnly: true, sameSite: 'Strict', secure: isHttps(c), maxAge: 8 * 3600 });
  return resolved.principal;
}

export const signOut = (c: Context) => deleteCookie(c, COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'Strict', secure: isHttps(c) });

/** Refuses a POST whose Origin (or Referer) is another site: the CSRF check besides SameSite. */
export function assertSameOrigin(c: Context): void {
  const own = new URL(c.req.url).origin;
  const from = c.req.header('origin') ?? (c.req.header('referer') ? new URL(c.req.header('referer')!).origin : undefined);
  if (from !== undefined && from !== own && from !== 'null') {
    throw forbidden(`POST ${c.req.path} from ${from} refused: the UI accepts form posts only from ${own}.`);
  }
  if (from === 'null') throw forbidden(`POST ${c.req.path} from an opaque origin refused.`);
}

/** Only paths inside the UI are valid `next` targets (no open redirect to another site). */
export const safeNext = (next: unknown): string => (typeof next === 'string' && /^\/ui\/(?![/\\])[^\s]*$/.test(next) ? next : '/ui/');
