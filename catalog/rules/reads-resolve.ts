import type { Diagnostic } from '../errors.ts';
import { encodePointer } from '#shared/json-pointer.ts';
import { schemaAtDataPointer } from '../schema-path.ts';
import { defineRule } from './rule.ts';

/** `x-reads` feeds consumer-aware compatibility: a pointer to nothing would hide a breaking change. */
export default defineRule({
  id: 'reads-resolve',
  description: 'every x-reads pointer of a receive operation names a field of the event payload',
  check({ catalog, report }) {
    const found: Diagnostic[] = [];
    for (const event of catalog.events) {
      for (const subscriber of event.subscribers) {
        (subscriber.reads ?? []).forEach((read, i) => {
          const step = read.startsWith('/') ? schemaAtDataPointer(event.payloadSchema, read) : { found: false, missing: read };
          if (!step.found) {
            found.push(report(encodePointer(['operations', subscriber.operationId, 'x-reads', i]), `${subscriber.agent} reads ${read} of ${event.eventType}, which its payload does not declare ("${step.missing}")`, 'x-reads are JSON pointers into the payload, e.g. /promptId or /requirements/description.'));
          }
        });
      }
    }
    return found;
  },
});
