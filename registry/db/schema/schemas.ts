/**
 * Global, immutable schema ids (Confluent's `/schemas/ids/{id}`). One row per distinct
 * canonical content: the sha-256 of the canonical JSON de-duplicates identical schemas
 * across subjects, as Confluent does. Rows are never updated or deleted.
 */
import { pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const schemas = pgTable(
  'evc_schemas',
  {
    id: serial('id').primaryKey(),
    /** Confluent `schemaType`; only JSON is accepted today. */
    schemaType: text('schema_type').notNull().default('JSON'),
    /** Canonical JSON text (sorted keys, no whitespace): what the APIs return. */
    canonical: text('canonical').notNull(),
    /** Hex sha-256 of `canonical`; also the ETag of the immutable id resources. */
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evc_schemas_type_hash_key').on(t.schemaType, t.hash)],
);

export type SchemaRow = typeof schemas.$inferSelect;
