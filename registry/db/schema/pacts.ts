/**
 * Published consumer pacts and the provider verification results recorded against
 * them, in the Pact Broker's model: a pact is identified by (provider, consumer,
 * consumer version); a verification result belongs to one pact and one provider
 * version. Pact content is stored as published (the Pact V4 JSON).
 */
import { bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const pacts = pgTable(
  'evc_pacts',
  {
    id: serial('id').primaryKey(),
    provider: text('provider').notNull(),
    consumer: text('consumer').notNull(),
    consumerVersion: text('consumer_version').notNull(),
    content: jsonb('content').notNull(),
    /** Hex sha-256 of the canonical content: re-publishing identical content is a no-op. */
    contentSha256: text('content_sha256').notNull(),
    publishedBy: text('published_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evc_pacts_pair_version_key').on(t.provider, t.consumer, t.consumerVersion),
    index('evc_pacts_consumer_idx').on(t.consumer, t.consumerVersion),
    // Verification results are shared by every pact with the same content (the broker's pact version).
    index('evc_pacts_content_idx').on(t.provider, t.consumer, t.contentSha256),
  ],
);

export const pactVerifications = pgTable(
  'evc_pact_verifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    pactId: integer('pact_id')
      .notNull()
      .references(() => pacts.id, { onDelete: 'cascade' }),
    providerVersion: text('provider_version').notNull(),
    success: boolean('success').notNull(),
    /** Per interaction: `{ description, success, mismatches: string[] }[]`. */
    interactions: jsonb('interactions').notNull(),
    verifiedBy: text('verified_by').notNull(),
    buildUrl: text('build_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evc_pact_verifications_pact_idx').on(t.pactId, t.providerVersion)],
);

export type PactRow = typeof pacts.$inferSelect;
export type PactVerificationRow = typeof pactVerifications.$inferSelect;
