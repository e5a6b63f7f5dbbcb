/** Global and per-subject config rows (level, policy, mode). */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { config, GLOBAL_SCOPE } from '#registry/db/schema/index.ts';
import { effectiveSettings, type Settings, type StoredSettings } from '#registry/domain/settings.ts';

export async function readStoredConfig(db: Database, subject?: string): Promise<StoredSettings | undefined> {
  const [row] = await db
    .select({ level: config.level, policy: config.policy, mode: config.mode })
    .from(config)
    .where(eq(config.subject, subject ?? GLOBAL_SCOPE))
    .limit(1);
  return row;
}

/** The settings that apply to a subject (or globally when no subject is given). */
export async function readSettings(db: Database, subject?: string): Promise<Settings> {
  const scopes = subject === undefined ? [GLOBAL_SCOPE] : [GLOBAL_SCOPE, subject];
  const rows = await db.select().from(config).where(inArray(config.subject, scopes));
  const global = rows.find((r) => r.subject === GLOBAL_SCOPE);
  const own = subject === undefined ? undefined : rows.find((r) => r.subject === subject);
  return effectiveSettings(global, own);
}

/** Sets some columns of one scope; columns passed as `null` revert to inheriting. */
export async function writeConfig(db: Database, subject: string | undefined, patch: Partial<StoredSettings>): Promise<void> {
  const scope = subject ?? GLOBAL_SCOPE;
  await db
    .insert(config)
    .values({ subject: scope, ...patch })
    .onConflictDoUpdate({ target: config.subject, set: { ...patch, updatedAt: sql`now()` } });
}

export async function deleteConfig(db: Database, subject: string): Promise<void> {
  await db.delete(config).where(eq(config.subject, subject));
}

/** Effective settings of several subjects in one query. */
export async function readSettingsOfSubjects(db: Database, names: string[]): Promise<Map<string, Settings>> {
  const rows = await db.select().from(config).where(inArray(config.subject, [GLOBAL_SCOPE, ...names]));
  const global = rows.find((r) => r.subject === GLOBAL_SCOPE);
  return new Map(names.map((name) => [name, effectiveSettings(global, rows.find((r) => r.subject === name))]));
}
