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
