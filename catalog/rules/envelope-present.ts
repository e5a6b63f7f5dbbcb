import { ENVELOPE_FIELDS } from '../envelope.ts';
import { declaresEventType, defineRule } from './rule.ts';

export default defineRule({
  id: 'envelope-present',
  description: 'every message with an x-event-type is built on the BaseEvent envelope',
  check(context) {
    return context.catalog.events
      .filter((event) => declaresEventType(context, event) && !event.enveloped)
      .map((event) => {
        const { file, pointer } = context.messagePointer(event);
        return context.report(
          `${pointer}/payload`,
          `${event.eventType} is not built on the BaseEvent envelope (needs ${ENVELOPE_FIELDS.join(', ')})`,
          "Write the payload as allOf: [{$ref: '#/components/schemas/BaseEvent'}, {properties: {payload: ...}}].",
          file,
        );
      });
  },
});
