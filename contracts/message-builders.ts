/**
 * Message builders for provider verification: given an event contract, produce the
 * exact event the provider agent would put on the wire for the contract's example
 * payload. The default uses the agent's **generated producer** (its envelope builder
 * and validation) over an in-memory transport and returns the bytes it published.
 * The catalog variant runs the same runtime producer with validators compiled from a
 * catalog, for documents without generated clients and for "what if the producer
 * changed" variants in tests.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { useRfc3339Formats } from '#catalog/string-formats.ts';
import type { Catalog, EventContract } from '#catalog/model.ts';
import { createMemoryTransport } from '#runtime/memory-transport.ts';
import { createFailureBuilder } from '#runtime/failure.ts';
import { createProducerRuntime, type ProducerRuntime } from '#runtime/producer.ts';
import type { ContractData } from '#runtime/types.ts';
import { envelopeExample, payloadExample } from './examples.ts';
import { generatedClientDir } from './generated-delivery.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Builds the wire event (parsed JSON) for one contract. */
export type BuildMessage = (event: EventContract) => Promise<unknown>;

export const TENANT = 'tenant-pact';

interface Transportish {
  stored: readonly { data: Uint8Array }[];
}

const lastPublished = (transport: Transportish): unknown => {
  const last = transport.stored.at(-1);
  if (!last) throw new Error('the producer published nothing');
  return JSON.parse(new TextDecoder().decode(last.data));
};

const example = (event: EventContract): unknown => {
  if (event.examples.length === 0) {
    throw new Error(`${event.eventType} ${event.version} has no payload example: add one to the message's "examples" so the provider can be verified`);
  }
  return payloadExample(event);
};

/**
 * The seed's FailureEvent is not sent through `producer.send`: the consumer runtime
 * publishes it (error + originalEvent, caused by the failed event) when it gives up.
 * It is recognised by its extra required top-level fields, not by name.
 */
export const isFailureEvent = (event: EventContract): boolean => {
  const required = (event.schema as { required?: unknown }).required;
  return Array.isArray(required) && required.includes('originalEvent') && required.includes('error');
};

/** Builds the failure event the agent's consumer runtime would publish, from the contract's example. */
function buildFailure(event: EventContract, agent: string, contract: ContractData): unknown {
  const envelope = envelopeExample(event);
  const payload = (payloadExample(event) ?? {}) as { attempts?: number };
  const error = (envelope.error ?? { code: 'HANDLER_ERROR', message: 'handler failed', details: {}, retryable: false }) as never;
  return createFailureBuilder(contract, agent)({
    agent,
    original: envelope.originalEvent,
    raw: new Uint8Array(),
    error,
    attempts: typeof payload.attempts === 'number' ? payload.attempts : 1,
    tenantId: TENANT,
  });
}

export const hasGeneratedProducer = (agent: string): boolean => existsSync(path.join(generatedClientDir(agent), 'producer.ts'));

/** The agent's generated producer: `createProducer({ transport, tenantId }).runtime.send(...)`. */
export async function generatedProducerBuilder(agent: string): Promise<BuildMessage> {
  const client = (await import(pathToFileURL(path.join(generatedClientDir(agent), 'index.ts')).href)) as {
    createProducer(options: { transport: unknown; tenantId: string }): { runtime: ProducerRuntime };
    createMemoryTransport(): Transportish & { close(): Promise<void> };
    failureContract?: ContractData;
  };
  return async (event) => {
    if (isFailureEvent(event)) {
      if (!client.failureContract) throw new Error(`the generated client of ${agent} has no failure contract (it receives no events), so it never publishes ${event.eventType}`);
      return buildFailure(event, agent, client.failureContract);
    }
    const transport = client.createMemoryTransport();
    const producer = client.createProducer({ transport, tenantId: TENANT });
    await producer.runtime.send(event.eventType, example(event));
    const wire = lastPublished(transport);
    await transport.close();
    return wire;
  };
}

/** The runtime producer with Ajv validators compiled from the catalog's event schemas. */
export function catalogProducerBuilder(catalog: Catalog, agent: string): BuildMessage {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  useRfc3339Formats(ajv); // the date/time semantics generated clients ship
  const contracts: ContractData[] = catalog.events
    .filter((e) => e.publishers.includes(agent))
    .map((e) => ({
      eventType: e.eventType,
      version: e.version,
      ...(e.partitionKey ? { partitionKey: e.partitionKey } : {}),
      validate: ajv.compile(e.schema as object) as ContractData['validate'],
    }));
  return async (event) => {
    if (isFailureEvent(event)) {
      const contract = contracts.find((c) => c.eventType === event.eventType && c.version === event.version);
      if (!contract) throw new Error(`${agent} does not publish ${event.eventType} ${event.version}`);
      return buildFailure(event, agent, contract);
    }
    const transport = createMemoryTransport();
    const producer = createProducerRuntime({ transport, agent, tenantId: TENANT, contracts: contracts.filter((c) => !isFailureEvent(catalog.events.find((e) => e.eventType === c.eventType)!)) });
    await producer.send(event.eventType, example(event));
    const wire = lastPublished(transport);
    await transport.close();
    return wire;
  };
}

/** The generated producer when `generated/<agent>/producer.ts` exists, else the catalog one. */
export async function producerBuilderFor(catalog: Catalog, agent: string, options: { source?: 'generated' | 'catalog' } = {}): Promise<BuildMessage> {
  const source = options.source ?? (hasGeneratedProducer(agent) ? 'generated' : 'catalog');
  return source === 'generated' ? generatedProducerBuilder(agent) : catalogProducerBuilder(catalog, agent);
}
