/**
 * Publishes aggregate events that the event store queued in its outbox (same transaction as
 * the append), oldest first, so every stored aggregate event reaches the bus exactly as
 * stored: at least once, with its own eventId (JetStream's `Nats-Msg-Id` de-duplication drops
 * a republished row). A failed publish leaves the row and stops the pass, so a later pass
 * resumes in order.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { aggregateOutbox } from '../db/schema.ts';

export interface AggregateOutbox {
  /** Publishes pending events in stored order; resolves with how many were published. */
  flush(options?: { limit?: number }): Promise<number>;
  /** Events stored but not yet published (for tests and monitoring). */
  pending(): Promise<number>;
}

export function createAggregateOutbox(db: Database, aggregateType: string, publish: (event: unknown) => Promise<void>): AggregateOutbox {
  const unpublished = and(eq(aggregateOutbox.aggregateType, aggregateType), isNull(aggregateOutbox.publishedAt));
  let running: Promise<number> | undefined;

  const pass = async (limit: number): Promise<number> => {
    const rows = await db
      .select({ eventId: aggregateOutbox.eventId, event: aggregateOutbox.event })
      .from(aggregateOutbox)
      .where(unpublished)
      .orderBy(asc(aggregateOutbox.position))
      .limit(limit);
    const published: string[] = [];
    try {
      for (const row of rows) {
        await publish(row.event);
        published.push(row.eventId);
      }
    } finally {
      if (published.length) await db.update(aggregateOutbox).set({ publishedAt: new Date() }).where(inArray(aggregateOutbox.eventId, published));
    }
    return published.length;
  };

  let again: Promise<number> | undefined;
  const flush = (limit: number): Promise<number> => {
    // One pass at a time per process, so two callers never publish the same rows out of order.
    if (running === undefined) {
      running = pass(limit).finally(() => (running = undefined));
      return running;
    }
    // A pass is running, but it read the outbox before this caller's events were stored:
    // one more pass after it, shared by everyone who calls meanwhile.
    again ??= running.then(
      () => ((again = undefined), flush(limit)),
      () => ((again = undefined), flush(limit)),
    );
    return again;
  };

  return {
    flush: ({ limit = 500 } = {}) => flush(limit),
    async pending() {
      const rows = await db.select({ eventId: aggregateOutbox.eventId }).from(aggregateOutbox).where(unpublished);
      return rows.length;
    },
  };
}
