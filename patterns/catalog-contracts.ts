/**
 * Runtime `ContractData` for chosen events of a catalog, with validators compiled by Ajv at
 * start-up. The generated clients ship precompiled standalone validators instead; this is
 * for the orchestrator and tests that work from any document without a generation step.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Catalog } from '#catalog/model.ts';
import { useRfc3339Formats } from '#catalog/string-formats.ts';
import type { ContractData } from '#runtime/index.ts';

export function catalogContracts(catalog: Catalog, eventTypes: readonly string[]): ContractData[] {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  useRfc3339Formats(ajv); // the date/time semantics generated clients ship
  return eventTypes.map((eventType) => {
    const event = catalog.events.find((e) => e.eventType === eventType);
    if (!event) {
      throw new Error(`no event ${eventType} in ${catalog.source.file}; known: ${catalog.events.map((e) => e.eventType).join(', ')}`);
    }
    const { $schema: _s, $id: _i, ...schema } = event.schema as Record<string, unknown>;
    return {
      eventType,
      version: event.version,
      ...(event.partitionKey ? { partitionKey: event.partitionKey } : {}),
      validate: ajv.compile(schema),
      ...(event.retryPolicy ? { retryPolicy: event.retryPolicy } : {}),
    };
  });
}
