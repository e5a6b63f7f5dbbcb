/** Typed errors of the event store; each says what happened and what the caller should do. */

/**
 * An append was based on a stale version of the aggregate: someone else appended first.
 * Nothing was written. Reload the aggregate, re-decide, and append again.
 */
export class ConcurrencyError extends Error {
  readonly code = 'AGGREGATE_VERSION_CONFLICT';
  constructor(
    readonly aggregateType: string,
    readonly aggregateId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      `${aggregateType} ${aggregateId}: expected version ${expectedVersion} but the stream is at ${actualVersion}; ` +
        'nothing was appended. Reload the aggregate, re-apply the command and append again.',
    );
    this.name = 'ConcurrencyError';
  }
}

/** An event with this eventId is already stored (a retried append after success). */
export class DuplicateEventError extends Error {
  readonly code = 'AGGREGATE_EVENT_DUPLICATE';
  constructor(readonly eventIds: string) {
    super(`event(s) ${eventIds} already stored; an append is not idempotent, reload the aggregate instead of retrying it`);
    this.name = 'DuplicateEventError';
  }
}

/** An event being appended to one aggregate's stream carries another aggregate's id. */
export class AggregateIdMismatchError extends Error {
  readonly code = 'AGGREGATE_ID_MISMATCH';
  constructor(
    readonly aggregateId: string,
    readonly eventId: string,
    readonly eventAggregateId: unknown,
  ) {
    super(`event ${eventId} belongs to aggregate ${JSON.stringify(eventAggregateId)}, not ${aggregateId}; append it to its own stream`);
    this.name = 'AggregateIdMismatchError';
  }
}

/** An event's own version (e.g. `payload.sequence`) is not the version it would be stored at. */
export class EventVersionMismatchError extends Error {
  readonly code = 'AGGREGATE_EVENT_VERSION_MISMATCH';
  constructor(
    readonly aggregateId: string,
    readonly eventId: string,
    readonly eventVersion: number,
    readonly storeVersion: number,
  ) {
    super(`event ${eventId} of ${aggregateId} says it is version ${eventVersion} but would be stored as version ${storeVersion}; build it from the current state`);
    this.name = 'EventVersionMismatchError';
  }
}
