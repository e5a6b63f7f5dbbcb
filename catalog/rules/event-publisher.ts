import type { Diagnostic } from '../errors.ts';
import { declaresEventType, defineRule } from './rule.ts';

/** An event nobody sends is dead contract; one nobody receives is allowed but worth knowing. */
export default defineRule({
  id: 'event-publisher',
  description: 'every x-event-type message has a send operation (error) and a receive operation (warning)',
  check(context) {
    const found: Diagnostic[] = [];
    for (const event of context.catalog.events) {
      if (!declaresEventType(context, event)) continue;
      const { file, pointer } = context.messagePointer(event);
      if (event.publishers.length === 0) {
        found.push(context.report(pointer, `${event.eventType} has no publishing agent (no send operation on channel ${event.channel.id})`, 'Add a send operation with x-agent for the agent that publishes it.', file));
      }
      if (event.subscribers.length === 0) {
        found.push({ ...context.report(pointer, `${event.eventType} has no subscriber (no receive operation on channel ${event.channel.id})`, 'Add a receive operation with x-agent, x-role and x-reads, or remove the event.', file), severity: 'warning' });
      }
    }
    return found;
  },
});
