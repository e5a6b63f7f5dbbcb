/**
 * Queries for the Pact Broker model (pacticipants, versions, branches, tags, environments,
 * deployments) and the slim "view" the matrix and pacts-for-verification decide on.
 * The only file that builds these queries; decisions live in `registry/broker/`.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import {
  brokerBranchVersions,
  brokerDeployments,
  brokerEnvironments,
  brokerPacticipants,
  brokerTags,
  brokerVersions,
  type BrokerEnvironmentRow,
  type BrokerPacticipantRow,
} from '#registry/db/schema/broker.ts';
import { pacts, pactVerifications } from '#registry/db/schema/pacts.ts';
import type { BrokerView, DeploymentInfo, VersionInfo } from '#registry/broker/model.ts';

export type { BrokerEnvironmentRow, BrokerPacticipantRow };

export async function ensurePacticipant(db: Database, name: string): Promise<BrokerPacticipantRow> {
  await db.insert(brokerPacticipants).values({ name }).onConflictDoNothing();
  const [row] = await db.select().from(brokerPacticipants).where(eq(brokerPacticipants.name, name)).limit(1);
  return row!;
}

export async function findPacticipant(db: Database, name: string): Promise<BrokerPacticipantRow | undefined> {
  const [row] = await db.select().from(brokerPacticipants).where(eq(brokerPacticipants.name, name)).limit(1);
  return row;
}

export const listPacticipants = (db: Database): Promise<BrokerPacticipantRow[]> => db.select().from(brokerPacticipants).orderBy(asc(brokerPacticipants.name));

export async function updatePacticipant(db: Database, name: string, patch: Partial<Pick<BrokerPacticipantRow, 'displayName' | 'mainBranch' | 'repositoryUrl'>>): Promise<BrokerPacticipantRow> {
  await ensurePacticipant(db, name);
  const [row] = await db.update(brokerPacticipants).set({ ...patch, updatedAt: new Date() }).where(eq(brokerPacticipants.name, name)).returning();
  return row!;
}

/** The version row of `pacticipant` `number`, created (with the pacticipant) when missing. */
export async function ensureVersion(db: Database, pacticipant: string, number: string, buildUrl?: string): Promise<{ id: number; pacticipantId: number; created: boolean }> {
  const p = await ensurePacticipant(db, pacticipant);
  const inserted = await db.insert(brokerVersions).values({ pacticipantId: p.id, number, buildUrl: buildUrl ?? null }).onConflictDoNothing().returning({ id: brokerVersions.id });
  if (inserted[0]) return { id: inserted[0].id, pacticipantId: p.id, created: true };
  const [row] = await db.select({ id: brokerVersions.id }).from(brokerVersions).where(and(eq(brokerVersions.pacticipantId, p.id), eq(brokerVersions.number, number))).limit(1);
  return { id: row!.id, pacticipantId: p.id, created: false };
}

export async function addBranch(db: Database, versionId: number, branch: string): Promise<void> {
  await db.insert(brokerBranchVersions).values({ versionId, branch }).onConflictDoNothing();
}

export async function addTag(db: Database, versionId: number, tag: string): Promise<void> {
  await db.insert(brokerTags).values({ versionId, name: tag }).onConflictDoNothing();
}

export async function deleteTag(db: Database, versionId: number, tag: string): Promise<boolean> {
  const gone = await db.delete(brokerTags).where(and(eq(brokerTags.versionId, versionId), eq(brokerTags.name, tag))).returning({ id: brokerTags.id });
  return gone.length > 0;
}

/** Removes a branch from every version of a pacticipant (the versions and pacts stay). */
export async function deleteBranch(db: Database, pacticipant: string, branch: string): Promise<boolean> {
  const p = await findPacticipant(db, pacticipant);
  if (!p) return false;
  const ids = db.select({ id: brokerVersions.id }).from(brokerVersions).where(eq(brokerVersions.pacticipantId, p.id));
  const gone = await db.delete(brokerBranchVersions).where(and(eq(brokerBranchVersions.branch, branch), inArray(brokerBranchVersions.versionId, ids))).returning({ id: brokerBranchVersions.id });
  return gone.length > 0;
}

/**
 * Versions of the given pacticipants (all when `names` is omitted), oldest first, with
 * branches and tags, in one round trip. `only` narrows to the versions that matter for one
 * question (e.g. can-i-deploy needs the selected pacticipant's versions, but only the
 * deployed, tagged or latest versions of the others).
 */
export async function versionsOf(db: Database, names?: string[], only?: SQL): Promise<VersionInfo[]> {
  if (names && names.length === 0) return [];
  const rows = await db
    .select({
      id: brokerVersions.id,
      pacticipant: brokerPacticipants.name,
      number: brokerVersions.number,
      buildUrl: brokerVersions.buildUrl,
      createdAt: brokerVersions.createdAt,
      branches: sql<string[]>`coalesce((select array_agg(b.branch order by b.id) from ${brokerBranchVersions} b where b.version_id = ${brokerVersions.id}), '{}')`,
      tags: sql<string[]>`coalesce((select array_agg(t.name order by t.id) from ${brokerTags} t where t.version_id = ${brokerVersions.id}), '{}')`,
    })
    .from(brokerVersions)
    .innerJoin(brokerPacticipants, eq(brokerPacticipants.id, brokerVersions.pacticipantId))
    .where(and(names ? inArray(brokerPacticipants.name, names) : undefined, only))
    .orderBy(asc(brokerVersions.id));
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt), branches: r.branches ?? [], tags: r.tags ?? [] }));
}

// Environments -------------------------------------------------------------------------

export const listEnvironments = (db: Database): Promise<BrokerEnvironmentRow[]> => db.select().from(brokerEnvironments).orderBy(asc(brokerEnvironments.name));

export async function findEnvironment(db: Database, uuidOrName: string): Promise<BrokerEnvironmentRow | undefined> {
  const [row] = await db.select().from(brokerEnvironments).where(or(eq(brokerEnvironments.uuid, uuidOrName), eq(brokerEnvironments.name, uuidOrName))).limit(1);
  return row;
}

export async function insertEnvironment(db: Database, env: Pick<BrokerEnvironmentRow, 'name' | 'displayName' | 'production' | 'contacts'> & { uuid?: string }): Promise<BrokerEnvironmentRow | undefined> {
  const rows = await db.insert(brokerEnvironments).values({ ...env, uuid: env.uuid ?? randomUUID() }).onConflictDoNothing().returning();
  return rows[0];
}

export async function updateEnvironment(db: Database, uuid: string, env: Pick<BrokerEnvironmentRow, 'name' | 'displayName' | 'production' | 'contacts'>): Promise<BrokerEnvironmentRow | undefined> {
  const [row] = await db.update(brokerEnvironments).set({ ...env, updatedAt: new Date() }).where(eq(brokerEnvironments.uuid, uuid)).returning();
  return row;
}

export async function deleteEnvironment(db: Database, uuid: string): Promise<boolean> {
  return (await db.delete(brokerEnvironments).where(eq(brokerEnvironments.uuid, uuid)).returning({ uuid: brokerEnvironments.uuid })).length > 0;
}

// Deployments and releases -------------------------------------------------------------

/**
 * Records a deployment (which ends the previous current deployment of the same pacticipant
 * and application instance in that environment, as the broker does) or a release.
 */
export async function recordDeployment(db: Database, kind: 'deployment' | 'release', versionId: number, pacticipantId: number, environmentUuid: string, target: string): Promise<string> {
  if (kind === 'deployment') {
    const sameApp = db.select({ id: brokerVersions.id }).from(brokerVersions).where(eq(brokerVersions.pacticipantId, pacticipantId));
    await db
      .update(brokerDeployments)
      .set({ current: false, endedAt: new Date() })
      .where(and(eq(brokerDeployments.kind, 'deployment'), eq(brokerDeployments.environmentUuid, environmentUuid), eq(brokerDeployments.target, target), eq(brokerDeployments.current, true), inArray(brokerDeployments.versionId, sameApp)));
  } else {
    const [existing] = await db
      .select({ uuid: brokerDeployments.uuid })
      .from(brokerDeployments)
      .where(and(eq(brokerDeployments.kind, 'release'), eq(brokerDeployments.versionId, versionId), eq(brokerDeployments.environmentUuid, environmentUuid), eq(brokerDeployments.current, true)))
      .limit(1);
    if (existing) return existing.uuid;
  }
  const uuid = randomUUID();
  await db.insert(brokerDeployments).values({ uuid, kind, versionId, environmentUuid, target });
  return uuid;
}

/** Ends a deployment (undeploy) or a release (support ended). */
export async function endDeployment(db: Database, uuid: string): Promise<boolean> {
  return (await db.update(brokerDeployments).set({ current: false, endedAt: new Date() }).where(and(eq(brokerDeployments.uuid, uuid), eq(brokerDeployments.current, true))).returning({ uuid: brokerDeployments.uuid })).length > 0;
}

/** Deployments and releases, optionally of one environment / pacticipant, current ones only unless `all`. */
export async function deploymentsWhere(db: Database, filter: { environmentUuid?: string; pacticipants?: string[]; partnersOf?: SQL; versionId?: number; all?: boolean }): Promise<DeploymentInfo[]> {
  const rows = await db
    .select({
      uuid: brokerDeployments.uuid,
      kind: brokerDeployments.kind,
      pacticipant: brokerPacticipants.name,
      versionNumber: brokerVersions.number,
      versionId: brokerVersions.id,
      environment: brokerEnvironments.name,
      environmentUuid: brokerEnvironments.uuid,
      target: brokerDeployments.target,
      current: brokerDeployments.current,
      createdAt: brokerDeployments.createdAt,
      endedAt: brokerDeployments.endedAt,
    })
    .from(brokerDeployments)
    .innerJoin(brokerVersions, eq(brokerVersions.id, brokerDeployments.versionId))
    .innerJoin(brokerPacticipants, eq(brokerPacticipants.id, brokerVersions.pacticipantId))
    .innerJoin(brokerEnvironments, eq(brokerEnvironments.uuid, brokerDeployments.environmentUuid))
    .where(
      and(
        filter.all ? undefined : eq(brokerDeployments.current, true),
        filter.environmentUuid ? eq(brokerDeployments.environmentUuid, filter.environmentUuid) : undefined,
        filter.pacticipants ? inArray(brokerPacticipants.name, filter.pacticipants.length ? filter.pacticipants : ['']) : undefined,
        filter.versionId ? eq(brokerDeployments.versionId, filter.versionId) : undefined,
        filter.partnersOf ? sql`${brokerPacticipants.name} in ${filter.partnersOf}` : undefined,
      ),
    )
    .orderBy(asc(brokerDeployments.createdAt));
  return rows;
}

// The view the matrix and pacts-for-verification decide on ------------------------------

/**
 * Everything the pure matrix / selection code needs about `focus` and the pacticipants it
 * shares pacts with: versions with branches and tags, current deployments, the pacts that
 * involve `focus` (without content) and the verification results of their content.
 * `allVersionsOfOthers: false` (can-i-deploy) loads only the others' deployed, tagged or
 * latest versions; pacts-for-verification needs every consumer version (branches).
 */
export async function loadView(db: Database, focus: string, options: { allVersionsOfOthers: boolean }): Promise<BrokerView & { integrated: string[] }> {
  // The integrated pacticipants are computed in SQL, so every query below runs in one parallel round.
  const partners = sql`(select ${pacts.consumer} from ${pacts} where ${pacts.provider} = ${focus} union select ${pacts.provider} from ${pacts} where ${pacts.consumer} = ${focus} union select ${focus})`;
  const involving = or(eq(pacts.provider, focus), eq(pacts.consumer, focus));
  const narrow = options.allVersionsOfOthers
    ? undefined
    : or(
        eq(brokerPacticipants.name, focus),
        sql`${brokerVersions.id} in (select d.version_id from ${brokerDeployments} d where d.current)`,
        sql`${brokerVersions.id} in (select t.version_id from ${brokerTags} t)`,
        sql`${brokerVersions.id} in (select max(v2.id) from ${brokerVersions} v2 group by v2.pacticipant_id)`,
      );
  const [versions, deployments, pactRows, mains, verifications] = await Promise.all([
    versionsOf(db, undefined, and(sql`${brokerPacticipants.name} in ${partners}`, narrow)),
    deploymentsWhere(db, { partnersOf: partners }),
    db
      .select({ id: pacts.id, provider: pacts.provider, consumer: pacts.consumer, consumerVersion: pacts.consumerVersion, sha: pacts.contentSha256, createdAt: pacts.createdAt, updatedAt: pacts.updatedAt })
      .from(pacts)
      .where(involving)
      .orderBy(asc(pacts.id)),
    db.select({ name: brokerPacticipants.name, mainBranch: brokerPacticipants.mainBranch }).from(brokerPacticipants).where(sql`${brokerPacticipants.name} in ${partners}`),
    db
      .select({ id: pactVerifications.id, pactId: pactVerifications.pactId, provider: pacts.provider, consumer: pacts.consumer, sha: pacts.contentSha256, providerVersion: pactVerifications.providerVersion, success: pactVerifications.success, createdAt: pactVerifications.createdAt })
      .from(pactVerifications)
      .innerJoin(pacts, eq(pacts.id, pactVerifications.pactId))
      .where(involving)
      .orderBy(desc(pactVerifications.id)),
  ]);
  const integrated = [...new Set(pactRows.map((p) => (p.provider === focus ? p.consumer : p.provider)))].filter((n) => n !== focus).sort();
  return { versions, deployments, pacts: pactRows, verifications, mainBranches: new Map(mains.map((m) => [m.name, m.mainBranch])), integrated };
}

/** The pacts (with content) of the given (provider, consumer, consumer version) keys, in one query. */
export async function pactsByKeys(db: Database, keys: { provider: string; consumer: string; consumerVersion: string }[]) {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(pacts)
    .where(or(...keys.map((k) => and(eq(pacts.provider, k.provider), eq(pacts.consumer, k.consumer), eq(pacts.consumerVersion, k.consumerVersion)))));
}

/** The newest pact with this content between provider and consumer (the broker's "pact version"). */
export async function pactBySha(db: Database, provider: string, consumer: string, sha: string) {
  const [row] = await db.select().from(pacts).where(and(eq(pacts.provider, provider), eq(pacts.consumer, consumer), eq(pacts.contentSha256, sha))).orderBy(desc(pacts.id)).limit(1);
  return row;
}

/** The sha of the newest pact between provider and consumer other than `exceptId` (content-changed detection). */
export async function previousPactSha(db: Database, provider: string, consumer: string, exceptId: number): Promise<string | undefined> {
  const [row] = await db
    .select({ sha: pacts.contentSha256 })
    .from(pacts)
    .where(and(eq(pacts.provider, provider), eq(pacts.consumer, consumer), sql`${pacts.id} <> ${exceptId}`))
    .orderBy(desc(pacts.updatedAt), desc(pacts.id))
    .limit(1);
  return row?.sha;
}

/**
 * A value that changes whenever anything a broker view reads changes (inserts, updates and
 * deletes of pacts, verifications, versions, branches, tags, deployments, environments,
 * pacticipants). Maxima catch inserts and updates; counts catch deletes.
 */
export async function brokerStamp(db: Database): Promise<string> {
  const rows = await db.execute(sql`select concat_ws('|',
    (select max(id) || ':' || max(updated_at)::text || ':' || count(*) from ${pacts}),
    (select max(id) || ':' || count(*) from ${pactVerifications}),
    (select max(id) || ':' || count(*) from ${brokerVersions}),
    (select max(id) || ':' || count(*) from ${brokerBranchVersions}),
    (select max(id) || ':' || count(*) from ${brokerTags}),
    (select max(created_at)::text || ':' || max(ended_at)::text || ':' || count(*) || ':' || count(*) filter (where current) from ${brokerDeployments}),
    (select max(updated_at)::text || ':' || count(*) from ${brokerEnvironments}),
    (select max(updated_at)::text || ':' || count(*) from ${brokerPacticipants})
  ) as stamp`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { stamp: string }[];
  return list[0]?.stamp ?? '';
}
