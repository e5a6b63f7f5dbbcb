/** Applies the registry's committed drizzle-kit migrations (tracked in `__evc_migrations`). */
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';
import type { Connection } from '#registry/db/connect.ts';

export const MIGRATIONS_FOLDER = path.join(repoRoot, 'registry', 'drizzle'); // via repoRoot: the same from the sources and from dist/
export const MIGRATIONS_TABLE = '__evc_migrations';

export const migrateRegistry = (conn: Connection): Promise<void> => conn.migrate(MIGRATIONS_FOLDER, MIGRATIONS_TABLE);
