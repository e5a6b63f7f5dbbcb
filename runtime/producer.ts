import { createEnvelopeBuilder, validateEvent } from './envelope.ts';
import type { EnvelopeBuilder } from './envelope.ts';
import { ContractViolationError } from './errors.ts';
import { compilePointer } from './json-pointer.ts';
import type { PointerReader } from './json-pointer.ts';
import { eventTypeTokens, keyToken } from './subjects.ts';
import type { Transport } from './transport.ts';
import type { ContractData, EventEnvelope, SendOptions } from './types.ts';

export interface ProducerRuntimeOptions {
  transport: Transport;
  /** Publishing agent id → `metadata.source`. */
  agent: string;
  /** Default `metadata.tenantId`. */
  tenantId: string;
  /** The events this agent sends, one contract per event type. */
  contracts: readonly ContractData[];
}

export interface ProducerRuntime {
  /** Builds the envelope and validates it. Throws ContractViolationError; never sends. */
  build<P>(eventType: string, payload: P, options?: SendOptions): EventEnvelope<P>;
  /** `build` then publish; resolves with the event once the broker has stored it. */
  send<P>(eventType: string, payload: P, options?: SendOptions): Promise<EventEnvelope<P>>;
  /** Validates an already-built event and publishes it (same eventId → de-duplicated). */
  publish(event: EventEnvelope): Promise<void>;
}

interface Entry {
  contract: ContractData;
  build: EnvelopeBuilder;
  readKey: PointerReader | undefined;
  subjectBase: string;
}

export function createProducerRuntime(options: ProducerRuntimeOptions): ProducerRuntime {
  const { transport } = options;
  const entries = new Map<string, Entry>();
  for (const contract of options.contracts) {
    if (entries.has(contract.eventType)) {
      throw new Error(`producer for "${options.agent}" got two contracts for ${contract.eventType}: a producer sends exactly one version of each event`);
    }
    entries.set(contract.eventType, {
      contract,
      build: createEnvelopeBuilder(contract, options),
      readKey: contract.partitionKey === undefined ? undefined : compilePointer(contract.partitionKey),
      subjectBase: `${transport.prefix}.${eventTypeTokens(contract.eventType)}.`,
    });
  }

  const entryFor = (eventType: string): Entry => {
    const entry = entries.get(eventType);
    if (entry === undefined) {
      throw new Error(
        `agent "${options.agent}" does not send ${JSON.stringify(eventType)}; it sends: ${[...entries.keys()].sort().join(', ') || '(nothing)'}`,
      );
    }
    return entry;
  };

  const partitionKeyOf = (entry: Entry, event: EventEnvelope): string => {
    if (entry.readKey === undefined) return event.eventId;
    const key = entry.readKey(event);
    if (typeof key === 'string' && key !== '') return key;
    if (typeof key === 'number') return String(key);
    throw new ContractViolationError(entry.contract.eventType, entry.contract.version, [
      { pointer: entry.contract.partitionKey!, message: 'is the partition key and must be a non-empty string or a number' },
    ]);
  };

  const publishEvent = (entry: Entry, event: EventEnvelope): Promise<void> => {
    const partitionKey = partitionKeyOf(entry, event);
    return transport.publish({
      subject: entry.subjectBase + keyToken(partitionKey),
      // Buffer.from takes small strings from a shared pool: cheaper than TextEncoder here.
      data: Buffer.from(JSON.stringify(event), 'utf8'),
      msgId: event.eventId,
      partitionKey,
    });
  };

  const build = <P>(eventType: string, payload: P, sendOptions?: SendOptions): EventEnvelope<P> => {
    const entry = entryFor(eventType);
    const event = entry.build(payload, sendOptions);
    validateEvent(entry.contract, event, entry.contract.validateBuilt);
    return event;
  };

  return {
    build,
    async send<P>(eventType: string, payload: P, sendOptions?: SendOptions) {
      const entry = entryFor(eventType);
      const event = entry.build(payload, sendOptions);
      validateEvent(entry.contract, event, entry.contract.validateBuilt);
      await publishEvent(entry, event as EventEnvelope);
      return event;
    },
    async publish(event: EventEnvelope) {
      const entry = entryFor(event.eventType);
      validateEvent(entry.contract, event);
      await publishEvent(entry, event);
    },
  };
}
