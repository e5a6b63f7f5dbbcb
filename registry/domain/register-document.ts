/**
 * Registers every event of an AsyncAPI document in one transaction: all or nothing.
 * Reads each subject's history under a per-subject row lock, decides each event with
 * the compatibility engine, and writes only when no event (and not the document) is
 * rejected. A dry run makes the same decisions without locks or writes.
 */
import type { Catalog, SourceLocation } from '#catalog/model.ts';
import { checkCompatibility } from '#compat/index.ts';
import type { Bump } from '#compat/types.ts';
import type { Database } from '#registry/db/connect.ts';
import { appendAudit, type AuditEntry } from '#registry/store/audit.ts';
import { readSettings } from '#registry/store/config.ts';
import { documentVersions, findDocument, insertDocument } from '#registry/store/documents.ts';
import { lockSubjects } from '#registry/store/subjects.ts';
import { inTransaction } from '#registry/store/transaction.ts';
import { readOnly } from '../errors.ts';
import { canonicalize, sha256Hex } from './canonical.ts';
import { consumersOf } from './consumers.ts';
import { decideRegistration, type CompatReport, type Decision } from './decide.ts';
import { readSubjectStates } from './history.ts';
import { aheadMessage, versionsAhead } from './registry-ahead.ts';
import { recordVersions, type NewRegistration } from './record.ts';
import { compareVersions, parseVersion } from '#compat/semver.ts';

export interface EventOutcome {
  eventType: string;
  declaredVersion: string;
  status: Decision['status'];
  /** The version the event has in the registry after this run (or would have, in a dry run). */
  version?: string;
  schemaId?: number;
  position?: number;
  requiredBump?: Bump;
  smallestAcceptableVersion?: string;
  changes: CompatReport['changes'];
  messages: string[];
  source: SourceLocation;
  /** Live versions of this event above the declared one that this document does not contain
   *  (registered through the Confluent API or a newer document); `evc check` fails on them
   *  unless `--allow-registry-ahead`. */
  registryAhead: string[];
}

export interface DocumentReport {
  ok: boolean;
  dryRun: boolean;
  document: { version: string; title: string; status: 'new' | 'unchanged' | 'rejected'; message?: string };
  events: EventOutcome[];
  summary: { registered: number; unchanged: number; rejected: number };
}

class Rejected extends Error {
  constructor(readonly report: DocumentReport) {
    super('document rejected');
  }
}

const outcomeOf = (event: Catalog['events'][number], decision: Decision, held: string[]): EventOutcome => {
  const landed = decision.status === 'rejected' ? undefined : decision.version;
  const registryAhead = versionsAhead(held, event.version, landed);
  const ahead = registryAhead.length > 0 ? [aheadMessage(event.eventType, registryAhead)] : [];
  const base = { eventType: event.eventType, declaredVersion: event.version, source: event.source, registryAhead };
  switch (decision.status) {
    case 'unchanged':
      return { ...base, status: 'unchanged', version: decision.version, schemaId: decision.schemaId, position: decision.position, changes: [], messages: [...decision.notes, ...ahead] };
    case 'registered':
      return { ...base, status: 'registered', version: decision.version, requiredBump: decision.requiredBump, changes: decision.report?.changes ?? [], messages: [...decision.notes, ...ahead] };
    case 'rejected':
      return {
        ...base,
        status: 'rejected',
        ...(decision.version ? { version: decision.version } : {}),
        ...(decision.report ? { requiredBump: decision.report.requiredBump } : {}),
        ...(decision.smallestAcceptableVersion ? { smallestAcceptableVersion: decision.smallestAcceptableVersion } : {}),
        changes: decision.report?.changes ?? [],
        messages: [...decision.reasons, ...ahead],
      };
  }
};

export interface RegisterDocumentInput {
  catalog: Catalog;
  /** The document exactly as uploaded; stored by `info.version`. */
  raw: string;
  dryRun: boolean;
  actor: string;
}

/**
 * The highest registered version of this document (same `info.title`) when it is not lower
 * than the candidate's: versions are monotonic per document, so an older or equal version
 * cannot be registered as new. Documents with other titles have their own version lines.
 */
async function newerVersionOf(db: Database, catalog: Catalog): Promise<string | undefined> {
  if (!parseVersion(catalog.version)) return undefined; // not semver: refused by the version rules, not here
  const versions = (await documentVersions(db, catalog.title)).filter((v) => parseVersion(v));
  const highest = versions.sort(compareVersions).at(-1);
  return highest !== undefined && compareVersions(highest, catalog.version) >= 0 ? highest : undefined;
}

export async function registerDocument(db: Database, input: RegisterDocumentInput): Promise<DocumentReport> {
  const { catalog } = input;
  const run = async (tx: Database, write: boolean): Promise<DocumentReport> => {
    const locked = write ? await lockSubjects(tx, catalog.events.map((e) => e.eventType)) : undefined;
    const existingDoc = await findDocument(tx, catalog.version);
    const rawHash = sha256Hex(input.raw);
    const behind = existingDoc ? undefined : await newerVersionOf(tx, catalog);
    const docStatus = behind !== undefined ? 'rejected' : !existingDoc ? 'new' : existingDoc.contentSha256 === rawHash ? 'unchanged' : 'rejected';
    // A new document is a write even when every event is unchanged (issue #13).
    if (write && docStatus === 'new' && (await readSettings(tx)).mode === 'READONLY') throw readOnly();
    const events: EventOutcome[] = [];
    const writes: Array<{ outcome: EventOutcome; item: NewRegistration }> = [];
    const audit: AuditEntry[] = [];
    const seen = new Set<string>();
    const states = await readSubjectStates(tx, [...new Set(catalog.events.map((e) => e.eventType))]);
    for (const event of catalog.events) {
      if (seen.has(event.eventType)) {
        events.push({ eventType: event.eventType, declaredVersion: event.version, source: event.source, status: 'rejected', changes: [], messages: [`event type ${event.eventType} is declared twice in the document`], registryAhead: [] });
        continue;
      }
      seen.add(event.eventType);
      const state = states.get(event.eventType)!;
      const schema = canonicalize(event.schema);
      const decision = decideRegistration({
        subject: event.eventType,
        history: state.history,
        takenVersions: state.takenVersions,
        candidate: { schema: event.schema, hash: schema.hash, version: event.version },
        level: state.settings.level,
        policy: state.settings.policy,
        consumers: consumersOf(event),
        check: checkCompatibility,
      });
      const outcome = outcomeOf(event, decision, state.history.map((h) => h.version));
      events.push(outcome);
      if (decision.status === 'registered') {
        if (state.settings.mode === 'READONLY') throw readOnly(event.eventType);
        const subject = locked?.get(event.eventType);
        if (write && !subject) throw new Error(`subject ${event.eventType} was not locked`);
        if (subject) writes.push({ outcome, item: { subjectId: subject.id, schema, version: decision.version, documentVersion: catalog.version, actor: input.actor } });
      }
    }
    const count = (status: Decision['status']) => events.filter((e) => e.status === status).length;
    const report: DocumentReport = {
      ok: docStatus !== 'rejected' && count('rejected') === 0,
      dryRun: !write,
      document: {
        version: catalog.version,
        title: catalog.title,
        status: docStatus,
        ...(behind !== undefined
          ? { message: `document "${catalog.title}" is already registered at version ${behind}; version ${catalog.version} is not higher. Versions of one document only go up: bump info.version above ${behind}` }
          : docStatus === 'rejected'
            ? { message: `document version ${catalog.version} is already registered with different content; bump info.version` }
            : {}),
      },
      events,
      summary: { registered: count('registered'), unchanged: count('unchanged'), rejected: count('rejected') },
    };
    if (!write) return report;
    // Throwing rolls back the subject rows the locks created: a rejected document writes nothing.
    if (!report.ok) throw new Rejected(report);
    const recorded = await recordVersions(tx, writes.map((w) => w.item));
    writes.forEach(({ outcome, item }, n) => {
      const { schemaId, position } = recorded[n]!;
      outcome.schemaId = schemaId;
      outcome.position = position;
      audit.push({ actor: input.actor, action: 'register', subject: outcome.eventType, version: item.version, schemaId, detail: { documentVersion: catalog.version, position } });
    });
    if (docStatus === 'new') {
      await insertDocument(tx, { version: catalog.version, title: catalog.title, content: input.raw, contentSha256: rawHash, createdBy: input.actor });
      audit.push({ actor: input.actor, action: 'document', version: catalog.version, detail: { title: catalog.title, events: report.summary } });
    }
    await appendAudit(tx, audit);
    return report;
  };
  if (input.dryRun) return run(db, false);
  try {
    return await inTransaction(db, (tx) => run(tx, true));
  } catch (error) {
    if (error instanceof Rejected) return error.report;
    throw error;
  }
}
