/** Whole AsyncAPI documents, stored by `info.version` exactly as uploaded. */
import { pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const documents = pgTable(
  'evc_documents',
  {
    id: serial('id').primaryKey(),
    version: text('version').notNull(),
    title: text('title').notNull(),
    /** The raw body (YAML or JSON) as received. */
    content: text('content').notNull(),
    contentSha256: text('content_sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evc_documents_version_key').on(t.version)],
);

export type DocumentRow = typeof documents.$inferSelect;
