/**
 * The PromptAggregate's event store as the platform runs it: appends are checked by the same
 * rules as commands (the whole stream must rehydrate, so an illegal stream such as
 * PromptCreated → PromptPublished is refused and never stored), and every appended event is
 * queued in the outbox in the same transaction, to be published by `createAggregateOutbox`.
 */
import type { Database } from '#registry/db/connect.ts';
import { promptAggregateIdOf, type PromptAggregateEvent } from '../../generated/patterns/prompt-aggregate.ts';
import { createEventStore, type EventStore } from '../store/event-store.ts';
import { rehydratePrompt } from './prompt-aggregate.ts';

export const PROMPT_AGGREGATE = 'PromptAggregate';

export function createPromptEventStore(db: Database, options: { outbox?: boolean } = {}): EventStore<PromptAggregateEvent> {
  return createEventStore<PromptAggregateEvent>(db, {
    aggregateType: PROMPT_AGGREGATE,
    idOf: promptAggregateIdOf,
    versionOf: (event) => event.payload.sequence,
    rebuild: rehydratePrompt,
    outbox: options.outbox ?? true,
  });
}
