/**
 * What the pages show, read through the same store and domain functions the JSON routes
 * call (`/v1/events`, `/v1/events/{e}/versions`, `/v1/documents`, `/v1/clients`, `/health`),
 * so a page can never show something the API would not. Pact data comes through
 * `pact-source.ts`. Each reader returns plain data; the page components only render.
 */
import type { Catalog, EventContract } from '#catalog/model.ts';
import { checkCompatibility } from '#compat/index.ts';
import { bumpBetween } from '#compat/semver.ts';
import type { Bump, JsonSchema } from '#compat/types.ts';
import { resolveStored } from '#registry/domain/reference-resolution.ts';
import { listAudit } from '#registry/store/audit.ts';
import { readSettings } from '#registry/store/config.ts';
import { findDocument, listDocuments } from '#registry/store/documents.ts';
import { pingDatabase } from '#registry/store/health.ts';
import { listAllVersions, listVersions, type StoredVersion } from '#registry/store/versions.ts';
import type { Services } from '../context.ts';
import type { Settings } from '../domain/settings.ts';
import { subjectNotFound } from '../errors.ts';
import { parseCatalog } from '#catalog/load.ts';


export interface CurrentDocument {
  version: string;
  catalog: Catalog;
}

/** Catalogs by document version: documents are immutable, so a version's catalog never changes. */
const catalogsByVersion = new WeakMap<Services, Map<string, CurrentDocument>>();

/**
 * The latest registered document as the catalog (agents, subscribers, saga, aggregate), if
 * any: the document `GET /v1/clients/{agent}.tgz` builds from. One small query per page; the
 * document text is read and parsed only the first time a version is seen.
 */
export async function readCurrentDocument(services: Services): Promise<CurrentDocument | undefined> {
  const docs = await listDocuments(services.db);
  // The most recently registered document (listDocuments is newest first).
  const version = docs[0]?.version;
  if (version === undefined) return undefined;
  let known = catalogsByVersion.get(services);
  if (!known) catalogsByVersion.set(services, (known = new Map()));
  const hit = known.get(version);
  if (hit) return hit;
  const doc = await findDocument(services.db, version);
  if (!doc) return undefined;
  // Stored documents are untrusted uploads: no remote refs, no refs into the file system.
  const file = `registry:${doc.version}`;
  const catalog = await services.catalogs.get(doc.content, file, () => parseCatalog(doc.content, file, { allowRemoteRefs: false, allowFileRefs: false }));
  const current = { version: doc.version, catalog };
  known.set(version, current);
  return current;
}

export interface EventSummary {
  eventType: string;
  latest: string;
  versions: number;
  updatedAt: Date;
  contract?: EventContract;
}

export interface Health {
  database: 'ok' | 'unreachable';
  latencyMs: number;
}

export async function readHealth(services: Services): Promise<Health> {
  const started = performance.now();
  try {
    await pingDatabase(services.db);
    return { database: 'ok', latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch {
    return { database: 'unreachable', latencyMs: Math.round(performance.now() - started) };
  }
}

/** Every live event with its latest semver (as `GET /v1/events`), joined with the current document. */
export function summarizeEvents(rows: StoredVersion[], catalog: Catalog | undefined): EventSummary[] {
  const bySubject = new Map<string, StoredVersion[]>();
  for (const row of rows) bySubject.set(row.subject, [...(bySubject.get(row.subject) ?? []), row]);
  return [...bySubject].map(([eventType, versions]) => {
    const latest = versions.at(-1)!;
    const contract = catalog?.events.find((e) => e.eventType === eventType);
    return { eventType, latest: latest.version, versions: versions.length, updatedAt: latest.createdAt, ...(contract ? { contract } : {}) };
  });
}

export async function readOverview(services: Services) {
  // Independent reads: concurrent on a PostgreSQL pool (PGlite runs them one after another).
  const [current, versions, documents, audit, health] = await Promise.all([
    readCurrentDocument(services),
    listAllVersions(services.db), // as GET /v1/events
    listDocuments(services.db), // as GET /v1/documents
    listAudit(services.db, { limit: 12 }),
    readHealth(services),
  ]);
  return { current, events: summarizeEvents(versions, current?.catalog), documents, audit, health };
}

export interface VersionEntry {
  row: StoredVersion;
  /** The bump from the previous version as declared (semver distance). */
  declared?: Bump;
  /** The bump the compatibility engine requires for the change from the previous version. */
  required?: Bump;
}

/** A stored version's schema as the engine must see it: with its Confluent schema references bundled in. */
export const schemaOf = (row: StoredVersion, resolved: ReadonlyMap<number, JsonSchema>): JsonSchema => resolved.get(row.schemaId) ?? (JSON.parse(row.canonical) as JsonSchema);

/** The version history with, for each version, the bump it declared and the bump it needed. */
export function historyOf(rows: StoredVersion[], settings: Settings, resolved: ReadonlyMap<number, JsonSchema> = new Map()): VersionEntry[] {
  return rows.map((row, i) => {
    if (i === 0) return { row };
    const history = rows.slice(0, i).map((r) => ({ version: r.version, schema: schemaOf(r, resolved) as never }));
    const report = checkCompatibility({ history, candidate: { schema: schemaOf(row, resolved) }, level: settings.level, policy: settings.policy });
    return { row, declared: bumpBetween(rows[i - 1]!.version, row.version) ?? 'none', required: report.requiredBump };
  });
}

export async function readEvent(services: Services, eventType: string) {
  const [rows, settings, current] = await Promise.all([listVersions(services.db, eventType), readSettings(services.db, eventType), readCurrentDocument(services)]);
  if (rows.length === 0) throw subjectNotFound(eventType);
  const contract = current?.catalog.events.find((e) => e.eventType === eventType);
  return { eventType, rows, settings, history: historyOf(rows, settings, await resolveStored(services.db, rows)), current, contract };
}
