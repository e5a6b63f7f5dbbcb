/**
 * Client-bundle cache (owner: generators). A bundle is built on the first request for
 * (document hash, agent, generator version) and served from here afterwards; a new
 * generator version or a changed document gets a new row, never a stale tarball.
 */
import { integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const clientBundles = pgTable(
  'evc_client_bundles',
  {
    id: serial('id').primaryKey(),
    /** sha-256 of the stored document content the bundle was generated from. */
    documentSha256: text('document_sha256').notNull(),
    documentVersion: text('document_version').notNull(),
    agent: text('agent').notNull(),
    generatorVersion: text('generator_version').notNull(),
    /** The .tgz, base64-encoded (a text column behaves the same on PGlite and PostgreSQL). */
    tarballBase64: text('tarball_base64').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** sha-256 of the tarball bytes; served as the ETag. */
    tarballSha256: text('tarball_sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evc_client_bundles_key').on(t.documentSha256, t.agent, t.generatorVersion)],
);

export type ClientBundleRow = typeof clientBundles.$inferSelect;
