/**
 * Authentication and authorisation. Tokens arrive as `Authorization: Bearer <token>`, or
 * (for Confluent clients, which send an API key and secret) as HTTP Basic with the token
 * as the password. Routes call `authorize(c, role)`: reads need `read` only when
 * EVC_READ_AUTH=true; writes need `publish`; tokens, config, mode and deletes need `admin`.
 */
import type { Context } from 'hono';
import type { Database } from '#registry/db/connect.ts';
import { findTokenByHash } from '#registry/store/tokens.ts';
import { forbidden, unauthorized } from './errors.ts';
import { requestHeader } from './http.ts';
import type { AppEnv, Services } from './context.ts';
import { hashesEqual, hashToken, isRole, roleAllows, type Role } from './domain/tokens.ts';

export interface Principal {
  id: number;
  name: string;
  role: Role;
}

/** Actor string for the audit log: the token's name and id, never the token. */
export const actorOf = (p: Principal): string => `${p.name}#${p.id}`;

/** Verified tokens, by hash, for a few seconds: keeps a DB round trip off every write. */
export class TokenCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  constructor(private readonly ttlMs = 10_000) {}

  async resolve(db: Database, token: string): Promise<Principal | undefined> {
    const hash = hashToken(token);
    const hit = this.entries.get(hash);
    if (hit && hit.until > Date.now()) return hit.principal;
    const row = await findTokenByHash(db, hash);
    if (!row || !hashesEqual(row.hash, hash) || !isRole(row.role)) return undefined;
    const principal: Principal = { id: row.id, name: row.name, role: row.role };
    if (this.entries.size > 1000) this.entries.clear();
    this.entries.set(hash, { principal, until: Date.now() + this.ttlMs });
    return principal;
  }
}

export const extractToken = (header: string | undefined): string | undefined => {
  if (!header) return undefined;
  const [scheme, value] = header.split(/\s+/, 2);
  if (!scheme || !value) return undefined;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
};

/** Throws 401/403 unless the request carries a token with at least `role`; returns the principal. */
export async function authorize(c: Context<AppEnv>, services: Services, role: Role): Promise<Principal | undefined> {
  if (role === 'read' && !services.readAuth) return c.get('principal');
  const where = `${c.req.method} ${c.req.path}`;
  const token = extractToken(requestHeader(c, 'authorization'));
  if (!token) {
    services.log(`auth: 401 ${where}: no token`);
    c.header('WWW-Authenticate', 'Bearer realm="evc", Basic realm="evc"');
    throw unauthorized(`${where} needs a token with role ${role}: send Authorization: Bearer <token> (create one with \`evc token create --role ${role}\`).`);
  }
  const principal = await services.tokens.resolve(services.db, token);
  if (!principal) {
    services.log(`auth: 401 ${where}: unknown or revoked token`);
    c.header('WWW-Authenticate', 'Bearer realm="evc", error="invalid_token"');
    throw unauthorized(`${where}: the token is unknown or revoked. Create a new one with \`evc token create --role ${role}\`.`);
  }
  if (!roleAllows(principal.role, role)) {
    services.log(`auth: 403 ${where}: token ${actorOf(principal)} has role ${principal.role}, needs ${role}`);
    throw forbidden(`${where} needs role ${role}; this token (${principal.name}) has role ${principal.role}.`);
  }
  c.set('principal', principal);
  return principal;
}

/** Like `authorize`, for writes: always returns the principal. */
export async function authorizeWrite(c: Context<AppEnv>, services: Services, role: Exclude<Role, 'read'>): Promise<Principal> {
  const principal = await authorize(c, services, role);
  if (!principal) throw new Error('write authorised without a principal');
  return principal;
}
