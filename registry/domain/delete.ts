/**
 * Confluent deletes: soft first (hidden, positions kept), then `permanent=true` (rows
 * removed). Schema ids are never deleted, so `/schemas/ids/{id}` stays valid for
 * messages already on the wire.
 */
import type { Database } from '#registry/db/connect.ts';
import { appendAudit } from '#registry/store/audit.ts';
import { findSubject, deleteSubjectRow, lockSubjects, markSubjectDeleted } from '#registry/store/subjects.ts';
import { inTransaction } from '#registry/store/transaction.ts';
import { hardDeleteVersions, listVersions, softDeleteVersions, findLatestVersion } from '#registry/store/versions.ts';
import { readSettings } from '#registry/store/config.ts';
import { findReferencers } from '#registry/store/references.ts';
import { referenceExists } from './references.ts';
import { readOnly, subjectNotFound, subjectNotSoftDeleted, subjectSoftDeleted, versionNotFound, versionNotSoftDeleted, versionSoftDeleted } from '../errors.ts';

/** Confluent refuses to delete (soft or hard) a version another schema references: 42206, naming the referencing ids. */
async function assertNotReferenced(tx: Database, subject: string, positions: number[], exceptSubjectId?: number): Promise<void> {
  const referencers = (await findReferencers(tx, subject, positions)).filter((r) => r.subjectId !== exceptSubjectId);
  if (referencers.length === 0) return;
  throw referenceExists(subject, [...new Set(referencers.map((r) => r.target))].sort((a, b) => a - b), [...new Set(referencers.map((r) => r.schemaId))]);
}

export async function deleteSubject(db: Database, input: { subject: string; permanent: boolean; actor: string }): Promise<number[]> {
  if (!(await findSubject(db, input.subject))) throw subjectNotFound(input.subject);
  return inTransaction(db, async (tx) => {
    const subject = (await lockSubjects(tx, [input.subject])).get(input.subject)!;
    if ((await readSettings(tx, input.subject)).mode === 'READONLY') throw readOnly(input.subject);
    const all = await listVersions(tx, input.subject, { includeDeleted: true });
    const live = all.filter((v) => v.deletedAt === null);
    // Versions other subjects' schemas reference are kept (Confluent 42206); references among this subject's own versions go with it.
    await assertNotReferenced(tx, input.subject, (input.permanent ? all : live).map((v) => v.position), subject.id);
    if (!input.permanent) {
      if (live.length === 0) throw all.length > 0 ? subjectSoftDeleted(input.subject) : subjectNotFound(input.subject);
      await softDeleteVersions(tx, subject.id);
      await markSubjectDeleted(tx, subject.id);
    } else {
      if (live.length > 0) throw subjectNotSoftDeleted(input.subject);
      await hardDeleteVersions(tx, subject.id);
      await deleteSubjectRow(tx, subject.id);
    }
    await appendAudit(tx, [{ actor: input.actor, action: input.permanent ? 'delete-subject-permanent' : 'delete-subject', subject: input.subject, detail: { positions: (input.permanent ? all : live).map((v) => v.position) } }]);
    return (input.permanent ? all : live).map((v) => v.position).sort((a, b) => a - b);
  });
}

export async function deleteVersion(
  db: Database,
  input: { subject: string; version: number | 'latest'; permanent: boolean; actor: string },
): Promise<number> {
  if (!(await findSubject(db, input.subject))) throw subjectNotFound(input.subject);
  return inTransaction(db, async (tx) => {
    const subject = (await lockSubjects(tx, [input.subject])).get(input.subject)!;
    if ((await readSettings(tx, input.subject)).mode === 'READONLY') throw readOnly(input.subject);
    const all = await listVersions(tx, input.subject, { includeDeleted: true });
    const target =
      input.version === 'latest'
        ? await findLatestVersion(tx, input.subject, 'position')
        : all.find((v) => v.position === input.version);
    if (!target) throw versionNotFound(input.subject, input.version);
    if (!input.permanent && target.deletedAt !== null) throw versionSoftDeleted(input.subject, target.position);
    if (input.permanent && target.deletedAt === null) throw versionNotSoftDeleted(input.subject, target.position);
    await assertNotReferenced(tx, input.subject, [target.position]);
    if (input.permanent) await hardDeleteVersions(tx, subject.id, target.position);
    else await softDeleteVersions(tx, subject.id, target.position);
    if (!input.permanent && all.every((v) => v.deletedAt !== null || v.position === target.position)) await markSubjectDeleted(tx, subject.id);
    await appendAudit(tx, [{ actor: input.actor, action: input.permanent ? 'delete-version-permanent' : 'delete-version', subject: input.subject, version: target.version, schemaId: target.schemaId, detail: { position: target.position } }]);
    return target.position;
  });
}
