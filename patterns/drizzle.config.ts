import { defineConfig } from 'drizzle-kit';

// Migrations for the patterns' tables (event store, saga state, outbox), kept apart from the
// registry's. Generate with `npx drizzle-kit generate --config patterns/drizzle.config.ts`;
// never edit the SQL by hand. Applied by patterns/db/migrate.ts with its own migrations table.
export default defineConfig({
  dialect: 'postgresql',
  schema: './patterns/db/schema.ts',
  out: './patterns/drizzle',
  migrations: { table: '__evc_patterns_migrations' },
});
