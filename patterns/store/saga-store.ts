/**
 * Saga persistence: instance state, processed-event log and outbox, in Postgres or PGlite.
 * `transition` is the one write path: in a single transaction it locks the instance row,
 * skips an event already processed (redelivery), runs the caller's pure decision, and
 * stores the new state, the processed eventId and the commands to publish. So a crash at
 * any point leaves either nothing or everything of a transition.
 */
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { sagaInstances, sagaOutbox, sagaProcessedEvents } from '../db/schema.ts';
import type { SagaDecision, SagaState } from '../saga/types.ts';
import { coalesceWrites } from './coalesce.ts';

export interface OutboxEvent {
  eventId: string;
  eventType: string;
}

export interface TransitionOutcome<E extends OutboxEvent> {
  /** The event was processed before: nothing was decided or written. */
  duplicate: boolean;
  decision?: SagaDecision;
  outbox: E[];
}

export interface SagaStore {
  transition<E extends OutboxEvent>(
    sagaId: string,
    input: { eventId: string | null; eventType: string },
    decide: (state: SagaState | undefined) => { decision: SagaDecision; outbox: E[] },
  ): Promise<TransitionOutcome<E>>;
  /** Commands stored but not yet published (of one saga, or all), oldest first. */
  pending<E>(sagaId?: string): Promise<E[]>;
  /**
   * Sets `published_at`. Concurrent calls are joined into one UPDATE (group commit, see
   * coalesce.ts); each resolves once its own ids are stored.
   */
  markPublished(eventIds: readonly string[]): Promise<void>;
  /** Running sagas whose step deadline is at or before `now`. */
  due(now: Date, limit?: number): Promise<string[]>;
  get(sagaId: string): Promise<SagaState | undefined>;
  /** The eventIds a saga has processed, in processing order (for inspection and tests). */
  processed(sagaId: string): Promise<{ eventId: string; eventType: string }[]>;
}

export interface SagaStoreOptions {
  /** Called after each committed write (for metrics: one call is one database commit). */
  onCommit?(write: 'transition' | 'markPublished', rows: number): void;
}

export function createSagaStore(db: Database, options: SagaStoreOptions = {}): SagaStore {
  const onCommit = options.onCommit ?? (() => {});
  // One UPDATE (one commit) for every command published meanwhile, instead of one per transition.
  const markPublished = coalesceWrites<string>(async (eventIds) => {
    await db.update(sagaOutbox).set({ publishedAt: new Date() }).where(and(inArray(sagaOutbox.eventId, eventIds), isNull(sagaOutbox.publishedAt)));
    onCommit('markPublished', eventIds.length);
  });
  return {
    async transition(sagaId, input, decide) {
      const outcome = await db.transaction(async (tx) => {
        const [row] = await tx.select().from(sagaInstances).where(eq(sagaInstances.sagaId, sagaId)).for('update');
        // Record the event first: if it is already there, this is a redelivery and nothing else happens.
        let recorded = false;
        if (row && input.eventId !== null) {
          const inserted = await tx
            .insert(sagaProcessedEvents)
            .values({ sagaId, eventId: input.eventId, eventType: input.eventType })
            .onConflictDoNothing()
            .returning({ id: sagaProcessedEvents.eventId });
          if (inserted.length === 0) return { duplicate: true, outbox: [] };
          recorded = true;
        }
        const state = row?.state as SagaState | undefined;
        const { decision, outbox } = decide(state);
        const next = decision.state;
        // No saga (an event of no saga of ours): nothing to store. The transaction still commits,
        // and `recorded` is false here because a processed row needs an existing saga.
        if (next === undefined) return { duplicate: false, decision, outbox: [] };
        if (next !== state) {
          const values = { status: next.status, state: next, deadlineAt: next.deadlineAt ? new Date(next.deadlineAt) : null, updatedAt: new Date(next.updatedAt) };
          if (row) {
            await tx
              .update(sagaInstances)
              .set({ ...values, revision: row.revision + 1 })
              .where(eq(sagaInstances.sagaId, sagaId));
          } else {
            await tx.insert(sagaInstances).values({ sagaId, sagaName: next.saga, ...values });
          }
        }
        if (input.eventId !== null && !recorded) {
          await tx.insert(sagaProcessedEvents).values({ sagaId, eventId: input.eventId, eventType: input.eventType });
        }
        if (outbox.length > 0) {
          await tx.insert(sagaOutbox).values(outbox.map((event) => ({ sagaId, eventId: event.eventId, eventType: event.eventType, event })));
        }
        return { duplicate: false, decision, outbox };
      });
      onCommit('transition', 1);
      return outcome;
    },

    async pending<E>(sagaId?: string) {
      const rows = await db
        .select({ event: sagaOutbox.event })
        .from(sagaOutbox)
        .where(sagaId === undefined ? isNull(sagaOutbox.publishedAt) : and(isNull(sagaOutbox.publishedAt), eq(sagaOutbox.sagaId, sagaId)))
        .orderBy(asc(sagaOutbox.position));
      return rows.map((r) => r.event as E);
    },

    markPublished,

    async due(now, limit = 100) {
      const rows = await db
        .select({ sagaId: sagaInstances.sagaId })
        .from(sagaInstances)
        .where(and(eq(sagaInstances.status, 'running'), lte(sagaInstances.deadlineAt, now)))
        .orderBy(asc(sagaInstances.deadlineAt))
        .limit(limit);
      return rows.map((r) => r.sagaId);
    },

    async get(sagaId) {
      const [row] = await db.select({ state: sagaInstances.state }).from(sagaInstances).where(eq(sagaInstances.sagaId, sagaId));
      return row?.state as SagaState | undefined;
    },

    async processed(sagaId) {
      return db
        .select({ eventId: sagaProcessedEvents.eventId, eventType: sagaProcessedEvents.eventType })
        .from(sagaProcessedEvents)
        .where(eq(sagaProcessedEvents.sagaId, sagaId))
        .orderBy(asc(sagaProcessedEvents.processedAt), asc(sagaProcessedEvents.eventId));
    },
  };
}
