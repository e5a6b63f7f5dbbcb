/**
 * Renders one `x-aggregate` into a self-contained TypeScript module: the payload types, the
 * event union, a handler map that is a mapped type over the union's event types (so a
 * missing handler is a compile error, an extra one too), `applyEvent` and the seed's
 * `rehydrate = events.reduce(applyEvent, initialState)`. Pure: catalog in, text out.
 */
import type { Aggregate, Catalog } from '#catalog/model.ts';
import { checkAggregate } from './aggregate-events.ts';
import { PatternGenerationError } from './errors.ts';
import { generatedHeader } from './header.ts';
import { blockComment, identifier, lineComment, propertyAccess, stringLiteral as literal, templateText } from '#generators/render/escape.ts';
import { camelName, kebabName, pascalName, payloadTypeName } from './names.ts';
import { renderPayloadTypes } from './payload-types.ts';

export interface GeneratedFile {
  path: string;
  contents: string;
}

const problemMessage = (aggregate: Aggregate, p: ReturnType<typeof checkAggregate>['problems'][number]): [string, string] => {
  switch (p.kind) {
    case 'EVENT_UNKNOWN':
      return [`${aggregate.name} lists ${p.eventType}, which no message of the document declares`, 'add the message or remove it from x-aggregate.events'];
    case 'EVENT_LISTED_TWICE':
      return [`${aggregate.name} lists ${p.eventType} twice`, 'list each event once in x-aggregate.events'];
    case 'EVENT_NOT_ENVELOPED':
      return [`${p.event.eventType} is not built on the BaseEvent envelope, so it cannot be stored as an aggregate event`, 'use the BaseEvent envelope for the message'];
    case 'EVENT_WITHOUT_AGGREGATE_ID':
      return [`${p.event.eventType} has no required string payload field "${aggregate.idField}" (the ${aggregate.name} id)`, `add "${aggregate.idField}" to the payload's properties and required list`];
  }
};

export async function renderAggregate(catalog: Catalog, aggregate: Aggregate, dir = 'generated/patterns'): Promise<GeneratedFile> {
  const { events, problems } = checkAggregate(catalog, aggregate);
  const first = problems[0];
  if (first) {
    const [message, hint] = problemMessage(aggregate, first);
    throw new PatternGenerationError(message, 'event' in first ? first.event.source : aggregate.source, hint);
  }
  const A = identifier(pascalName(aggregate.name));
  const a = identifier(camelName(aggregate.name));
  const payloads = `${A}Payloads`;
  const types = events.map((e) => literal(e.eventType));
  const body = `${generatedHeader(catalog, `x-aggregate ${aggregate.name}`)}

// ---- Payloads (from the messages' payload schemas) ----

${await renderPayloadTypes(events, payloads)}

// ---- Events ----

/** The event types of ${blockComment(aggregate.name)}, in declaration order. */
export const ${a}EventTypes = [${types.join(', ')}] as const;
export type ${A}EventType = (typeof ${a}EventTypes)[number];

/** The seed's BaseEvent envelope around one ${blockComment(aggregate.name)} event. */
export interface ${A}Envelope<T extends ${A}EventType> {
  eventId: string;
  eventType: T;
  timestamp: string;
  version: string;
  correlationId: string;
  causationId: string;
  metadata: { source: string; tenantId: string; userId?: string; sessionId?: string };
  payload: ${payloads}[T];
}

/** Every event of ${blockComment(aggregate.name)}: a union discriminated by \`eventType\`. */
export type ${A}Event =
${events.map((e) => `  | ${A}Envelope<${literal(e.eventType)}>`).join('\n')};

${events.map((e) => `export type ${pascalName(e.eventType)}Event = ${A}Envelope<${literal(e.eventType)}>; // payload: ${lineComment(payloadTypeName(e.eventType))}`).join('\n')}

export type ${A}EventOf<T extends ${A}EventType> = Extract<${A}Event, { eventType: T }>;

/** ${blockComment(aggregate.name)} metadata from the document. */
export const ${a} = {
  name: ${literal(aggregate.name)},
  idField: ${literal(aggregate.idField)},
  eventTypes: ${a}EventTypes,
} as const;

/** The aggregate id of an event (payload.${blockComment(aggregate.idField)}). */
export const ${a}IdOf = (event: ${A}Event): string => event.payload${propertyAccess(aggregate.idField)};

export const is${A}Event = (event: { eventType: string }): event is ${A}Event =>
  (${a}EventTypes as readonly string[]).includes(event.eventType);

// ---- Reducer ----

/**
 * One handler per event type. This is a mapped type over the union: forgetting a handler
 * (or keeping one for a removed event) is a compile error, not a production surprise.
 */
export type ${A}Handlers<S> = {
  readonly [T in ${A}EventType]: (state: S, event: ${A}EventOf<T>) => S;
};

/** Thrown by applyEvent for an event type this generated reducer does not know. */
export class Unhandled${A}EventError extends Error {
  readonly code = 'AGGREGATE_EVENT_UNHANDLED';
  constructor(readonly eventType: string) {
    super(\`${templateText(aggregate.name)} has no handler for event type "\${eventType}"; known: \${${a}EventTypes.join(', ')}. Regenerate the patterns after changing x-aggregate.\`);
    this.name = 'Unhandled${A}EventError';
  }
}

export interface ${A}Reducer<S> {
  readonly initialState: S;
  applyEvent(state: S, event: ${A}Event): S;
  /** The seed's state reconstruction: \`events.reduce(applyEvent, initialState)\`. */
  rehydrate(events: readonly ${A}Event[], from?: S): S;
}

export function define${A}Reducer<S>(handlers: ${A}Handlers<S>, initialState: S): ${A}Reducer<S> {
  const table = handlers as unknown as Readonly<Record<string, ((state: S, event: ${A}Event) => S) | undefined>>;
  const applyEvent = (state: S, event: ${A}Event): S => {
    const handle = Object.hasOwn(table, event.eventType) ? table[event.eventType] : undefined;
    if (handle === undefined) throw new Unhandled${A}EventError(event.eventType);
    return handle(state, event);
  };
  return {
    initialState,
    applyEvent,
    rehydrate: (events, from = initialState) => events.reduce(applyEvent, from),
  };
}
`;
  return { path: `${dir}/${kebabName(aggregate.name)}.ts`, contents: body };
}
