/**
 * The orchestrator's decision logic as one pure function `(state, input, now) → { state,
 * commands }`: no IO, no clock, no randomness (command ids are derived from the saga id).
 * The edges (patterns/saga/orchestrator.ts) load the state, call this, then persist the
 * new state and the commands in one transaction and publish the commands afterwards.
 *
 * Failure rule: when step k fails (its failure event, the generic FailureEvent about its
 * request, or its deadline), the orchestrator emits the compensation of step k (the seed
 * maps each failure event to it) and then those of the completed steps k-1 … 1, in that
 * reverse order. A finished saga ignores everything after.
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
    const compensate = (failure: SagaFailure, cause: SagaInputEvent | null, causeId: string, trigger: { eventType: string; eventId: string }): SagaDecision => {
      next.failure = failure;
      for (let i = failure.step - 1; i >= 0; i--) {
        const s = steps[i]!;
        if (s.compensation) emit(s.compensation, s, cause, causeId);
      }
      next.status = 'compensated';
      next.deadlineAt = null;
      next.log.push({ at: now, ...trigger, transition: 'compensated' });
      return { state: next, commands, transition: 'compensated' };
    };

    const step = steps[state.current]!;
    const requestId = state.events[step.request]?.eventId ?? null;

    if (input.kind === 'timeout') {
      if (!state.deadlineAt || now < state.deadlineAt) return ignore('not-due');
      const reason = `no ${step.completedBy} within ${step.timeoutMs} ms of ${step.request}`;
      const causeId = requestId ?? state.log.at(-1)!.eventId;
      return compensate({ step: step.step, cause: 'timeout', eventType: null, eventId: null, reason }, null, causeId, {
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
      e.originalEvent?.eventType === step.request &&
      (requestId === null || e.originalEvent.eventId === requestId);
    if (isStepFailure || isGenericFailure) {
      const reason = e.error?.message ?? (e.payload as { error?: { message?: string } } | null)?.error?.message ?? e.eventType;
      next.events[e.eventType] = { eventId: e.eventId, payload: e.payload };
      return compensate({ step: step.step, cause: 'failure-event', eventType: e.eventType, eventId: e.eventId, reason }, e, e.eventId, {
        eventType: e.eventType,
        eventId: e.eventId,
      });
    }
    return ignore('unexpected-event');
  };
}
