/**
 * diffCatalogs: two AsyncAPI documents (as catalogs) compared event by event. Each event
 * present in both gets a full schema report (the wire schema, envelope included, checked
 * with `checkCompatibility` against the old version); events, publishers and subscribers
 * added or removed are document changes from `document-rules.ts`.
 */
import { pointerStep } from '#shared/json-pointer.ts';
import type { Catalog, EventContract, Subscriber } from '#catalog/model.ts';
import { checkCompatibility } from './check.ts';
import { applyConsumerAware } from './consumers.ts';
import { DOCUMENT_RULES } from './document-rules.ts';
import { maxBump } from './semver.ts';
import type { CatalogDiff, ConsumerReads, DocumentChange, DocumentChangeKind, EventDiff, Level, Policy } from './types.ts';

const subscriberKey = (s: Subscriber) => `${s.agent}#${s.operationId}`;

function change(kind: DocumentChangeKind, eventType: string, message: string, level: Level): DocumentChange {
  const rule = DOCUMENT_RULES[kind];
  return { kind, eventType, message: `${message}: ${rule.why}`, compatible: rule.compatible || level === 'NONE', bump: rule.bump };
}

function documentChanges(before: EventContract, after: EventContract, level: Level): DocumentChange[] {
  const t = after.eventType;
  const out: DocumentChange[] = [];
  if (before.channel.address !== after.channel.address) {
    out.push(change('EVENT_CHANNEL_CHANGED', t, `${t} moved from channel ${before.channel.address ?? before.channel.id} to ${after.channel.address ?? after.channel.id}`, level));
  }
  for (const p of after.publishers) if (!before.publishers.includes(p)) out.push(change('PUBLISHER_ADDED', t, `${p} now publishes ${t}`, level));
  const removedPublishers = before.publishers.filter((p) => !after.publishers.includes(p));
  for (const p of removedPublishers) {
    const last = after.publishers.length === 0 && after.subscribers.length > 0;
    out.push(change(last ? 'EVENT_NO_LONGER_PUBLISHED' : 'PUBLISHER_REMOVED', t, `${p} no longer publishes ${t}`, level));
  }
  const oldSubs = new Map(before.subscribers.map((s) => [subscriberKey(s), s]));
  const newSubs = new Map(after.subscribers.map((s) => [subscriberKey(s), s]));
  for (const [key, s] of newSubs) {
    const old = oldSubs.get(key);
    if (!old) out.push(change('SUBSCRIBER_ADDED', t, `${s.agent} now receives ${t} (${s.operationId})`, level));
    else if (readsKey(old.reads) !== readsKey(s.reads)) {
      out.push(change('SUBSCRIBER_READS_CHANGED', t, `${s.agent} reads ${JSON.stringify(s.reads ?? 'required fields')} of ${t} (was ${JSON.stringify(old.reads ?? 'required fields')})`, level));
    }
  }
  for (const [key, s] of oldSubs) if (!newSubs.has(key)) out.push(change('SUBSCRIBER_REMOVED', t, `${s.agent} no longer receives ${t} (${s.operationId})`, level));
  return out;
}

/** `x-reads` as compared: absent (the payload's required fields) differs from `[]` (reads nothing). */
const readsKey = (reads: readonly string[] | undefined): string => (reads === undefined ? 'required fields' : JSON.stringify([...reads].sort()));

/**
 * What each subscriber reads. An absent `x-reads` means "the payload's required fields"
 * (catalog model); when those cannot be read off the payload schema, no consumer data is
 * passed at all, so CONSUMER_AWARE falls back to LENIENT rather than assume nothing is read.
 */
function consumersOf(event: EventContract): ConsumerReads[] | undefined {
  const payload = event.payloadSchema;
  const required = typeof payload === 'object' && Array.isArray(payload.required) ? payload.required.filter((r): r is string => typeof r === 'string') : undefined;
  const out: ConsumerReads[] = [];
  for (const s of event.subscribers) {
    const reads = s.reads ?? required?.map(pointerStep);
    if (!reads) return undefined;
    out.push({ agent: s.agent, operationId: s.operationId, reads });
  }
  return out;
}

function compareEvent(before: EventContract, after: EventContract, options: { level: Level; policy: Policy }): EventDiff {
  const versionChanged = before.version !== after.version;
  const consumers = consumersOf(after);
  const input = {
    history: [{ version: before.version, schema: before.schema }],
    // An unchanged x-version is not a proposal: the report then only says what the changes need.
    candidate: versionChanged ? { schema: after.schema, version: after.version } : { schema: after.schema },
    level: options.level,
    policy: options.policy,
    ...(consumers ? { consumers } : {}),
  };
  // Breaking changes name the subscribers that read the field; CONSUMER_AWARE uses that (compat/consumers.ts).
  const report = applyConsumerAware(checkCompatibility(input), input);
  const docs = documentChanges(before, after, options.level);
  const changed = report.changes.length > 0 || docs.length > 0 || versionChanged;
  return {
    eventType: after.eventType,
    status: changed ? 'changed' : 'unchanged',
    beforeVersion: before.version,
    afterVersion: after.version,
    report,
    documentChanges: docs,
    compatible: report.compatible && docs.every((d) => d.compatible),
    requiredBump: maxBump(report.requiredBump, ...docs.map((d) => d.bump)),
    source: after.source,
  };
}

export function diffCatalogs(before: Catalog, after: Catalog, options: { level: Level; policy: Policy }): CatalogDiff {
  const oldEvents = new Map(before.events.map((e) => [e.eventType, e]));
  const newEvents = new Map(after.events.map((e) => [e.eventType, e]));
  const events: EventDiff[] = [];
  for (const [type, event] of newEvents) {
    const old = oldEvents.get(type);
    if (old) events.push(compareEvent(old, event, options));
    else {
      const doc = change('EVENT_ADDED', type, `${type} ${event.version} added`, options.level);
      events.push({ eventType: type, status: 'added', afterVersion: event.version, documentChanges: [doc], compatible: true, requiredBump: doc.bump, source: event.source });
    }
  }
  for (const [type, event] of oldEvents) {
    if (newEvents.has(type)) continue;
    const doc = change('EVENT_REMOVED', type, `${type} ${event.version} removed`, options.level);
    events.push({ eventType: type, status: 'removed', beforeVersion: event.version, documentChanges: [doc], compatible: doc.compatible, requiredBump: doc.bump, source: event.source });
  }
  return {
    level: options.level,
    policy: options.policy,
    compatible: events.every((e) => e.compatible),
    requiredBump: maxBump(...events.map((e) => e.requiredBump)),
    events,
    before: { title: before.title, version: before.version, file: before.source.file },
    after: { title: after.title, version: after.version, file: after.source.file },
  };
}
