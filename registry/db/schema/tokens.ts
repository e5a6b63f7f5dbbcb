/**
 * API tokens. Only the sha-256 of the token is stored: tokens are 256-bit random
 * strings, so a fast hash is enough (no password stretching needed) and a leaked
 * table does not leak usable credentials.
 */
import { jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const tokens = pgTable(
  'evc_tokens',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    hash: text('hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
    /** Refused from this instant on (401 "expired"); null = no expiry. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Subjects a publish token may write (`domain/token-scope.ts`); null = all. */
    scope: jsonb('scope').$type<string[]>(),
  },
  (t) => [uniqueIndex('evc_tokens_hash_key').on(t.hash)],
);

export type TokenRow = typeof tokens.$inferSelect;
