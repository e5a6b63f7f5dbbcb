/**
 * The patterns' own tables, next to (never inside) the registry's: the append-only event
 * store for aggregates, and the saga orchestrator's instances, processed-event log and
 * outbox. Migrations: `npx drizzle-kit generate --config patterns/drizzle.config.ts`,
 * applied with the migrations table `__evc_patterns_migrations` (see patterns/db/migrate.ts).
 */
import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per stored aggregate event. `(aggregate_type, aggregate_id, version)` is unique:
 * that constraint is the optimistic-concurrency guard, so two writers that both read
 * version N can never both store version N+1.
 */
export const aggregateEvents = pgTable(
  'evc_aggregate_events',
  {
    position: bigserial('position', { mode: 'number' }).primaryKey(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    version: integer('version').notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    event: jsonb('event').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('evc_aggregate_events_stream_version_key').on(t.aggregateType, t.aggregateId, t.version),
    unique('evc_aggregate_events_event_id_key').on(t.eventId),
    check('evc_aggregate_events_version_positive', sql`${t.version} > 0`),
  ],
);

/** One row per saga instance; `state` is the pure decider's state, `revision` bumps per transition. */
export const sagaInstances = pgTable(
  'evc_saga_instances',
  {
    sagaId: text('saga_id').primaryKey(),
    sagaName: text('saga_name').notNull(),
    status: text('status').notNull(),
    state: jsonb('state').notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true, mode: 'date' }),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('evc_saga_instances_deadline_idx').on(t.status, t.deadlineAt)],
);

/**
 * Events a saga has already applied, written in the same transaction as the state change:
 * a redelivered event finds its row and changes nothing.
 */
export const sagaProcessedEvents = pgTable(
  'evc_saga_processed_events',
  {
    sagaId: text('saga_id')
      .notNull()
      .references(() => sagaInstances.sagaId, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sagaId, t.eventId] })],
);

/**
 * Transactional outbox: commands (fully built, validated events) decided in a transition are
 * stored with it and published afterwards. A crash between commit and publish leaves the row
 * unpublished; the restarted orchestrator publishes it with the same eventId, which the
 * broker deduplicates (`Nats-Msg-Id`), so no step is requested twice.
 */
export const sagaOutbox = pgTable(
  'evc_saga_outbox',
  {
    position: bigserial('position', { mode: 'number' }).primaryKey(),
    sagaId: text('saga_id')
      .notNull()
      .references(() => sagaInstances.sagaId, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull().unique('evc_saga_outbox_event_id_key'),
    eventType: text('event_type').notNull(),
    event: jsonb('event').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('evc_saga_outbox_pending_idx').on(t.publishedAt, t.position)],
);

/**
 * Aggregate events waiting to be published, written in the same transaction as the append:
 * an event is stored and published, or neither. A publisher drains it in position order
 * (per-aggregate order kept) with the event's own eventId, so a republished row is dropped by
 * the broker's de-duplication.
 */
export const aggregateOutbox = pgTable(
  'evc_aggregate_outbox',
  {
    position: bigserial('position', { mode: 'number' }).primaryKey(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    eventId: uuid('event_id').notNull().unique('evc_aggregate_outbox_event_id_key'),
    eventType: text('event_type').notNull(),
    event: jsonb('event').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('evc_aggregate_outbox_pending_idx').on(t.publishedAt, t.position)],
);

export type AggregateEventRow = typeof aggregateEvents.$inferSelect;
export type SagaInstanceRow = typeof sagaInstances.$inferSelect;
export type SagaOutboxRow = typeof sagaOutbox.$inferSelect;
