/**
 * Seed material for the runtime benchmarks: the committed generated contracts of every agent
 * (their Ajv standalone validators) and one example payload per event from the catalog.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalog } from '#catalog/load.ts';
import { createMemoryTransport, createProducerRuntime, type ContractData } from '#runtime/index.ts';
import { repoRoot } from '#test/support/conformance.ts';

export interface SeedEvent {
  contract: ContractData;
  payload: unknown;
  /** The whole-event JSON Schema of this event in the catalog (what the generator compiled). */
  schema: unknown;
}

/** Every event some agent sends (the FailureEvent excluded: the consumer builds it), with its example. */
export async function loadSeedEvents(): Promise<SeedEvent[]> {
  const catalog = await loadCatalog(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'));
  // Examples may be whole events (envelope + payload) or the payload part alone.
  const payloadOf = (example: unknown): unknown =>
    example !== null && typeof example === 'object' && 'eventId' in example && 'payload' in example ? (example as { payload: unknown }).payload : example;
  const examples = new Map(catalog.events.map((e) => [e.eventType, e.examples.length > 0 ? payloadOf(e.examples[0]) : undefined]));
  const contracts = new Map<string, ContractData>();
  for (const agent of readdirSync(path.join(repoRoot, 'generated')).sort()) {
    const file = path.join(repoRoot, 'generated', agent, 'contracts.ts');
    let mod: { sends?: readonly ContractData[] };
    try {
      mod = (await import(pathToFileURL(file).href)) as { sends?: readonly ContractData[] };
    } catch {
      continue; // not an agent client folder (e.g. generated/patterns)
    }
    for (const contract of mod.sends ?? []) if (!contracts.has(contract.eventType)) contracts.set(contract.eventType, contract);
  }
  const events: SeedEvent[] = [];
  for (const [eventType, contract] of [...contracts].sort(([a], [b]) => a.localeCompare(b))) {
    if (eventType === 'Platform.Event.Failed') continue;
    const payload = examples.get(eventType);
    if (payload === undefined) throw new Error(`the seed document has no example payload for ${eventType}; add one under its message's examples`);
    const schema = catalog.events.find((e) => e.eventType === eventType && e.version === contract.version)?.schema;
    if (schema === undefined) throw new Error(`the catalog has no ${eventType} ${contract.version}: regenerate generated/`);
    events.push({ contract, payload, schema });
  }
  if (events.length === 0) throw new Error('no generated contracts found under generated/: run `evc generate` first');
  return events;
}

/** Loads the generated contract of one event type (any agent that sends it). */
export async function seedContract(eventType: string): Promise<ContractData> {
  const event = (await loadSeedEvents()).find((e) => e.contract.eventType === eventType);
  if (!event) throw new Error(`no generated contract sends ${eventType}`);
  return event.contract;
}

/** The producer the runtime benches measure: every seed event, round robin, one option set. */
export async function seedProducer() {
  const seed = await loadSeedEvents();
  const producer = createProducerRuntime({ transport: createMemoryTransport(), agent: 'bench-agent', tenantId: 'acme', contracts: seed.map((s) => s.contract) });
  return { seed, producer, types: seed.map((s) => s.contract.eventType), payloads: seed.map((s) => s.payload), k: seed.length, options: { correlationId: 'req-bench' } };
}
