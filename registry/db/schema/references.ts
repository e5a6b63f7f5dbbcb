/**
 * Schema references (Confluent "schema references"): a schema's `$ref` to `name` resolves to
 * the schema registered as `version` (a position) of `subject`. References belong to the
 * schema id, like its text: the same text with other references is another schema (another
 * id), so rows are written once with the schema and never updated. `(subject, version)` is
 * indexed for `…/referencedby` and for the delete check (a referenced version is kept).
 */
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { schemas } from './schemas.ts';

export const schemaReferences = pgTable(
  'evc_schema_references',
  {
    schemaId: integer('schema_id')
      .notNull()
      .references(() => schemas.id),
    /** Order in the request: part of the schema's identity, and the order they are served in. */
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ name: 'evc_schema_references_pkey', columns: [t.schemaId, t.ordinal] }), index('evc_schema_references_target_idx').on(t.subject, t.version)],
);

export type SchemaReferenceRow = typeof schemaReferences.$inferSelect;
