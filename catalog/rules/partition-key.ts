import type { Diagnostic } from '../errors.ts';
import { schemaAtDataPointer } from '../schema-path.ts';
import { declaresEventType, defineRule } from './rule.ts';

/** A partition key that is absent from an event would put it on an arbitrary partition. */
export default defineRule({
  id: 'partition-key',
  description: 'every x-event-type message declares an x-partition-key that names a required field of the event',
  check(context) {
    const found: Diagnostic[] = [];
    for (const event of context.catalog.events) {
      // Events without the envelope are envelope-present's finding; their keys cannot be checked.
      // Aggregate events are aggregate-id's: it requires the key to be the required aggregate id.
      if (!declaresEventType(context, event) || !event.enveloped) continue;
      if (context.catalog.aggregates.some((a) => a.events.includes(event.eventType))) continue;
      const { file, pointer } = context.messagePointer(event);
      if (event.partitionKey === undefined) {
        found.push(context.report(pointer, `${event.eventType} declares no x-partition-key`, 'Add x-partition-key, e.g. /payload/<aggregate id> or /correlationId.', file));
        continue;
      }
      const step = schemaAtDataPointer(event.schema, event.partitionKey);
      if (!step.found || !step.required) {
        const why = step.found ? 'is optional' : `does not exist ("${step.missing}" is not declared)`;
        found.push(context.report(`${pointer}/x-partition-key`, `x-partition-key ${event.partitionKey} of ${event.eventType} ${why}`, 'Point it at a required field of the event, e.g. /payload/promptId or /correlationId.', file));
      }
    }
    return found;
  },
});
