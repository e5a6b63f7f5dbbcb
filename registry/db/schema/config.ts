/**
 * Compatibility config and mode. The global row has `subject = ''`; a subject row
 * overrides only the columns it sets (null = inherit), as Confluent's `/config/{subject}`.
 * Defaults when nothing is stored: FULL_TRANSITIVE, LENIENT, READWRITE.
 */
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const GLOBAL_SCOPE = '';

export const config = pgTable('evc_config', {
  subject: text('subject').primaryKey(),
  level: text('level'),
  policy: text('policy'),
  mode: text('mode'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ConfigRow = typeof config.$inferSelect;
