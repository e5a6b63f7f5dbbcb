import { defineRule } from './rule.ts';

/** The seed's BaseEvent: `eventType` is `Domain.Entity.Action`, each part PascalCase. */
export const EVENT_TYPE_PATTERN = /^[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*$/;

export default defineRule({
  id: 'event-type-format',
  description: 'x-event-type is Domain.Entity.Action (three PascalCase parts) and unique in the document',
  check({ catalog, report, messagePointer, set }) {
    const found = [];
    const seen = new Map<string, string>();
    for (const event of catalog.events) {
      const { file, pointer } = messagePointer(event);
      const message = set.resolve(`#${pointer}`, file)?.value as Record<string, unknown> | undefined;
      const declared = message?.['x-event-type'];
      if (declared === undefined) continue;
      const at = `${pointer}/x-event-type`;
      if (typeof declared !== 'string' || !EVENT_TYPE_PATTERN.test(declared)) {
        found.push(report(at, `x-event-type ${JSON.stringify(declared)} of message ${event.name} is not Domain.Entity.Action`, 'Use three PascalCase parts separated by dots, e.g. Prompt.Creation.Requested.', file));
        continue;
      }
      const first = seen.get(declared);
      if (first && first !== pointer) {
        found.push(report(at, `x-event-type ${declared} of message ${event.name} is already declared at ${first}`, 'Each event type is one contract: give this message another type, or reuse the first message.', file));
      }
      seen.set(declared, first ?? pointer);
    }
    return found;
  },
});
