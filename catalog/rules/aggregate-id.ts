import type { Diagnostic } from '../errors.ts';
import { defineRule } from './rule.ts';

type Obj = { properties?: Record<string, unknown>; required?: unknown[] };

/** Event sourcing needs every aggregate event to carry the aggregate id and partition by it. */
export default defineRule({
  id: 'aggregate-id',
  description: 'x-aggregate events exist, require the aggregate id field in their payload, and partition by it',
  check({ catalog, report, messagePointer }) {
    const found: Diagnostic[] = [];
    for (const aggregate of catalog.aggregates) {
      const key = `/payload/${aggregate.idField}`;
      aggregate.events.forEach((type, i) => {
        const event = catalog.events.find((e) => e.eventType === type);
        if (!event) {
          found.push(report(`${aggregate.source.pointer}/events/${i}`, `aggregate ${aggregate.name} names unknown event "${type}"`, `Known events: ${catalog.events.map((e) => e.eventType).join(', ')}.`));
          return;
        }
        const { file, pointer } = messagePointer(event);
        const payload = (typeof event.payloadSchema === 'object' ? event.payloadSchema : {}) as Obj;
        const required = Array.isArray(payload.required) && payload.required.includes(aggregate.idField);
        if (!payload.properties?.[aggregate.idField] || !required) {
          found.push(report(`${pointer}/payload`, `${type} belongs to aggregate ${aggregate.name} but its payload does not require "${aggregate.idField}"`, `Add ${aggregate.idField} to the payload's properties and required list.`, file));
        }
        if (event.partitionKey !== undefined && event.partitionKey !== key) {
          found.push(report(`${pointer}/x-partition-key`, `${type} belongs to aggregate ${aggregate.name} but is partitioned by ${event.partitionKey}, not ${key}`, `Set x-partition-key: ${key}, so the aggregate's events stay in order.`, file));
        }
      });
    }
    return found;
  },
});
