/**
 * Plain-data types shared by the runtime and the code the generator emits. The runtime is
 * shipped inside client bundles, so this folder imports nothing outside itself except
 * `@nats-io/*` and node built-ins.
 */

/** One Ajv error, as Ajv (and its standalone output) reports it. */
export interface ValidationErrorLike {
  instancePath: string;
  keyword?: string;
  message?: string;
  params?: unknown;
  schemaPath?: string;
}

/** A compiled validator: Ajv standalone output `validate(data) → boolean` with `validate.errors`. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationErrorLike[] | null;
}

/** The seed's RetryStrategy (same shape as the catalog's `RetryPolicy`). */
export interface RetryPolicy {
  maxAttempts: number;
  backoff: 'exponential' | 'linear' | 'fixed';
  initialDelayMs: number;
  maxDelayMs: number;
  retryableErrors: readonly string[];
}

/**
 * What the generator emits per event contract: plain data plus the compiled validator.
 * The runtime never reads the AsyncAPI document.
 */
export interface ContractData {
  /** `Domain.Entity.Action`, e.g. `Prompt.Creation.Requested`. */
  eventType: string;
  /** The contract's semver version, e.g. `1.0.0`; its major selects the handler. */
  version: string;
  /** JSON pointer into the whole event, e.g. `/payload/promptId`. Absent: the eventId is the key. */
  partitionKey?: string;
  /** Validates the whole event (envelope + payload). */
  validate: Validator;
  /**
   * Optional: validates an event *built by this runtime's envelope builder* for this
   * contract. It skips the fields the builder sets itself (eventId, timestamp, eventType,
   * version) where the generator proved the schema accepts every value the builder can
   * produce, so it gives the same verdict and the same first error as `validate` on such
   * events. The producer uses it for `build`/`send`; never for events from elsewhere.
   */
  validateBuilt?: Validator;
  /** Per-contract override of the consumer's retry policy (`x-retry-policy` on the message). */
  retryPolicy?: RetryPolicy;
}

/** The seed's BaseEvent. */
export interface EventEnvelope<P = unknown> {
  eventId: string;
  eventType: string;
  timestamp: string;
  version: string;
  correlationId: string;
  causationId: string;
  metadata: EventMetadata;
  payload: P;
}

export interface EventMetadata {
  source: string;
  tenantId: string;
  userId?: string;
  sessionId?: string;
}

/** The seed's FailureEvent error part. */
export interface FailureError {
  code: string;
  message: string;
  details: Record<string, unknown>;
  retryable: boolean;
  retryAfter?: number;
}

/**
 * What a follow-up event inherits from the event that caused it: `correlationId`,
 * `causationId` (= its `eventId`) and, from its metadata, `tenantId`, `userId`, `sessionId`.
 * A received `EventEnvelope` is a Cause.
 */
export interface Cause {
  eventId: string;
  correlationId: string;
  metadata?: { tenantId?: string; userId?: string; sessionId?: string };
}

/**
 * Options a producer call accepts next to the payload. Inside a consumer's handler the event
 * being handled is the default cause, so follow-up events carry its context without passing
 * anything; an explicit field here overrides what is inherited, `root: true` starts a new flow.
 */
export interface SendOptions {
  /** The event this one is caused by (default inside a handler: the handled event). */
  causedBy?: Cause;
  /** Start a new flow even inside a handler: nothing is inherited. */
  root?: boolean;
  /** Explicit correlation id for a root event (ignored when there is a cause). */
  correlationId?: string;
  userId?: string;
  sessionId?: string;
  /** Overrides the producer's (or the cause's) tenant for this one event. */
  tenantId?: string;
}
