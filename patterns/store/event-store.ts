/**
 * Append-only event store for event-sourced aggregates, on Postgres or PGlite via drizzle.
 * Optimistic concurrency: `append(id, expectedVersion, events)` checks the stream's version
 * and inserts in one transaction, and the unique (aggregate_type, aggregate_id, version)
 * constraint turns a lost race into a `ConcurrencyError`: a stale append is rejected, never
 * lost and never interleaved. Rows are never updated or deleted. With `rebuild` the
 * aggregate's rules guard every append; with `outbox` each event is also queued for
 * publishing in the same transaction (aggregate-outbox.ts drains it).
 */
import { and, asc, eq, gt, max } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { aggregateEvents, aggregateOutbox } from '../db/schema.ts';
import { uniqueViolation } from '../db/pg-errors.ts';
import { AggregateIdMismatchError, ConcurrencyError, DuplicateEventError, EventVersionMismatchError } from './errors.ts';

export interface StorableEvent {
  eventId: string;
  eventType: string;
}

export interface EventStoreOptions<E extends StorableEvent> {
  /** Stream namespace, e.g. `PromptAggregate`. */
  aggregateType: string;
  /** The aggregate id an event belongs to (the generated `…IdOf`). */
  idOf: (event: E) => string;
  /**
   * The version an event says it has (e.g. PromptAggregate's `payload.sequence`). When given, an
   * event must be appended at exactly that version, so the stream never disagrees with itself.
   */
  versionOf?: (event: E) => number;
  /**
   * The aggregate's own decision rules, applied to the whole stream as it would be after the
   * append (stored events, then the new ones), inside the append's transaction. It throws for
   * a stream that cannot be rebuilt (e.g. PromptPublished before PromptValidated), so the store
   * never holds one. Costs one read of the stream per append.
   */
  rebuild?: (events: readonly E[]) => unknown;
  /** Also store each appended event in the aggregate outbox, in the same transaction. */
  outbox?: boolean;
}

export interface EventStream<E> {
  events: E[];
  /** Version after the last returned event (0 for an empty stream). */
  version: number;
}

export interface EventStore<E extends StorableEvent> {
  /** Appends events as versions expectedVersion+1…; resolves with the new version. */
  append(aggregateId: string, expectedVersion: number, events: readonly E[]): Promise<number>;
  /** Events of one aggregate in version order, optionally only those after `afterVersion`. */
  load(aggregateId: string, options?: { afterVersion?: number }): Promise<EventStream<E>>;
  /** Current version of a stream (0 when it has no events). */
  version(aggregateId: string): Promise<number>;
}

const CHUNK = 1000; // rows per INSERT, well under PostgreSQL's 65,535 bind parameters

export function createEventStore<E extends StorableEvent>(db: Database, options: EventStoreOptions<E>): EventStore<E> {
  const { aggregateType, idOf, versionOf, rebuild } = options;
  const stream = (id: string) => and(eq(aggregateEvents.aggregateType, aggregateType), eq(aggregateEvents.aggregateId, id));

  const currentVersion = async (tx: Database, id: string): Promise<number> => {
    const [row] = await tx.select({ v: max(aggregateEvents.version) }).from(aggregateEvents).where(stream(id));
    return row?.v ?? 0;
  };

  return {
    version: (id) => currentVersion(db, id),

    async append(aggregateId, expectedVersion, events) {
      if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
        throw new RangeError(`expectedVersion must be a non-negative integer, got ${expectedVersion}`);
      }
      for (const event of events) {
        const owner = idOf(event);
        if (owner !== aggregateId) throw new AggregateIdMismatchError(aggregateId, event.eventId, owner);
      }
      events.forEach((event, i) => {
        const own = versionOf?.(event);
        if (own !== undefined && own !== expectedVersion + i + 1) throw new EventVersionMismatchError(aggregateId, event.eventId, own, expectedVersion + i + 1);
      });
      if (events.length === 0) return expectedVersion;
      try {
        await db.transaction(async (tx) => {
          const actual = await currentVersion(tx as unknown as Database, aggregateId);
          if (actual !== expectedVersion) throw new ConcurrencyError(aggregateType, aggregateId, expectedVersion, actual);
          if (rebuild) {
            const stored = await tx.select({ event: aggregateEvents.event }).from(aggregateEvents).where(stream(aggregateId)).orderBy(asc(aggregateEvents.version));
            rebuild([...stored.map((r) => r.event as E), ...events]);
          }
          const rows = events.map((event, i) => ({
            aggregateType,
            aggregateId,
            version: expectedVersion + i + 1,
            eventId: event.eventId,
            eventType: event.eventType,
            event,
          }));
          for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(aggregateEvents).values(rows.slice(i, i + CHUNK));
          if (options.outbox) {
            const pending = rows.map(({ version: _v, ...row }) => row);
            for (let i = 0; i < pending.length; i += CHUNK) await tx.insert(aggregateOutbox).values(pending.slice(i, i + CHUNK));
          }
        });
      } catch (error) {
        const violation = uniqueViolation(error);
        if (violation?.constraint === 'evc_aggregate_events_stream_version_key') {
          // Lost the race: another transaction stored the same version between our check and insert.
          throw new ConcurrencyError(aggregateType, aggregateId, expectedVersion, await currentVersion(db, aggregateId));
        }
        if (violation?.constraint === 'evc_aggregate_events_event_id_key') {
          // The driver does not say which row collided; name the batch's ids (usually a one-event retry).
          throw new DuplicateEventError(events.map((e) => e.eventId).join(', '));
        }
        throw error;
      }
      return expectedVersion + events.length;
    },

    async load(aggregateId, { afterVersion = 0 } = {}) {
      const rows = await db
        .select({ version: aggregateEvents.version, event: aggregateEvents.event })
        .from(aggregateEvents)
        .where(and(stream(aggregateId), gt(aggregateEvents.version, afterVersion)))
        .orderBy(asc(aggregateEvents.version));
      return { events: rows.map((r) => r.event as E), version: rows.at(-1)?.version ?? afterVersion };
    },
  };
}

