import { defineConfig } from 'drizzle-kit';

// Migrations for the registry (and the pact routes' tables in registry/db/schema/).
// Generate with `npx drizzle-kit generate`; never edit the SQL by hand. The same
// migrations run on PGlite and on PostgreSQL (keep SQL PostgreSQL 15-compatible).
export default defineConfig({
  dialect: 'postgresql',
  schema: './registry/db/schema/*.ts',
  out: './registry/drizzle',
  migrations: { table: '__evc_migrations' },
});
