/**
 * Turns a catalog `x-saga` into the orchestrator's SagaDefinition, and lists what is wrong
 * with it. Pairing rule: the first step and every step the orchestrator publishes is a
 * request; the next step it does not publish is that request's outcome. Compensations
 * attach to a step by `step:` (request or outcome event), else by the failure event's
 * `Domain.Entity` (Evaluation.Execution.Failed → Evaluation.Execution.Requested).
 * Shared by the generator (which refuses problems) and the lint rules (which report them).
 */
import type { Catalog, EventContract, Saga } from '#catalog/model.ts';
import { backoffDelay, defaultRetryPolicy } from '#runtime/retry.ts';
import type { RetryPolicy } from '#runtime/types.ts';
import type { SagaDefinition, SagaStepDefinition } from '../saga/types.ts';

export type SagaProblemKind =
  | 'SAGA_STEP_EVENT_UNKNOWN'
  | 'SAGA_COMPENSATION_EVENT_UNKNOWN'
  | 'SAGA_STEP_WITHOUT_COMPENSATION'
  | 'SAGA_STEP_WITHOUT_OUTCOME'
  | 'SAGA_COMPENSATION_STEP_UNKNOWN';

export interface SagaProblem {
  kind: SagaProblemKind;
  message: string;
  hint: string;
  /** JSON pointer relative to the `x-saga` object, e.g. `/steps/2`. */
  pointer: string;
}

const entity = (eventType: string) => eventType.split('.').slice(0, 2).join('.');

/** The orchestrator: `x-saga.orchestrator`, else the one agent that publishes every compensation. */
export function sagaOrchestrator(catalog: Catalog, saga: Saga): string | null {
  const declared = (saga as Saga & { orchestrator?: unknown }).orchestrator;
  if (typeof declared === 'string' && declared) return declared;
  const publishers = saga.compensations.map((c) => catalog.events.find((e) => e.eventType === c.compensation)?.publishers ?? []);
  const common = publishers[0]?.filter((p) => publishers.every((ps) => ps.includes(p))) ?? [];
  return common.length === 1 ? common[0]! : null;
}

/**
 * A compensation re-runs its step when the step's handler receives it as a handler too
 * (`x-role: handler`): Evaluation.Retry.Requested goes to evaluation-engine, the handler of
 * Evaluation.Execution.Requested. One that handlers receive as `compensation` undoes the step.
 */
function retriesStep(byType: ReadonlyMap<string, EventContract>, request: string, compensation: string): boolean {
  const handlers = (eventType: string) => (byType.get(eventType)?.subscribers ?? []).filter((s) => s.role === 'handler').map((s) => s.agent);
  const stepHandlers = handlers(request);
  return handlers(compensation).some((agent) => stepHandlers.includes(agent));
}

/**
 * A step's deadline covers its handler's whole retry budget: every attempt may take the
 * per-attempt time (`x-saga.stepTimeoutMs`), and every backoff delay between attempts is
 * waited too, so the saga never times out a retry that the handler is still entitled to.
 */
export function stepDeadlineMs(policy: RetryPolicy, perAttemptMs: number): number {
  let total = perAttemptMs * policy.maxAttempts;
  for (let attempt = 1; attempt < policy.maxAttempts; attempt++) total += backoffDelay(policy, attempt);
  return total;
}

export function deriveSagaDefinition(catalog: Catalog, saga: Saga): { definition: SagaDefinition; problems: SagaProblem[] } {
  const byType = new Map(catalog.events.map((e) => [e.eventType, e]));
  const orchestrator = sagaOrchestrator(catalog, saga) ?? '';
  const problems: SagaProblem[] = [];
  const known = (t: string) => byType.has(t);
  const ordered = [...saga.steps].sort((a, b) => a.order - b.order);

  ordered.forEach((s, i) => {
    if (!known(s.eventType)) {
      problems.push({
        kind: 'SAGA_STEP_EVENT_UNKNOWN',
        message: `${saga.name} step ${s.order} names ${s.eventType}, which no message of the document declares`,
        hint: `declare a message with x-event-type ${s.eventType}, or fix the step's event type`,
        pointer: `/steps/${i}`,
      });
    }
  });

  // Pair requests with outcomes.
  const pairs: { request: string; requestIndex: number; completedBy: string | null }[] = [];
  ordered.forEach((s, i) => {
    const isRequest = i === 0 || (byType.get(s.eventType)?.publishers ?? []).includes(orchestrator);
    const open = pairs.at(-1);
    if (isRequest || !open || open.completedBy !== null) pairs.push({ request: s.eventType, requestIndex: i, completedBy: null });
    else open.completedBy = s.eventType;
  });

  const steps: SagaStepDefinition[] = [];
  const attached = new Set<number>();
  pairs.forEach((p, n) => {
    if (p.completedBy === null) {
      problems.push({
        kind: 'SAGA_STEP_WITHOUT_OUTCOME',
        message: `${saga.name} step ${ordered[p.requestIndex]!.order} (${p.request}) is a request with no outcome step after it`,
        hint: `follow it with the event that completes it (published by another agent than ${orchestrator || 'the orchestrator'})`,
        pointer: `/steps/${p.requestIndex}`,
      });
    }
    const comps = saga.compensations
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => (c.step ? c.step === p.request || c.step === p.completedBy : entity(c.onFailure) === entity(p.request)));
    comps.forEach(({ i }) => attached.add(i));
    const first = comps[0]?.c;
    if (!first) {
      problems.push({
        kind: 'SAGA_STEP_WITHOUT_COMPENSATION',
        message: `${saga.name} step ${ordered[p.requestIndex]!.order} (${p.request}) has no compensation`,
        hint: `add { onFailure: <failure event>, compensation: <compensating event>, step: ${p.request} } to x-saga.compensations`,
        pointer: `/steps/${p.requestIndex}`,
      });
    }
    const policy = byType.get(p.request)?.retryPolicy ?? catalog.retryPolicy ?? defaultRetryPolicy;
    steps.push({
      step: n + 1,
      request: p.request,
      completedBy: p.completedBy ?? '',
      failedBy: comps.map(({ c }) => c.onFailure),
      compensation: first?.compensation ?? null,
      onFailure: first && retriesStep(byType, p.request, first.compensation) ? 'retry' : 'compensate',
      maxAttempts: policy.maxAttempts,
      timeoutMs: stepDeadlineMs(policy, saga.stepTimeoutMs ?? 30_000),
    });
  });

  saga.compensations.forEach((c, i) => {
    for (const [field, t] of [['onFailure', c.onFailure], ['compensation', c.compensation]] as const) {
      if (!known(t)) {
        problems.push({
          kind: 'SAGA_COMPENSATION_EVENT_UNKNOWN',
          message: `${saga.name} compensation ${i + 1} names ${t} as ${field}, which no message of the document declares`,
          hint: `declare a message with x-event-type ${t}, or fix the name`,
          pointer: `/compensations/${i}/${field}`,
        });
      }
    }
    if (!attached.has(i)) {
      problems.push({
        kind: 'SAGA_COMPENSATION_STEP_UNKNOWN',
        message: `${saga.name} compensation ${i + 1} (${c.onFailure} → ${c.compensation}) belongs to no step${c.step ? `: ${c.step} is not a step` : ''}`,
        hint: `set step: to one of ${pairs.map((p) => p.request).join(', ')}`,
        pointer: `/compensations/${i}${c.step ? '/step' : ''}`,
      });
    }
  });

  const failureEvent =
    catalog.events.find((e) => {
      const props = typeof e.schema === 'object' ? (e.schema.properties as Record<string, unknown> | undefined) : undefined;
      return Boolean(props?.originalEvent && props.error);
    })?.eventType ?? null;
  const consumes = [...new Set([...steps.flatMap((s, i) => [...(i === 0 ? [s.request] : []), s.completedBy, ...s.failedBy]), ...(failureEvent ? [failureEvent] : [])])].filter(Boolean);
  const emits = [...new Set([...steps.slice(1).map((s) => s.request), ...steps.flatMap((s) => (s.compensation ? [s.compensation] : []))])];
  return {
    definition: { name: saga.name, orchestrator, trigger: steps[0]?.request ?? '', steps, failureEvent, consumes, emits },
    problems,
  };
}
