/** Applies the registry's committed drizzle-kit migrations (tracked in `__evc_migrations`). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from '#registry/db/connect.ts';

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'drizzle');
export const MIGRATIONS_TABLE = '__evc_migrations';

export const migrateRegistry = (conn: Connection): Promise<void> => conn.migrate(MIGRATIONS_FOLDER, MIGRATIONS_TABLE);
