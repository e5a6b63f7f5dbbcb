/** Versions of a subject, each joined with its schema content. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { schemas, subjects, versions } from '#registry/db/schema/index.ts';

const columns = {
  subject: subjects.name,
  subjectId: versions.subjectId,
  version: versions.version,
  major: versions.major,
  minor: versions.minor,
  patch: versions.patch,
  position: versions.position,
  schemaId: versions.schemaId,
  canonical: schemas.canonical,
  hash: schemas.hash,
  documentVersion: versions.documentVersion,
  deletedAt: versions.deletedAt,
  createdBy: versions.createdBy,
  createdAt: versions.createdAt,
};

export type StoredVersion = {
  subject: string;
  subjectId: number;
  version: string;
  major: number;
  minor: number;
  patch: number;
  position: number;
  schemaId: number;
  canonical: string;
  hash: string;
  documentVersion: string | null;
  deletedAt: Date | null;
  createdBy: string;
  createdAt: Date;
};

const base = (db: Database) =>
  db
    .select(columns)
    .from(versions)
    .innerJoin(subjects, eq(subjects.id, versions.subjectId))
    .innerJoin(schemas, eq(schemas.id, versions.schemaId));

const live = (includeDeleted?: boolean) => (includeDeleted ? undefined : isNull(versions.deletedAt));

/** All versions of a subject in ascending semver order. */
export async function listVersions(db: Database, subject: string, options: { includeDeleted?: boolean } = {}): Promise<StoredVersion[]> {
  return base(db)
    .where(and(eq(subjects.name, subject), live(options.includeDeleted)))
    .orderBy(asc(versions.major), asc(versions.minor), asc(versions.patch));
}

export async function findVersionBySemver(db: Database, subject: string, version: string, options: { includeDeleted?: boolean } = {}) {
  const [row] = await base(db)
    .where(and(eq(subjects.name, subject), eq(versions.version, version), live(options.includeDeleted)))
    .limit(1);
  return row as StoredVersion | undefined;
}

export async function findVersionByPosition(db: Database, subject: string, position: number, options: { includeDeleted?: boolean } = {}) {
  const [row] = await base(db)
    .where(and(eq(subjects.name, subject), eq(versions.position, position), live(options.includeDeleted)))
    .limit(1);
  return row as StoredVersion | undefined;
}

/** Highest semver (native `latest`) or highest position (Confluent `latest`). */
export async function findLatestVersion(db: Database, subject: string, by: 'semver' | 'position') {
  const order = by === 'semver' ? [desc(versions.major), desc(versions.minor), desc(versions.patch)] : [desc(versions.position)];
  const [row] = await base(db)
    .where(and(eq(subjects.name, subject), isNull(versions.deletedAt)))
    .orderBy(...order)
    .limit(1);
  return row as StoredVersion | undefined;
}

export interface NewVersion {
  subjectId: number;
  schemaId: number;
  version: string;
  major: number;
  minor: number;
  patch: number;
  position: number;
  documentVersion: string | null;
  createdBy: string;
}

export async function insertVersions(tx: Database, rows: NewVersion[]): Promise<void> {
  if (rows.length > 0) await tx.insert(versions).values(rows);
}

export async function softDeleteVersions(tx: Database, subjectId: number, position?: number): Promise<void> {
  await tx
    .update(versions)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(versions.subjectId, subjectId), isNull(versions.deletedAt), position === undefined ? undefined : eq(versions.position, position)));
}

export async function hardDeleteVersions(tx: Database, subjectId: number, position?: number): Promise<void> {
  await tx
    .delete(versions)
    .where(and(eq(versions.subjectId, subjectId), position === undefined ? undefined : eq(versions.position, position)));
}

/** Every live version of every live subject (ascending semver per subject), for `GET /v1/events`. */
export async function listAllVersions(db: Database, options: { includeDeleted?: boolean } = {}): Promise<StoredVersion[]> {
  return base(db)
    .where(options.includeDeleted ? undefined : and(isNull(versions.deletedAt), isNull(subjects.deletedAt)))
    .orderBy(asc(subjects.name), asc(versions.major), asc(versions.minor), asc(versions.patch));
}

/** All versions (deleted included) of several subjects in one query, ascending semver per subject. */
export async function listVersionsOfSubjects(db: Database, names: string[]): Promise<StoredVersion[]> {
  if (names.length === 0) return [];
  return base(db)
    .where(inArray(subjects.name, names))
    .orderBy(asc(subjects.name), asc(versions.major), asc(versions.minor), asc(versions.patch));
}
