/**
 * The orchestrator's view of a saga: plain data, generated from `x-saga` (see
 * generated/patterns/<saga>.ts). Steps are request → outcome pairs: the seed's six saga
 * events are three steps, each opened by a request and completed by the next outcome.
 */

export interface SagaStepDefinition {
  /** 1-based step number. */
  readonly step: number;
  /** The request that opens the step (the first step's request is the saga's trigger). */
  readonly request: string;
  /** The outcome event that completes the step. */
  readonly completedBy: string;
  /** Failure events that fail this step (the `onFailure` of its compensation). */
  readonly failedBy: readonly string[];
  /** The compensating event the orchestrator emits when this step fails (the seed maps one per failure). */
  readonly compensation: string | null;
  /**
   * What the compensation does, derived from the document: `retry` when the step's own
   * handler receives it as a handler (Evaluation.Retry.Requested re-runs the evaluation, and
   * the saga waits for its outcome again), `compensate` when it undoes the step and ends the saga.
   */
  readonly onFailure: 'retry' | 'compensate';
  /** Attempts of the step the saga allows in all (the request's retry policy maxAttempts). */
  readonly maxAttempts: number;
  /**
   * Deadline for the outcome, from the request (or retry); a missed deadline is a failure of
   * the step. Derived from the request's retry budget: the handler may use every attempt
   * (per-attempt time × maxAttempts) plus every backoff delay between them.
   */
  readonly timeoutMs: number;
}

export interface SagaDefinition {
  readonly name: string;
  /** Agent id that runs the orchestrator (its producer sends requests and compensations). */
  readonly orchestrator: string;
  /** The event that starts an instance: the first step's request. */
  readonly trigger: string;
  readonly steps: readonly SagaStepDefinition[];
  /** The document's generic failure event (the seed's FailureEvent), if any. */
  readonly failureEvent: string | null;
  /** Every event type the orchestrator consumes (trigger, outcomes, failures). */
  readonly consumes: readonly string[];
  /** Every event type the orchestrator emits (requests after the first, compensations). */
  readonly emits: readonly string[];
}

/** The slice of a BaseEvent the decider reads. FailureEvents also carry `originalEvent`. */
export interface SagaInputEvent {
  eventId: string;
  eventType: string;
  correlationId: string;
  payload: unknown;
  metadata?: { tenantId?: string; userId?: string; sessionId?: string };
  originalEvent?: { eventId?: string; eventType?: string };
  error?: { code?: string; message?: string };
}

export interface RecordedEvent {
  eventId: string;
  payload: unknown;
}

/** `failed`: a retried step used up its attempts; the seed maps no further compensation. */
export type SagaStatus = 'running' | 'completed' | 'compensated' | 'failed';

export interface SagaFailure {
  step: number;
  cause: 'failure-event' | 'timeout';
  eventType: string | null;
  eventId: string | null;
  reason: string;
}

/** The persisted state of one saga instance (JSON-serialisable). */
export interface SagaState {
  sagaId: string;
  saga: string;
  status: SagaStatus;
  /** Index (0-based) of the step awaiting its outcome; `steps.length` once completed. */
  current: number;
  deadlineAt: string | null;
  startedAt: string;
  updatedAt: string;
  /** Tenant and user of the trigger: every command of the saga is published on their behalf. */
  context: { tenantId?: string; userId?: string; sessionId?: string };
  /** Commands issued so far; numbers the deterministic ids of the next ones. */
  issued: number;
  /** The latest event of each type the saga saw or emitted, for payload builders. */
  events: Record<string, RecordedEvent>;
  failure: SagaFailure | null;
  /** Attempts made so far of each retried step, by step number (absent: 1). */
  attempts?: Record<number, number>;
  /** The transitions taken, oldest first (for `evc`-side inspection and tests). */
  log: { at: string; eventType: string; eventId: string; transition: string }[];
}

/** An event the orchestrator must publish, fully decided: id, type, payload, causation. */
export interface SagaCommand {
  eventId: string;
  eventType: string;
  payload: unknown;
  causedBy: { eventId: string; correlationId: string };
  /**
   * Set when the command is the document's FailureEvent (it carries `error` and
   * `originalEvent` beside the envelope, so the edges build it with the failure builder).
   */
  failure?: { code: string; message: string; original: SagaInputEvent };
}

export type SagaInput = { kind: 'event'; event: SagaInputEvent } | { kind: 'timeout' };

export interface SagaDecision {
  /** Unchanged (same object) when the input does not concern this saga or is stale. */
  state: SagaState | undefined;
  commands: SagaCommand[];
  /** What happened, for logs and tests: 'started', 'advanced', 'retrying', 'completed', 'compensated', 'failed', 'refused', 'ignored:…'. */
  transition: string;
}
