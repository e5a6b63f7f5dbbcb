/** Subject rows: lookup, listing, per-subject locks, soft and hard deletes. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { POSTGRES_TIMEOUTS, type Database } from '#registry/db/connect.ts';
import { subjects, type SubjectRow } from '#registry/db/schema/index.ts';

export async function findSubject(db: Database, name: string): Promise<SubjectRow | undefined> {
  const [row] = await db.select().from(subjects).where(eq(subjects.name, name)).limit(1);
  return row;
}

export async function listSubjects(db: Database, options: { includeDeleted?: boolean } = {}): Promise<SubjectRow[]> {
  return db
    .select()
    .from(subjects)
    .where(options.includeDeleted ? undefined : isNull(subjects.deletedAt))
    .orderBy(asc(subjects.name));
}

/**
 * Creates missing subjects and locks all of them (`SELECT … FOR UPDATE`) in name order,
 * so concurrent registrations touching the same subjects serialise without deadlocks.
 * Must run inside a transaction; the locks are released at commit or rollback.
 */
export async function lockSubjects(tx: Database, names: string[]): Promise<Map<string, SubjectRow>> {
  const sorted = [...new Set(names)].sort();
  if (sorted.length === 0) return new Map();
  await tx
    .insert(subjects)
    .values(sorted.map((name) => ({ name })))
    .onConflictDoNothing({ target: subjects.name });
  // Racing registrations queue on these row locks: under a burst the wait can outlast the
  // connection's statement timeout (db/connect.ts, meant for stuck queries), so this one
  // statement may wait longer. A wait that still times out answers 503 (db-errors.ts).
  await tx.execute(sql`set local statement_timeout = '60s'`);
  const rows = await tx.select().from(subjects).where(inArray(subjects.name, sorted)).orderBy(asc(subjects.name)).for('update');
  await tx.execute(sql.raw(`set local statement_timeout = ${POSTGRES_TIMEOUTS.statementTimeoutMs}`));
  return new Map(rows.map((row) => [row.name, row]));
}

/** Hands out the next Confluent position; the caller holds the subject lock. */
export async function takePosition(tx: Database, subjectId: number): Promise<number> {
  const [row] = await tx
    .update(subjects)
    .set({ nextPosition: sql`${subjects.nextPosition} + 1`, deletedAt: null })
    .where(eq(subjects.id, subjectId))
    .returning({ position: sql<number>`${subjects.nextPosition} - 1` });
  if (!row) throw new Error(`subject ${subjectId} vanished while locked`);
  return Number(row.position);
}

export async function markSubjectDeleted(tx: Database, subjectId: number): Promise<void> {
  await tx.update(subjects).set({ deletedAt: sql`now()` }).where(and(eq(subjects.id, subjectId), isNull(subjects.deletedAt)));
}

export async function deleteSubjectRow(tx: Database, subjectId: number): Promise<void> {
  await tx.delete(subjects).where(eq(subjects.id, subjectId));
}

/** Hands out the next position of several distinct subjects in one statement; callers hold their locks. */
export async function takePositions(tx: Database, subjectIds: number[]): Promise<Map<number, number>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await tx
    .update(subjects)
    .set({ nextPosition: sql`${subjects.nextPosition} + 1`, deletedAt: null })
    .where(inArray(subjects.id, subjectIds))
    .returning({ id: subjects.id, position: sql<number>`${subjects.nextPosition} - 1` });
  return new Map(rows.map((r) => [r.id, Number(r.position)]));
}
