/**
 * Creating, listing and revoking tokens: one implementation behind `POST/GET/DELETE
 * /v1/tokens` and `evc token create|list|revoke` (which may work on the database
 * directly while no server holds it). Every change is audited; no answer carries a hash.
 */
import type { Database } from '#registry/db/connect.ts';
import { appendAudit } from '#registry/store/audit.ts';
import { countActiveTokens, findTokenById, insertToken, listTokens, revokeToken, type TokenInfo } from '#registry/store/tokens.ts';
import { RegistryError } from '../errors.ts';
import { generateToken, hashToken, tokenState, type Role } from './tokens.ts';

export interface CreatedToken {
  id: number;
  name: string;
  role: Role;
  /** The secret: shown once, never stored. */
  token: string;
  createdAt: Date;
  expiresAt: Date | null;
  scope: string[] | null;
}

export async function createToken(
  db: Database,
  input: { role: Role; name: string; expiresAt?: Date | undefined; scope?: string[] | null; actor: string },
): Promise<CreatedToken> {
  const token = generateToken();
  const row = await insertToken(db, { name: input.name, role: input.role, hash: hashToken(token), createdBy: input.actor, expiresAt: input.expiresAt ?? null, scope: input.scope ?? null });
  await appendAudit(db, [{ actor: input.actor, action: 'token-create', detail: { id: row.id, name: row.name, role: input.role, expiresAt: row.expiresAt?.toISOString() ?? null, scope: row.scope } }]);
  return { id: row.id, name: row.name, role: input.role, token, createdAt: row.createdAt, expiresAt: row.expiresAt, scope: row.scope };
}

export interface ListedToken extends TokenInfo {
  state: ReturnType<typeof tokenState>;
}

export async function listTokensWithState(db: Database, options: { includeRevoked?: boolean } = {}, now = new Date()): Promise<ListedToken[]> {
  return (await listTokens(db, options)).map((row) => ({ ...row, state: tokenState(row, now) }));
}

export const tokenNotFound = (id: number) => new RegistryError(404, 40410, `Token ${id} not found. List tokens with GET /v1/tokens (evc token list).`);

/**
 * Revokes token `id`. Refuses to revoke the last usable admin token: nobody could create
 * another one through the API afterwards (create a new admin token first).
 */
export async function revokeTokenById(db: Database, id: number, actor: string): Promise<TokenInfo> {
  const existing = await findTokenById(db, id);
  if (!existing) throw tokenNotFound(id);
  if (existing.revokedAt) return existing;
  if (existing.role === 'admin' && tokenState(existing, new Date()) === 'active' && (await countActiveTokens(db, 'admin')) <= 1) {
    throw new RegistryError(409, 40911, `Token ${id} ("${existing.name}") is the last usable admin token; revoking it would lock every admin out. Create another admin token first (POST /v1/tokens {"role":"admin"}).`);
  }
  const revoked = await revokeToken(db, id, actor);
  if (!revoked) throw tokenNotFound(id);
  await appendAudit(db, [{ actor, action: 'token-revoke', detail: { id, name: revoked.name, role: revoked.role } }]);
  return revoked;
}
