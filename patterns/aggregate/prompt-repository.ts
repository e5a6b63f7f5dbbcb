/**
 * Loads, changes and stores PromptAggregates on the event store: load the stream, rehydrate,
 * decide the command, build the envelope (the producer's `build`: validated against the
 * contract), append at the loaded version. A ConcurrencyError means someone else appended
 * first; the command is re-decided on the fresh state up to `maxRetries` times, so a
 * concurrent change is either merged on top or rejected by the lifecycle rules, never lost.
 */
import type { PromptAggregateEvent } from '../../generated/patterns/prompt-aggregate.ts';
import type { AggregateOutbox } from '../store/aggregate-outbox.ts';
import type { EventStore } from '../store/event-store.ts';
import { ConcurrencyError } from '../store/errors.ts';
import { decidePrompt, type PendingPromptEvent, type PromptCommand } from './prompt-commands.ts';
import { rehydratePrompt, type PromptState } from './prompt-aggregate.ts';

export interface PromptRepositoryOptions {
  store: EventStore<PromptAggregateEvent>;
  /** Wraps a payload in a validated envelope, e.g. `producer.build` of the owning agent. */
  build: (event: PendingPromptEvent, options?: { causedBy?: { eventId: string; correlationId: string } }) => PromptAggregateEvent;
  /**
   * The store's outbox: drained after each stored command, so its event reaches the bus. A
   * failed publish leaves it queued for the next flush (the command itself has succeeded).
   */
  outbox?: AggregateOutbox;
  onPublishError?: (error: unknown) => void;
}

export interface PromptRepository {
  load(promptId: string): Promise<PromptState>;
  execute(
    promptId: string,
    command: PromptCommand,
    options?: { maxRetries?: number; causedBy?: { eventId: string; correlationId: string } },
  ): Promise<{ state: PromptState; event: PromptAggregateEvent }>;
}

export function createPromptRepository({ store, build, outbox, onPublishError }: PromptRepositoryOptions): PromptRepository {
  const load = async (promptId: string) => rehydratePrompt((await store.load(promptId)).events);
  return {
    load,
    async execute(promptId, command, { maxRetries = 3, causedBy } = {}) {
      for (let attempt = 0; ; attempt++) {
        const current = await load(promptId);
        const decision = decidePrompt(current, promptId, command);
        const event = build(decision.event, causedBy ? { causedBy } : {});
        try {
          await store.append(promptId, current.version, [event]);
          if (outbox) await outbox.flush().catch(onPublishError ?? ((e: unknown) => console.error('[evc aggregate] publish deferred:', e)));
          return { state: decision.state, event };
        } catch (error) {
          if (!(error instanceof ConcurrencyError) || attempt >= maxRetries) throw error;
        }
      }
    },
  };
}
