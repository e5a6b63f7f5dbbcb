/**
 * Authentication and authorisation. Tokens arrive as `Authorization: Bearer <token>`, or
 * (for Confluent clients, which send an API key and secret) as HTTP Basic with the token
 * as the password (parsed strictly by `authorization-header.ts`). Revoked and expired
 * tokens are refused with 401 saying which. Routes call `authorize(c, role)`: reads need `read` only when
 * EVC_READ_AUTH=true; writes need `publish`; tokens, config, mode and deletes need `admin`.
 */
import type { Context } from 'hono';
import type { Database } from '#registry/db/connect.ts';
import { findTokenByHash } from '#registry/store/tokens.ts';
import { forbidden, unauthorized } from './errors.ts';
import { requestHeader } from './http.ts';
import type { AppEnv, Services } from './context.ts';
import { parseAuthorization } from './authorization-header.ts';
import { outOfScope, type Scope } from './domain/token-scope.ts';
import { hashesEqual, hashToken, isRole, roleAllows, tokenState, type Role } from './domain/tokens.ts';

export interface Principal {
  id: number;
  name: string;
  role: Role;
  /** Checked at every use, cached or not. */
  expiresAt: Date | null;
  /** Subjects this token may write (`domain/token-scope.ts`); null = all. */
  scope: Scope;
}

/** Actor string for the audit log: the token's name and id, never the token. */
export const actorOf = (p: Principal): string => `${p.name}#${p.id}`;

export type Resolved = { principal: Principal } | { refused: string };

/**
 * Verified tokens, by hash, for a few seconds: keeps a DB round trip off every write.
 * A revocation through this instance clears it at once; through another instance sharing
 * the database it takes effect within `ttlMs`.
 */
export class TokenCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  constructor(private readonly ttlMs = 10_000) {}

  clear(): void {
    this.entries.clear();
  }

  async resolve(db: Database, token: string, now = new Date()): Promise<Resolved> {
    const hash = hashToken(token);
    const hit = this.entries.get(hash);
    if (hit && hit.until > now.getTime()) return checkExpiry(hit.principal, now);
    const row = await findTokenByHash(db, hash);
    if (!row || !hashesEqual(row.hash, hash) || !isRole(row.role)) return { refused: 'the token is unknown' };
    const state = tokenState(row, now);
    if (state === 'revoked') return { refused: `the token "${row.name}" (id ${row.id}) was revoked at ${row.revokedAt!.toISOString()}` };
    const principal: Principal = { id: row.id, name: row.name, role: row.role, expiresAt: row.expiresAt, scope: row.scope ?? null };
    if (state === 'active') {
      if (this.entries.size > 1000) this.entries.clear();
      this.entries.set(hash, { principal, until: now.getTime() + this.ttlMs });
    }
    return checkExpiry(principal, now);
  }
}

const checkExpiry = (principal: Principal, now: Date): Resolved =>
  principal.expiresAt && principal.expiresAt.getTime() <= now.getTime()
    ? { refused: `the token "${principal.name}" (id ${principal.id}) expired at ${principal.expiresAt.toISOString()}` }
    : { principal };

/** The token in an Authorization header, or undefined when there is none or it is malformed. */
export const extractToken = (header: string | undefined): string | undefined => {
  const parsed = parseAuthorization(header);
  return parsed.kind === 'token' ? parsed.token : undefined;
};

/**
 * Throws 401/403 unless the request carries a token with at least `role`; returns the
 * principal. A malformed Authorization header is refused even on open reads: a client
 * that sends a broken one should hear about it, not be served as anonymous.
 */
export async function authorize(c: Context<AppEnv>, services: Services, role: Role): Promise<Principal | undefined> {
  const where = `${c.req.method} ${c.req.path}`;
  const parsed = parseAuthorization(requestHeader(c, 'authorization'));
  if (parsed.kind === 'malformed') {
    services.log(`auth: 401 ${where}: malformed Authorization header (${parsed.reason})`);
    c.header('WWW-Authenticate', 'Bearer realm="evc", error="invalid_request"');
    throw unauthorized(`${where}: ${parsed.reason}. Send Authorization: Bearer <token>.`);
  }
  if (role === 'read' && !services.readAuth) return c.get('principal');
  if (parsed.kind !== 'token') {
    services.log(`auth: 401 ${where}: no token`);
    c.header('WWW-Authenticate', 'Bearer realm="evc", Basic realm="evc"');
    throw unauthorized(`${where} needs a token with role ${role}: send Authorization: Bearer <token> (create one with \`evc token create --role ${role}\`).`);
  }
  const resolved = await services.tokens.resolve(services.db, parsed.token);
  if ('refused' in resolved) {
    services.log(`auth: 401 ${where}: ${resolved.refused}`);
    c.header('WWW-Authenticate', 'Bearer realm="evc", error="invalid_token"');
    throw unauthorized(`${where}: ${resolved.refused}. Ask an admin for a new one (\`evc token create --role ${role}\`).`);
  }
  const { principal } = resolved;
  if (!roleAllows(principal.role, role)) {
    services.log(`auth: 403 ${where}: token ${actorOf(principal)} has role ${principal.role}, needs ${role}`);
    throw forbidden(`${where} needs role ${role}; this token (${principal.name}) has role ${principal.role}.`);
  }
  // A scoped token writes only its subjects; routes without a subject in the path that
  // write subjects (document registration) call `assertScope` with theirs.
  const subject = role === 'read' ? undefined : (c.req.param('subject') ?? c.req.param('eventType'));
  if (subject !== undefined) assertScope(c, services, principal, [subject]);
  c.set('principal', principal);
  return principal;
}

/** 403 unless every subject is inside the principal's scope. */
export function assertScope(c: Context<AppEnv>, services: Services, principal: Principal | undefined, subjects: readonly string[]): void {
  if (!principal?.scope) return;
  const outside = outOfScope(principal.scope, subjects);
  if (outside.length === 0) return;
  services.log(`auth: 403 ${c.req.method} ${c.req.path}: token ${actorOf(principal)} is scoped to ${principal.scope.join(', ')}`);
  throw forbidden(`This token (${principal.name}) may write only subjects matching ${principal.scope.join(', ')}; outside its scope: ${outside.slice(0, 10).join(', ')}${outside.length > 10 ? ` and ${outside.length - 10} more` : ''}. Ask an admin for a token scoped to them.`);
}

/** Like `authorize`, for writes: always returns the principal. */
export async function authorizeWrite(c: Context<AppEnv>, services: Services, role: Exclude<Role, 'read'>): Promise<Principal> {
  const principal = await authorize(c, services, role);
  if (!principal) throw new Error('write authorised without a principal');
  return principal;
}
