/**
 * Applies the patterns' committed drizzle-kit migrations (`patterns/drizzle/`) on a
 * connection from `registry/db/connect.ts`. Tracked in `__evc_patterns_migrations`, so the
 * registry's and the patterns' migrations can share one database without clashing.
 */
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';
import type { Connection } from '#registry/db/connect.ts';

export const patternsMigrationsFolder = path.join(repoRoot, 'patterns', 'drizzle');
export const patternsMigrationsTable = '__evc_patterns_migrations';

export const migratePatterns = (connection: Pick<Connection, 'migrate'>): Promise<void> =>
  connection.migrate(patternsMigrationsFolder, patternsMigrationsTable);
