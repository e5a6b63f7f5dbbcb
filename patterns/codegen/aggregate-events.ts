/**
 * Resolves an `x-aggregate` against the catalog's events and checks what a generated
 * reducer needs: every event exists, is enveloped, and carries the aggregate id in its
 * payload. Shared by the generator (which throws) and the lint rules (which report).
 */
import { hasOwn } from '#shared/json.ts';
import type { Aggregate, Catalog, EventContract } from '#catalog/model.ts';
import { objectShape, typeOf } from './schema-walk.ts';

export type AggregateProblem =
  | { kind: 'EVENT_UNKNOWN'; eventType: string }
  | { kind: 'EVENT_WITHOUT_AGGREGATE_ID'; event: EventContract }
  | { kind: 'EVENT_NOT_ENVELOPED'; event: EventContract }
  | { kind: 'EVENT_LISTED_TWICE'; eventType: string };

/** True when the payload schema declares `idField` as a required string property. */
export function payloadCarriesId(event: EventContract, idField: string): boolean {
  const { properties, required } = objectShape(event.payloadSchema);
  if (!hasOwn(properties, idField) || !required.includes(idField)) return false;
  const type = typeOf(event.payloadSchema, properties[idField]);
  return type === undefined || type === 'string';
}

export function checkAggregate(catalog: Catalog, aggregate: Aggregate): { events: EventContract[]; problems: AggregateProblem[] } {
  const byType = new Map(catalog.events.map((e) => [e.eventType, e]));
  const problems: AggregateProblem[] = [];
  const events: EventContract[] = [];
  const seen = new Set<string>();
  for (const eventType of aggregate.events) {
    if (seen.has(eventType)) {
      problems.push({ kind: 'EVENT_LISTED_TWICE', eventType });
      continue;
    }
    seen.add(eventType);
    const event = byType.get(eventType);
    if (!event) {
      problems.push({ kind: 'EVENT_UNKNOWN', eventType });
      continue;
    }
    if (!event.enveloped) problems.push({ kind: 'EVENT_NOT_ENVELOPED', event });
    else if (!payloadCarriesId(event, aggregate.idField)) problems.push({ kind: 'EVENT_WITHOUT_AGGREGATE_ID', event });
    events.push(event);
  }
  return { events, problems };
}

/**
 * Events whose type belongs to the aggregate's namespace (the `Domain.Entity` shared by its
 * declared events, e.g. `Prompt.Lifecycle`) but that the aggregate does not list: the
 * generated reducer has no handler for them, so a stored one could never be replayed.
 */
export function unlistedAggregateEvents(catalog: Catalog, aggregate: Aggregate): EventContract[] {
  const namespaces = new Set(aggregate.events.map((t) => t.split('.').slice(0, 2).join('.')));
  const listed = new Set(aggregate.events);
  return catalog.events.filter(
    (e) => !listed.has(e.eventType) && namespaces.has(e.eventType.split('.').slice(0, 2).join('.')),
  );
}
