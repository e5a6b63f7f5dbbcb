/**
 * API tokens: 256 random bits, prefixed so they are recognisable in secret scanners.
 * Only the sha-256 is stored; verification compares hashes in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const ROLES = ['read', 'publish', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { read: 1, publish: 2, admin: 3 };

/** admin may do everything publish may, publish everything read may. */
export const roleAllows = (held: Role, needed: Role): boolean => RANK[held] >= RANK[needed];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

export const generateToken = (): string => `evc_${randomBytes(32).toString('base64url')}`;

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const hashesEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * An admin token chosen by a person (EVC_ADMIN_TOKEN) must be at least this long: our own
 * tokens carry 256 bits in 43 characters; 32 characters of a random alphabet keep ≥ 160
 * bits, well beyond online guessing.
 */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** Why `token` may not be the admin token, or undefined when it may. */
export function adminTokenProblem(token: string): string | undefined {
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    return `EVC_ADMIN_TOKEN is ${token.length} characters long; the minimum is ${MIN_ADMIN_TOKEN_LENGTH}. Generate one with \`openssl rand -base64 32\`, or unset it to have evc generate and print one.`;
  }
  if (/\s/.test(token)) return 'EVC_ADMIN_TOKEN contains whitespace, which an Authorization header cannot carry; generate one with `openssl rand -base64 32`.';
  return undefined;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
/** The longest expiry accepted: ten years (anything longer is "no expiry", say so instead). */
export const MAX_TOKEN_LIFETIME_MS = 3650 * UNIT_MS.d;

/**
 * When a new token expires, from `expiresIn` ("90m", "12h", "30d", "8w") or `expiresAt`
 * (an ISO 8601 instant). Returns `{ expiresAt: undefined }` for no expiry, or an error
 * message naming the field.
 */
export function resolveExpiry(input: { expiresIn?: string; expiresAt?: string }, now: Date): { expiresAt: Date | undefined } | { error: string } {
  if (input.expiresIn !== undefined && input.expiresAt !== undefined) return { error: 'give expiresIn or expiresAt, not both' };
  let at: Date | undefined;
  if (input.expiresIn !== undefined) {
    const match = /^([1-9]\d{0,5})([mhdw])$/.exec(input.expiresIn.trim());
    if (!match) return { error: `expiresIn "${input.expiresIn}" is not a duration; write a number and a unit m, h, d or w, e.g. 30d` };
    at = new Date(now.getTime() + Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  } else if (input.expiresAt !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(input.expiresAt) || Number.isNaN(Date.parse(input.expiresAt))) {
      return { error: `expiresAt "${input.expiresAt}" is not an ISO 8601 instant with a time zone, e.g. 2027-01-31T00:00:00Z` };
    }
    at = new Date(input.expiresAt);
  } else {
    return { expiresAt: undefined };
  }
  if (at.getTime() <= now.getTime()) return { error: `the expiry ${at.toISOString()} is not in the future` };
  if (at.getTime() - now.getTime() > MAX_TOKEN_LIFETIME_MS) return { error: 'the expiry is more than ten years away; omit it for a token that does not expire' };
  return { expiresAt: at };
}

export type TokenState = 'active' | 'revoked' | 'expired';

/** Whether a stored token may be used at `now`. */
export const tokenState = (row: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): TokenState =>
  row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
