/**
 * The generation plan: which events each agent's client sends and receives, and the
 * identifiers used for them. Names are assigned once per catalog (not per agent), so
 * `PromptCreationRequestedEvent` means the same type in every agent's client.
 */
import type { Agent, Catalog, EventContract } from '#catalog/model.ts';
import { isSafeName, nameProblem } from '#catalog/names.ts';
import { GenerationError } from './errors.ts';
import { identifier } from './escape.ts';
import { findFailureEvent } from './failure.ts';
import { compareVersions, isVersion, majorOf, versionProblem } from '#compat/semver.ts';
import { camelCase, pascalCase, splitWords, uniqueNamer } from './naming.ts';

export interface EventPlan {
  contract: EventContract;
  major: number;
  /** `PromptCreationRequested`, with a `V2` suffix when the catalog holds several majors of the type. */
  base: string;
  /** Method name on `producer.send` / key of typed handlers, e.g. `promptCreationRequested`. */
  method: string;
  eventType: string;
  payloadType: string;
  validator: string;
}

export interface AgentPlan {
  agent: string;
  /** Folder name of the client (the agent id, made path-safe). */
  folder: string;
  description?: string;
  sends: EventPlan[];
  receives: EventPlan[];
  /** Every event the client touches (sends ∪ receives), in stable order. */
  events: EventPlan[];
  /** The failure event its consumer publishes (see failure.ts); absent when it receives nothing. */
  failure?: EventPlan;
  /** Events that get a validator: `events` plus the failure event. */
  validated: EventPlan[];
  /** Why no producer / consumer is generated (the runtime needs enveloped events), if so. */
  producerSkipped?: string;
  consumerSkipped?: string;
}

export interface CatalogPlan {
  catalog: Catalog;
  events: EventPlan[];
  agents: AgentPlan[];
}

/** JSON Schema payloads are supported; AsyncAPI's default format is a JSON Schema superset. */
const SUPPORTED_FORMAT = /^application\/(vnd\.aai\.asyncapi(\+json|\+yaml)?|schema(\+json|\+yaml)?)(;.*)?$/;

export const isSupportedSchemaFormat = (format: string): boolean => !format || SUPPORTED_FORMAT.test(format);

/**
 * Versions are release versions (compat/semver.ts): a pre-release would otherwise be ordered,
 * and a producer pinned, by rules nobody else applies. `evc lint` reports the same message.
 */
function checkVersion(event: EventContract): void {
  if (!isVersion(event.version)) {
    throw new GenerationError(`x-version of ${event.eventType}: ${versionProblem(event.version)}`, event.source, 'fix the x-version of the message; `evc lint` lists every such version');
  }
}

export const compareEvents = (a: EventContract, b: EventContract): number =>
  a.eventType < b.eventType ? -1 : a.eventType > b.eventType ? 1 : compareVersions(a.version, b.version) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function checkSupported(event: EventContract): void {
  if (!isSupportedSchemaFormat(event.schemaFormat)) {
    const kind = /avro/i.test(event.schemaFormat) ? 'an Avro' : /protobuf/i.test(event.schemaFormat) ? 'a Protobuf' : 'a';
    throw new GenerationError(
      `message "${event.name}" (${event.eventType}) has ${kind} payload (schemaFormat ${event.schemaFormat}); the TypeScript generator only supports JSON Schema and AsyncAPI Schema payloads`,
      event.source,
      'convert the payload to JSON Schema, or generate only the agents that do not use this message (--agent NAME)',
    );
  }
}

/**
 * The client folder of an agent: its id, which the catalog loader has already checked against
 * the name grammar (catalog/names.ts). Checked again here because a folder name that is not a
 * plain name (`..`, `a/b`) would let the writer touch files outside `--out`.
 */
function folderOf(id: string): string {
  if (!isSafeName(id)) {
    throw new GenerationError(`agent id ${JSON.stringify(id)} cannot be a folder name: ${nameProblem(id)}`, undefined, 'rename the agent (letters, digits, ".", "-", "_"); `evc lint` shows where it is declared');
  }
  return id;
}

/** Agents to generate: the catalog's agents, or one client for the whole document when it names none. */
function agentsOf(catalog: Catalog): Agent[] {
  if (catalog.agents.length > 0) return [...catalog.agents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const id = splitWords(catalog.title).join('-').toLowerCase() || 'client';
  const sends = catalog.events.filter((e) => e.publishers.length > 0).map((e) => e.eventType);
  const receives = catalog.events.filter((e) => e.subscribers.length > 0).map((e) => e.eventType);
  return [{ id, description: `All operations of "${catalog.title}"`, sends, receives }];
}

export function planCatalog(catalog: Catalog, options: { agent?: string } = {}): CatalogPlan {
  const name = uniqueNamer();
  for (const e of catalog.events) checkVersion(e);
  const sorted = [...catalog.events].sort(compareEvents);
  const majorsPerType = new Map<string, Set<number>>();
  for (const e of sorted) majorsPerType.set(e.eventType, (majorsPerType.get(e.eventType) ?? new Set()).add(majorOf(e.version)));
  const events = sorted.map((contract): EventPlan => {
    const major = majorOf(contract.version);
    const several = (majorsPerType.get(contract.eventType)?.size ?? 1) > 1;
    const base = name(`${pascalCase(contract.eventType)}${several ? `V${major}` : ''}`);
    return {
      contract,
      major,
      base,
      method: camelCase(base),
      // Derived from [A-Za-z0-9] words only; checked so a naming bug can never emit code.
      eventType: identifier(`${base}Event`),
      payloadType: identifier(`${base}Payload`),
      validator: identifier(`validate${base}`),
    };
  });
  const byType = (types: string[]): EventPlan[] => events.filter((e) => types.includes(e.contract.eventType));
  let agents = agentsOf(catalog);
  if (options.agent !== undefined) {
    const wanted = options.agent;
    agents = agents.filter((a) => a.id === wanted);
    if (agents.length === 0) {
      throw new GenerationError(
        `unknown agent "${wanted}"`,
        undefined,
        `valid agents: ${agentsOf(catalog).map((a) => a.id).join(', ') || '(none)'}`,
      );
    }
  }
  const plans = agents.map((agent): AgentPlan => {
    // A producer sends exactly one version of each event type: the latest in the document.
    const sends = byType(agent.sends).filter((e, _i, all) => !all.some((o) => o.contract.eventType === e.contract.eventType && compareVersions(o.contract.version, e.contract.version) > 0));
    const receives = byType(agent.receives);
    const all = events.filter((e) => sends.includes(e) || receives.includes(e));
    for (const e of all) checkSupported(e.contract);
    const failure = receives.length > 0 ? findFailureEvent(events) : undefined;
    const notEnveloped = (list: EventPlan[]) => list.filter((e) => !e.contract.enveloped).map((e) => e.contract.eventType);
    const producerSkipped = notEnveloped(sends).length
      ? `its events ${notEnveloped(sends).join(', ')} do not use the BaseEvent envelope the runtime sends`
      : undefined;
    const consumerSkipped = notEnveloped(receives).length
      ? `its events ${notEnveloped(receives).join(', ')} do not use the BaseEvent envelope the runtime receives`
      : receives.length > 0 && !failure
        ? 'the document declares no failure event (an enveloped message with `error` and `originalEvent`) to publish when a handler gives up'
        : undefined;
    return {
      agent: agent.id,
      folder: folderOf(agent.id),
      ...(agent.description !== undefined ? { description: agent.description } : {}),
      sends,
      receives,
      events: all,
      ...(failure ? { failure } : {}),
      validated: failure && !all.includes(failure) ? [...all, failure] : all,
      ...(producerSkipped ? { producerSkipped } : {}),
      ...(consumerSkipped ? { consumerSkipped } : {}),
    };
  });
  return { catalog, events, agents: plans };
}
