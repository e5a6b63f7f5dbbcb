/**
 * Subjects are event types (`Prompt.Creation.Requested`). The row is also the per-subject
 * lock: registration takes `SELECT … FOR UPDATE` on it, so concurrent writers to one
 * subject serialise while other subjects proceed in parallel.
 */
import { integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const subjects = pgTable(
  'evc_subjects',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** Confluent soft delete: hidden from listings until re-registered or hard-deleted. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Next Confluent integer position to hand out; never reused, even after deletes. */
    nextPosition: integer('next_position').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evc_subjects_name_key').on(t.name)],
);

export type SubjectRow = typeof subjects.$inferSelect;
