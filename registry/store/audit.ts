/** Append-only audit log. */
import { desc, eq } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { auditLog } from '#registry/db/schema/index.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string | null;
  version?: string | null;
  schemaId?: number | null;
  detail?: unknown;
}

export async function appendAudit(db: Database, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(
    entries.map((e) => ({
      actor: e.actor,
      action: e.action,
      subject: e.subject ?? null,
      version: e.version ?? null,
      schemaId: e.schemaId ?? null,
      detail: e.detail ?? null,
    })),
  );
}

export async function listAudit(db: Database, options: { subject?: string; limit?: number } = {}) {
  return db
    .select()
    .from(auditLog)
    .where(options.subject ? eq(auditLog.subject, options.subject) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(options.limit ?? 100);
}
