/**
 * Renders one `x-saga` into a self-contained TypeScript module: the payload types of every
 * saga event, the typed definition (steps in order, the outcome that completes each, its
 * failure events, its compensation) and a builder map type over the events the orchestrator
 * emits, so a missing payload builder is a compile error. Pure: catalog in, text out.
 */
import type { Catalog, Saga } from '#catalog/model.ts';
import { PatternGenerationError } from './errors.ts';
import { generatedHeader } from './header.ts';
import { camelName, kebabName, literal, pascalName } from './names.ts';
import { renderPayloadTypes } from './payload-types.ts';
import type { GeneratedFile } from './render-aggregate.ts';
import { deriveSagaDefinition } from './saga-definition.ts';

const list = (items: readonly string[]) => `[${items.map(literal).join(', ')}]`;

export async function renderSaga(catalog: Catalog, saga: Saga, dir = 'generated/patterns'): Promise<GeneratedFile> {
  const { definition: d, problems } = deriveSagaDefinition(catalog, saga);
  const first = problems[0];
  if (first) {
    const at = { ...saga.source, pointer: `${saga.source.pointer}${first.pointer}` };
    throw new PatternGenerationError(first.message, at, first.hint);
  }
  if (!d.orchestrator) {
    throw new PatternGenerationError(`${saga.name} has no orchestrator`, saga.source, 'set x-saga.orchestrator to the agent id that runs it');
  }
  const S = pascalName(saga.name);
  const s = camelName(saga.name);
  const involved = [...new Set([...d.consumes, ...d.emits])];
  const events = involved.map((t) => catalog.events.find((e) => e.eventType === t)!);
  const payloads = `${S}Payloads`;

  const steps = d.steps
    .map(
      (st) => `    {
      step: ${st.step},
      request: ${literal(st.request)},
      completedBy: ${literal(st.completedBy)},
      failedBy: ${list(st.failedBy)},
      compensation: ${st.compensation === null ? 'null' : literal(st.compensation)},
      onFailure: ${literal(st.onFailure)},
      maxAttempts: ${st.maxAttempts},
      timeoutMs: ${st.timeoutMs},
    },`,
    )
    .join('\n');

  const body = `${generatedHeader(catalog, `x-saga ${saga.name}`)}

// ---- Payloads of the saga's events ----

${await renderPayloadTypes(events, payloads)}

// ---- Definition ----

/**
 * ${saga.name}: each step is opened by its request and completed by its outcome.
 * On a failure of step k the orchestrator emits the compensation of step k, then those of
 * steps k-1 … 1 (reverse order). A step whose outcome misses its deadline has failed.
 */
export const ${s} = {
  name: ${literal(d.name)},
  orchestrator: ${literal(d.orchestrator)},
  trigger: ${literal(d.trigger)},
  steps: [
${steps}
  ],
  failureEvent: ${d.failureEvent === null ? 'null' : literal(d.failureEvent)},
  consumes: ${list(d.consumes)},
  emits: ${list(d.emits)},
} as const;

export type ${S}Definition = typeof ${s};
/** Events the orchestrator consumes: the trigger, the outcomes and the failures. */
export type ${S}Consumes = (typeof ${s}.consumes)[number];
/** Events the orchestrator emits: the requests after the trigger and the compensations. */
export type ${S}Emits = (typeof ${s}.emits)[number];

// ---- Payload builders ----

/** What a builder sees: the saga's events so far (latest of each type), typed by event type. */
export interface ${S}BuildContext {
  sagaId: string;
  now: string;
  step: ${S}Definition['steps'][number];
  cause: { eventId: string; eventType: string; correlationId: string; payload: unknown } | null;
  events: { readonly [T in keyof ${payloads}]?: { eventId: string; payload: ${payloads}[T] } };
  failure: { step: number; cause: 'failure-event' | 'timeout'; eventType: string | null; eventId: string | null; reason: string } | null;
}

/**
 * One pure payload builder per emitted event. A mapped type: forgetting the builder of a new
 * step's request or compensation is a compile error.
 */
export type ${S}Builders = {
  readonly [T in ${S}Emits]: (context: ${S}BuildContext) => ${payloads}[T];
};
`;
  return { path: `${dir}/${kebabName(saga.name)}.ts`, contents: body };
}
