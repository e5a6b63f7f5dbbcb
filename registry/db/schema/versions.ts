/**
 * One row per (subject, semver version). `position` is the Confluent integer version of
 * the same row, handed out in registration order. Major/minor/patch are stored apart so
 * a subject's major line (its own compatibility history) is an indexed range.
 */
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { schemas } from './schemas.ts';
import { subjects } from './subjects.ts';

export const versions = pgTable(
  'evc_versions',
  {
    id: serial('id').primaryKey(),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subjects.id, { onDelete: 'cascade' }),
    schemaId: integer('schema_id')
      .notNull()
      .references(() => schemas.id),
    version: text('version').notNull(),
    major: integer('major').notNull(),
    minor: integer('minor').notNull(),
    patch: integer('patch').notNull(),
    position: integer('position').notNull(),
    /** `info.version` of the document this came from; null when registered through the Confluent API. */
    documentVersion: text('document_version'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evc_versions_subject_version_key').on(t.subjectId, t.version),
    uniqueIndex('evc_versions_subject_position_key').on(t.subjectId, t.position),
    index('evc_versions_subject_major_idx').on(t.subjectId, t.major),
    index('evc_versions_schema_idx').on(t.schemaId),
  ],
);

export type VersionRow = typeof versions.$inferSelect;
