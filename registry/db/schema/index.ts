/**
 * The registry's drizzle schema. One file per table; add a table by adding a file here
 * and re-exporting it, then run `npx drizzle-kit generate` and commit the migration.
 */
export * from './subjects.ts';
export * from './schemas.ts';
export * from './references.ts';
export * from './versions.ts';
export * from './config.ts';
export * from './documents.ts';
export * from './tokens.ts';
export * from './audit.ts';
