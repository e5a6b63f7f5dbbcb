/** Who did what, when: every write (registrations, deletes, config, tokens) appends a row. */
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const auditLog = pgTable(
  'evc_audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Token name and id (`ci-publisher#3`), never the token itself. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    version: text('version'),
    schemaId: integer('schema_id'),
    detail: jsonb('detail'),
  },
  (t) => [index('evc_audit_log_subject_idx').on(t.subject)],
);

export type AuditRow = typeof auditLog.$inferSelect;
