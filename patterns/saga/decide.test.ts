import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from '#test/fixtures/patterns/catalog.ts';
import { deriveSagaDefinition } from '../codegen/saga-definition.ts';
import { createSagaDecider, SagaBuilderMissingError, type SagaPayloadBuilder } from './decide.ts';
import type { SagaInputEvent, SagaState } from './types.ts';

const catalog = fixtureCatalog();
const { definition, problems } = deriveSagaDefinition(catalog, catalog.sagas[0]!);

const builders: Record<string, SagaPayloadBuilder> = {
  'Evaluation.Execution.Requested': (c) => ({ promptId: (c.cause!.payload as { promptId: string }).promptId, revision: 1 }),
  'Optimization.Execution.Requested': (c) => ({ promptId: (c.cause!.payload as { promptId: string }).promptId, baseRevision: 1 }),
  'Prompt.Creation.RolledBack': (c) => ({ reason: c.failure!.reason }),
  'Evaluation.Retry.Requested': (c) => ({ promptId: 'p1', attempt: 2, requestEventId: c.events['Evaluation.Execution.Requested']!.eventId }),
  'Prompt.Version.Restored': () => ({ promptId: 'p1', restoredRevision: 1 }),
};
const decide = createSagaDecider(definition, builders);
const T0 = new Date('2026-11-27T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SAGA = 'corr-1';
const ev = (eventType: string, payload: unknown = { promptId: 'p1' }, extra: Partial<SagaInputEvent> = {}): SagaInputEvent => ({
  eventId: randomUUID(),
  eventType,
  correlationId: SAGA,
  payload,
  ...extra,
});

/** Runs events through the decider, returning the final state and every command in order. */
function run(events: SagaInputEvent[]) {
  let state: SagaState | undefined;
  const commands: { eventType: string; causationId: string; correlationId: string; eventId: string }[] = [];
  events.forEach((event, i) => {
    const d = decide(state, { kind: 'event', event }, at(i * 10));
    state = d.state;
    for (const c of d.commands) commands.push({ eventType: c.eventType, causationId: c.causedBy.eventId, correlationId: c.causedBy.correlationId, eventId: c.eventId });
  });
  return { state: state!, commands };
}

const trigger = () => ev('Prompt.Creation.Requested', { description: 'x' });

describe('saga definition from x-saga', () => {
  it('pairs the six seed steps into three request → outcome steps with their compensations', () => {
    expect(definition.steps.map((s) => s.onFailure), 'the retry is handled by the step handler; the others undo').toEqual(['compensate', 'retry', 'compensate']);
    expect(problems, 'the fixture saga is well-formed').toEqual([]);
    expect(definition.steps.map((s) => [s.request, s.completedBy, s.failedBy, s.compensation])).toEqual([
      ['Prompt.Creation.Requested', 'Prompt.Draft.Created', ['Prompt.Creation.Failed'], 'Prompt.Creation.RolledBack'],
      ['Evaluation.Execution.Requested', 'Evaluation.Execution.Completed', ['Evaluation.Execution.Failed'], 'Evaluation.Retry.Requested'],
      ['Optimization.Execution.Requested', 'Prompt.Optimization.Completed', ['Optimization.Execution.Failed'], 'Prompt.Version.Restored'],
    ]);
    expect(definition.failureEvent, 'the event with error + originalEvent is the generic FailureEvent').toBe('Platform.Event.Failed');
    expect(definition.emits).toEqual(['Evaluation.Execution.Requested', 'Optimization.Execution.Requested', 'Prompt.Creation.RolledBack', 'Evaluation.Retry.Requested', 'Prompt.Version.Restored']);
  });
});

describe('decide (pure saga transitions)', () => {
  it('runs the happy path: each outcome emits the next request, correlation kept, causation chained', () => {
    const t = trigger();
    const draft = ev('Prompt.Draft.Created', { promptId: 'p1', revision: 1 });
    const evaluated = ev('Evaluation.Execution.Completed', { promptId: 'p1', score: 0.9 });
    const optimized = ev('Prompt.Optimization.Completed', { promptId: 'p1', optimizedRevision: 2 });
    const { state, commands } = run([t, draft, evaluated, optimized]);
    expect(state.status, 'all three steps completed').toBe('completed');
    expect(commands.map((c) => [c.eventType, c.causationId]), 'each request is caused by the outcome before it').toEqual([
      ['Evaluation.Execution.Requested', draft.eventId],
      ['Optimization.Execution.Requested', evaluated.eventId],
    ]);
    expect(new Set(commands.map((c) => c.correlationId)), 'the saga keeps one correlationId').toEqual(new Set([SAGA]));
    expect(state.log.map((l) => l.transition)).toEqual(['started', 'advanced', 'advanced', 'completed']);
    expect(state.deadlineAt, 'a finished saga has no deadline').toBeNull();
  });

  // The seed (../shared/seed/event-contracts.md), word for word:
  //   Compensations:
  //     - PromptCreationFailed → PromptRollback
  //     - EvaluationFailed → RetryEvaluation
  //     - OptimizationFailed → RestorePrevious
  // One compensation per failure; RetryEvaluation retries, the other two end the saga.
  const failures = [
    { why: 'PromptCreationFailed → PromptRollback', upTo: 1, failure: 'Prompt.Creation.Failed', expected: ['Prompt.Creation.RolledBack'], status: 'compensated' },
    { why: 'EvaluationFailed → RetryEvaluation (and nothing else)', upTo: 2, failure: 'Evaluation.Execution.Failed', expected: ['Evaluation.Retry.Requested'], status: 'running' },
    { why: 'OptimizationFailed → RestorePrevious (and nothing else)', upTo: 3, failure: 'Optimization.Execution.Failed', expected: ['Prompt.Version.Restored'], status: 'compensated' },
  ];
  const outcomes = ['Prompt.Draft.Created', 'Evaluation.Execution.Completed'];

  it.each(failures)('$why', ({ upTo, failure, expected, status }) => {
    const f = ev(failure, { promptId: 'p1', reason: 'boom', attempt: 1 });
    const { state, commands } = run([trigger(), ...outcomes.slice(0, upTo - 1).map((t) => ev(t)), f]);
    const compensations = commands.slice(upTo - 1);
    expect(compensations.map((c) => c.eventType), 'exactly the one compensation the seed maps this failure to').toEqual(expected);
    expect(compensations[0]!.causationId, 'caused by the failure event').toBe(f.eventId);
    expect(state.status).toBe(status);
  });

  it('RetryEvaluation really retries: the saga waits for the retried evaluation and goes on with its result', () => {
    const failure = ev('Evaluation.Execution.Failed', { promptId: 'p1', attempt: 1 });
    const retried = ev('Evaluation.Execution.Completed', { promptId: 'p1', score: 0.95 });
    const { state, commands } = run([trigger(), ev('Prompt.Draft.Created'), failure, retried]);
    expect(commands.map((c) => c.eventType), 'no rollback: the retry succeeded, so the flow continues').toEqual([
      'Evaluation.Execution.Requested',
      'Evaluation.Retry.Requested',
      'Optimization.Execution.Requested',
    ]);
    expect(commands[2]!.causationId, 'the optimization follows from the retried evaluation').toBe(retried.eventId);
    expect(state.events['Evaluation.Execution.Completed']!.payload, "the retry's result is what the saga keeps").toEqual({ promptId: 'p1', score: 0.95 });
    expect(state.log.map((l) => l.transition)).toEqual(['started', 'advanced', 'retrying', 'advanced']);
  });

  it('retries within the retry policy: when the attempts are used up the saga fails, with no rollback', () => {
    const step = definition.steps[1]!;
    expect(step.maxAttempts, "the evaluation request's retry policy").toBe(3);
    const evaluationFailures = Array.from({ length: step.maxAttempts }, (_, i) => ev('Evaluation.Execution.Failed', { promptId: 'p1', attempt: i + 1 }));
    const { state, commands } = run([trigger(), ev('Prompt.Draft.Created'), ...evaluationFailures]);
    expect(commands.filter((c) => c.eventType === 'Evaluation.Retry.Requested'), 'one retry per failure until the attempts run out').toHaveLength(step.maxAttempts - 1);
    expect(commands.map((c) => c.eventType), 'the seed maps no rollback to an evaluation failure').not.toContain('Prompt.Creation.RolledBack');
    expect(state).toMatchObject({ status: 'failed', deadlineAt: null, failure: { step: 2, cause: 'failure-event' } });
    expect(state.failure!.reason).toMatch(/attempt 3 of 3: no retry left/);
  });

  it.each(failures)('a missed deadline at step $upTo is that step failing', ({ upTo, expected, status }) => {
    const { state } = run([trigger(), ...outcomes.slice(0, upTo - 1).map((t) => ev(t))]);
    expect(decide(state, { kind: 'timeout' }, new Date(Date.parse(state.deadlineAt!) - 1)).transition, 'one ms early is not due').toBe('ignored:not-due');
    const d = decide(state, { kind: 'timeout' }, new Date(state.deadlineAt!));
    expect(d.commands.map((c) => c.eventType)).toEqual(expected);
    expect(d.state!.status).toBe(status);
    const request = state.events[definition.steps[upTo - 1]!.request]!.eventId;
    expect(d.commands[0]!.causedBy.eventId, 'a timeout is caused by the request that went unanswered').toBe(request);
  });

  it("a step's deadline covers its handler's whole retry budget", () => {
    const step = definition.steps[1]!;
    // The evaluator may fail maxAttempts times, each attempt taking up to stepTimeoutMs, waiting
    // its backoff in between (1 s, 2 s with the fixture's exponential policy): 3 × 30 s + 3 s.
    expect(step.timeoutMs, 'the saga must not time out a retry the evaluator is still running').toBe(3 * 30_000 + 1_000 + 2_000);
    expect(definition.steps[0]!.timeoutMs, "the document default policy (the seed's 3 attempts) applies elsewhere").toBeGreaterThanOrEqual(30_000);
  });

  it('treats the generic FailureEvent about the current request as that step failing', () => {
    const s = run([trigger(), ev('Prompt.Draft.Created')]).state;
    const requestId = s.events['Evaluation.Execution.Requested']!.eventId;
    const failure = ev('Platform.Event.Failed', { handler: 'evaluator' }, { originalEvent: { eventId: requestId, eventType: 'Evaluation.Execution.Requested' }, error: { code: 'TIMEOUT', message: 'gave up' } });
    const other = ev('Platform.Event.Failed', { handler: 'x' }, { originalEvent: { eventId: randomUUID(), eventType: 'Evaluation.Execution.Requested' } });
    expect(decide(s, { kind: 'event', event: other }, T0).transition, 'a FailureEvent about another request is not ours').toBe('ignored:unexpected-event');
    const d = decide(s, { kind: 'event', event: failure }, T0);
    expect(d.commands.map((c) => c.eventType)).toEqual(['Evaluation.Retry.Requested']);
    // Once retried, a FailureEvent about the retry request is the step failing again.
    const retryId = d.state!.events['Evaluation.Retry.Requested']!.eventId;
    const again = ev('Platform.Event.Failed', { handler: 'evaluator' }, { originalEvent: { eventId: retryId, eventType: 'Evaluation.Retry.Requested' }, error: { code: 'TIMEOUT', message: 'gave up again' } });
    expect(decide(d.state, { kind: 'event', event: again }, T0).transition).toBe('retrying');
  });

  it('refuses a new trigger that reuses a finished saga\'s correlationId with a FailureEvent, instead of dropping it', () => {
    const first = trigger();
    const { state } = run([first, ev('Prompt.Creation.Failed', { reason: 'x' })]);
    expect(decide(state, { kind: 'event', event: first }, T0).transition, 'a redelivered trigger is a duplicate').toBe('ignored:duplicate-trigger');
    const reuse = trigger();
    const d = decide(state, { kind: 'event', event: reuse }, T0);
    expect(d.transition).toBe('refused');
    expect(d.commands).toEqual([
      expect.objectContaining({ eventType: 'Platform.Event.Failed', failure: expect.objectContaining({ code: 'SAGA_CORRELATION_REUSED', original: reuse }) }),
    ]);
    expect(d.state!.status, 'the finished saga is left as it was').toBe('compensated');
  });

  it('is deterministic: the same transition decided twice yields the same command ids', () => {
    const s = run([trigger()]).state;
    const draft = ev('Prompt.Draft.Created');
    const [a, b] = [decide(s, { kind: 'event', event: draft }, T0), decide(s, { kind: 'event', event: draft }, T0)];
    expect(a).toEqual(b);
    expect(a.commands[0]!.eventId, 'ids are UUID-v4 shaped, as the envelope requires').toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(s.events['Prompt.Draft.Created'], 'deciding never mutates the input state').toBeUndefined();
  });

  const ignored = [
    { why: 'an outcome without a saga', state: () => undefined, event: () => ev('Prompt.Draft.Created'), transition: 'ignored:no-saga' },
    { why: 'a stale outcome of an earlier step', state: () => run([trigger(), ev('Prompt.Draft.Created')]).state, event: () => ev('Prompt.Draft.Created'), transition: 'ignored:unexpected-event' },
    { why: 'a failure of a completed step', state: () => run([trigger(), ev('Prompt.Draft.Created')]).state, event: () => ev('Prompt.Creation.Failed', { reason: 'late' }), transition: 'ignored:unexpected-event' },
    { why: 'anything after completion', state: () => run([trigger(), ...outcomes.map((t) => ev(t)), ev('Prompt.Optimization.Completed')]).state, event: () => ev('Optimization.Execution.Failed'), transition: 'ignored:saga-completed' },
    { why: 'anything after compensation', state: () => run([trigger(), ev('Prompt.Creation.Failed', { reason: 'x' })]).state, event: () => ev('Prompt.Draft.Created'), transition: 'ignored:saga-compensated' },
  ];
  it.each(ignored)('ignores $why without commands', ({ state, event, transition }) => {
    const s = state();
    const d = decide(s, { kind: 'event', event: event() }, T0);
    expect(d.transition).toBe(transition);
    expect(d.commands).toEqual([]);
    expect(d.state, 'the state is returned unchanged').toBe(s);
  });

  it('refuses to build a decider with a missing payload builder', () => {
    const { 'Prompt.Version.Restored': _, ...partial } = builders;
    expect(() => createSagaDecider(definition, partial)).toThrow(SagaBuilderMissingError);
    expect(() => createSagaDecider(definition, partial)).toThrow(/no payload builder for Prompt\.Version\.Restored/);
  });
});
