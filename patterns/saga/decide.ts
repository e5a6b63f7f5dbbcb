/**
 * The orchestrator's decision logic as one pure function `(state, input, now) → { state,
 * commands }`: no IO, no clock, no randomness (command ids are derived from the saga id).
 * The edges (patterns/saga/orchestrator.ts) load the state, call this, then persist the
 * new state and the commands in one transaction and publish the commands afterwards.
 *
 * Failure rule, from the seed's compensation map (PromptCreationFailed → PromptRollback,
 * EvaluationFailed → RetryEvaluation, OptimizationFailed → RestorePrevious): when step k
 * fails (its failure event, the generic FailureEvent about its request, or its deadline) the
 * orchestrator emits exactly one event, step k's compensation. A `retry` compensation
 * re-runs the step and the saga waits for its outcome again, up to the step's maxAttempts;
 * when they are used up the saga is `failed` with no further event (the seed maps none). A
 * `compensate` compensation undoes the step and ends the saga as `compensated`. A finished
 * saga ignores everything after, except a new trigger that reuses its correlationId, which
 * is refused with the document's FailureEvent (SAGA_CORRELATION_REUSED).
 */
import { sagaCommandId } from './event-id.ts';
import type {
  RecordedEvent,
  SagaCommand,
  SagaDecision,
  SagaDefinition,
  SagaFailure,
  SagaInput,
  SagaInputEvent,
  SagaState,
  SagaStepDefinition,
} from './types.ts';

export interface SagaBuildContext {
  sagaId: string;
  /** ISO timestamp of the decision. */
  now: string;
  /** The step being advanced to or compensated. */
  step: SagaStepDefinition;
  /** The event that caused this command (null for a deadline). */
  cause: SagaInputEvent | null;
  /** The latest event of each type seen or emitted by this saga (trigger, outcomes, requests). */
  events: Readonly<Record<string, RecordedEvent>>;
  failure: SagaFailure | null;
}

/** Builds the payload of one emitted event type; must be pure. */
export type SagaPayloadBuilder = (context: SagaBuildContext) => unknown;

export type SagaDecider = (state: SagaState | undefined, input: SagaInput, now: Date) => SagaDecision;

export class SagaBuilderMissingError extends Error {
  constructor(saga: string, missing: string[]) {
    super(`${saga}: no payload builder for ${missing.join(', ')}; the orchestrator emits these events and needs one builder each`);
    this.name = 'SagaBuilderMissingError';
  }
}

export function createSagaDecider(definition: SagaDefinition, builders: Readonly<Record<string, SagaPayloadBuilder>>): SagaDecider {
  const missing = definition.emits.filter((t) => typeof builders[t] !== 'function');
  if (missing.length) throw new SagaBuilderMissingError(definition.name, missing);
  const { steps } = definition;

  /** A second trigger on an existing saga's correlationId: refused loudly, never dropped. */
  const refuseReusedCorrelation = (state: SagaState, e: SagaInputEvent, now: string): SagaDecision => {
    const next: SagaState = { ...state, log: [...state.log, { at: now, eventType: e.eventType, eventId: e.eventId, transition: 'refused' }], updatedAt: now };
    if (!definition.failureEvent) return { state: next, commands: [], transition: 'refused' };
    const eventId = sagaCommandId(state.sagaId, next.issued);
    next.issued += 1;
    const message = `${definition.name} ${state.sagaId} already exists (${state.status}); a new ${definition.trigger} must use a new correlationId`;
    const command: SagaCommand = {
      eventId,
      eventType: definition.failureEvent,
      payload: null,
      causedBy: { eventId: e.eventId, correlationId: e.correlationId },
      failure: { code: 'SAGA_CORRELATION_REUSED', message, original: e },
    };
    return { state: next, commands: [command], transition: 'refused' };
  };

  return (state, input, nowDate) => {
    const now = nowDate.toISOString();
    const deadline = (ms: number) => new Date(nowDate.getTime() + ms).toISOString();
    const ignore = (why: string): SagaDecision => ({ state, commands: [], transition: `ignored:${why}` });

    if (!state) {
      if (input.kind !== 'event' || input.event.eventType !== definition.trigger) return ignore('no-saga');
      const e = input.event;
      const started: SagaState = {
        sagaId: e.correlationId,
        saga: definition.name,
        status: 'running',
        current: 0,
        deadlineAt: deadline(steps[0]!.timeoutMs),
        startedAt: now,
        updatedAt: now,
        context: { ...e.metadata },
        issued: 0,
        events: { [e.eventType]: { eventId: e.eventId, payload: e.payload } },
        failure: null,
        log: [{ at: now, eventType: e.eventType, eventId: e.eventId, transition: 'started' }],
      };
      return { state: started, commands: [], transition: 'started' };
    }
    if (input.kind === 'event' && input.event.eventType === definition.trigger) {
      const e = input.event;
      if (e.correlationId !== state.sagaId || state.events[definition.trigger]?.eventId === e.eventId) return ignore('duplicate-trigger');
      return refuseReusedCorrelation(state, e, now);
    }
    if (state.status !== 'running') return ignore(`saga-${state.status}`);

    const next: SagaState = { ...state, events: { ...state.events }, log: [...state.log], updatedAt: now };
    const commands: SagaCommand[] = [];
    const emit = (eventType: string, step: SagaStepDefinition, cause: SagaInputEvent | null, causeId: string) => {
      const payload = builders[eventType]!({ sagaId: state.sagaId, now, step, cause, events: next.events, failure: next.failure });
      const eventId = sagaCommandId(state.sagaId, next.issued);
      next.issued += 1;
      next.events[eventType] = { eventId, payload };
      commands.push({ eventId, eventType, payload, causedBy: { eventId: causeId, correlationId: state.sagaId } });
    };
    const fail = (failure: SagaFailure, cause: SagaInputEvent | null, causeId: string, trigger: { eventType: string; eventId: string }): SagaDecision => {
      const failed = steps[failure.step - 1]!;
      const attempts = state.attempts?.[failed.step] ?? 1;
      if (failed.onFailure === 'retry' && failed.compensation && attempts < failed.maxAttempts) {
        emit(failed.compensation, failed, cause, causeId);
        next.attempts = { ...state.attempts, [failed.step]: attempts + 1 };
        next.deadlineAt = deadline(failed.timeoutMs);
        next.log.push({ at: now, ...trigger, transition: 'retrying' });
        return { state: next, commands, transition: 'retrying' };
      }
      if (failed.onFailure === 'retry') {
        next.failure = { ...failure, reason: `${failure.reason} (attempt ${attempts} of ${failed.maxAttempts}: no retry left)` };
        next.status = 'failed';
      } else {
        next.failure = failure;
        if (failed.compensation) emit(failed.compensation, failed, cause, causeId);
        next.status = 'compensated';
      }
      next.deadlineAt = null;
      next.log.push({ at: now, ...trigger, transition: next.status });
      return { state: next, commands, transition: next.status };
    };

    const step = steps[state.current]!;
    // The request the step waits on: its own, or the retry request once it is being retried.
    const pending = step.onFailure === 'retry' && step.compensation && (state.attempts?.[step.step] ?? 1) > 1 ? step.compensation : step.request;
    const requestId = state.events[pending]?.eventId ?? null;

    if (input.kind === 'timeout') {
      if (!state.deadlineAt || now < state.deadlineAt) return ignore('not-due');
      const reason = `no ${step.completedBy} within ${step.timeoutMs} ms of ${pending}`;
      const causeId = requestId ?? state.log.at(-1)!.eventId;
      return fail({ step: step.step, cause: 'timeout', eventType: null, eventId: null, reason }, null, causeId, {
        eventType: 'timeout',
        eventId: causeId,
      });
    }

    const e = input.event;
    if (e.correlationId !== state.sagaId) return ignore('other-saga');
    if (e.eventType === step.completedBy) {
      next.events[e.eventType] = { eventId: e.eventId, payload: e.payload };
      if (state.current === steps.length - 1) {
        next.status = 'completed';
        next.current = steps.length;
        next.deadlineAt = null;
        next.log.push({ at: now, eventType: e.eventType, eventId: e.eventId, transition: 'completed' });
        return { state: next, commands, transition: 'completed' };
      }
      const following = steps[state.current + 1]!;
      emit(following.request, following, e, e.eventId);
      next.current = state.current + 1;
      next.deadlineAt = deadline(following.timeoutMs);
      next.log.push({ at: now, eventType: e.eventType, eventId: e.eventId, transition: 'advanced' });
      return { state: next, commands, transition: 'advanced' };
    }

    const isStepFailure = step.failedBy.includes(e.eventType);
    const isGenericFailure =
      e.eventType === definition.failureEvent &&
      e.originalEvent?.eventType === pending &&
      (requestId === null || e.originalEvent.eventId === requestId);
    if (isStepFailure || isGenericFailure) {
      const reason = e.error?.message ?? (e.payload as { error?: { message?: string } } | null)?.error?.message ?? e.eventType;
      next.events[e.eventType] = { eventId: e.eventId, payload: e.payload };
      return fail({ step: step.step, cause: 'failure-event', eventType: e.eventType, eventId: e.eventId, reason }, e, e.eventId, {
        eventType: e.eventType,
        eventId: e.eventId,
      });
    }
    return ignore('unexpected-event');
  };
}
