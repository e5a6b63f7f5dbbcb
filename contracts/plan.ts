/**
 * The pact plan of a catalog: one pact per (subscriber agent, publishing agent) pair,
 * one asynchronous-message interaction per event the consumer receives from that
 * provider. Pure and deterministic (sorted), so generated tests and pact files are
 * reproducible byte for byte.
 */
import type { Catalog, EventContract } from '#catalog/model.ts';
import { buildPactBody } from './pact-body.ts';
import type { MatcherJson } from './matchers.ts';
import { interactionDescription, pactFileName, providerStateName } from './names.ts';
import { readSetOf, type ReadSet } from './read-set.ts';

export interface InteractionPlan {
  description: string;
  providerState: string;
  eventType: string;
  version: string;
  /** The subscriber's receive operation, for reports. */
  operationId: string;
  role: string;
  reads: ReadSet;
  /** Pact integration JSON: example values with `pact:matcher:type` objects. */
  body: MatcherJson;
}

export interface PactPlan {
  consumer: string;
  provider: string;
  file: string;
  interactions: InteractionPlan[];
}

/** Only JSON Schema (and AsyncAPI Schema) payloads can be matched field by field. */
const pactable = (event: EventContract): boolean => !/avro|protobuf|raml|xsd/i.test(event.schemaFormat);

export function planPacts(catalog: Catalog): PactPlan[] {
  const pairs = new Map<string, PactPlan>();
  const events = [...catalog.events].filter(pactable).sort((a, b) => a.eventType.localeCompare(b.eventType) || a.version.localeCompare(b.version));
  for (const event of events) {
    for (const provider of [...event.publishers].sort()) {
      for (const subscriber of [...event.subscribers].sort((a, b) => a.agent.localeCompare(b.agent) || a.operationId.localeCompare(b.operationId))) {
        if (subscriber.agent === provider) continue; // an agent does not contract with itself
        const key = `${subscriber.agent}\u0000${provider}`;
        const plan = pairs.get(key) ?? { consumer: subscriber.agent, provider, file: pactFileName(subscriber.agent, provider), interactions: [] };
        pairs.set(key, plan);
        const description = interactionDescription(event.eventType, event.version);
        // Two receive operations of one agent on one event share the interaction: union of reads.
        const existing = plan.interactions.find((i) => i.description === description);
        const reads = readSetOf(event, subscriber);
        if (existing) {
          const merged: ReadSet = { ...existing.reads, payload: [...new Set([...existing.reads.payload, ...reads.payload])].sort() };
          existing.reads = merged;
          existing.body = buildPactBody(event, merged, provider);
          continue;
        }
        plan.interactions.push({
          description,
          providerState: providerStateName(provider, event.eventType),
          eventType: event.eventType,
          version: event.version,
          operationId: subscriber.operationId,
          role: subscriber.role,
          reads,
          body: buildPactBody(event, reads, provider),
        });
      }
    }
  }
  return [...pairs.values()].sort((a, b) => a.file.localeCompare(b.file));
}
