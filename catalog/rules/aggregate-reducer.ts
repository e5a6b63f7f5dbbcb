import type { Diagnostic } from '../errors.ts';
import { checkAggregate, unlistedAggregateEvents } from '#patterns/codegen/aggregate-events.ts';
import { defineRule } from './rule.ts';

/**
 * Events the generated reducer of an x-aggregate would not handle (owner: patterns): an
 * event of the aggregate (its `Domain.Entity` namespace, or partitioned by the aggregate
 * id) missing from `events`, a listed event without the BaseEvent envelope, or one listed twice.
 * Such an event could be stored but never replayed by `rehydrate`.
 */
export default defineRule({
  id: 'aggregate-reducer',
  description: 'every event of an x-aggregate is listed once and enveloped, so the generated reducer handles it',
  check({ catalog, report, messagePointer }) {
    const found: Diagnostic[] = [];
    for (const aggregate of catalog.aggregates) {
      const at = aggregate.source.pointer;
      const byKey = catalog.events.filter((e) => e.partitionKey === `/payload/${aggregate.idField}` && !aggregate.events.includes(e.eventType));
      const unlisted = [...new Set([...unlistedAggregateEvents(catalog, aggregate), ...byKey])];
      for (const event of unlisted) {
        const { file, pointer } = messagePointer(event);
        found.push(
          report(
            pointer,
            `${event.eventType} looks like an event of aggregate ${aggregate.name} but is not in its events, so the generated reducer has no handler for it`,
            `Add ${event.eventType} to x-aggregate.events and a handler to the reducer (npm run generate:patterns), or move it out of the aggregate.`,
            file,
          ),
        );
      }
      for (const problem of checkAggregate(catalog, aggregate).problems) {
        if (problem.kind === 'EVENT_NOT_ENVELOPED') {
          const { file, pointer } = messagePointer(problem.event);
          found.push(report(`${pointer}/payload`, `${problem.event.eventType} of aggregate ${aggregate.name} is not a BaseEvent, so the generated reducer cannot apply it`, 'Build the payload on the BaseEvent envelope (allOf with #/components/schemas/BaseEvent).', file));
        } else if (problem.kind === 'EVENT_LISTED_TWICE') {
          const index = aggregate.events.lastIndexOf(problem.eventType);
          found.push(report(`${at}/events/${index}`, `aggregate ${aggregate.name} lists ${problem.eventType} twice`, 'List each event once: the generated handler map has one entry per event type.'));
        }
      }
    }
    return found;
  },
});
