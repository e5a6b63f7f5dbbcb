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
