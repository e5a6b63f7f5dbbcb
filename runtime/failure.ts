import { createEnvelopeBuilder, validateEvent } from './envelope.ts';
import type { EnvelopeBuilder } from './envelope.ts';
import type { ContractData, EventEnvelope, FailureError } from './types.ts';

/**
 * Builds the seed's FailureEvent (`Platform.Event.Failed`): the envelope, a payload saying
 * who gave up after how many attempts, `error`, and `originalEvent` as received.
 * Causation is the failed event; correlation is inherited from it.
 */
export interface FailureContext {
  agent: string;
  /** The parsed event, or undefined when the bytes were not JSON. */
  original: unknown;
  /** The bytes as received (kept in details when the original cannot be carried as is). */
  raw: Uint8Array;
  error: FailureError;
  attempts: number;
  tenantId: string;
}

export type FailureEvent = EventEnvelope<{ handler: string; attempts: number; deadLettered: boolean }> & {
  error: FailureError;
  originalEvent: unknown;
};

const RAW_LIMIT = 16 * 1024;
const decoder = new TextDecoder();
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

export function createFailureBuilder(contract: ContractData, agent: string): (context: FailureContext) => FailureEvent {
  const builders = new Map<string, EnvelopeBuilder>();
  const builderFor = (tenantId: string): EnvelopeBuilder => {
    let b = builders.get(tenantId);
    if (b === undefined) {
      if (builders.size > 1000) builders.clear();
      b = createEnvelopeBuilder(contract, { agent, tenantId });
      builders.set(tenantId, b);
    }
    return b;
  };

  return (context) => {
    const original = asRecord(context.original);
    const eventId = typeof original?.eventId === 'string' ? original.eventId : undefined;
    const correlationId = typeof original?.correlationId === 'string' ? original.correlationId : undefined;
    const causedBy = eventId !== undefined && correlationId !== undefined ? { eventId, correlationId } : undefined;
    const envelope = builderFor(context.tenantId)(
      { handler: context.agent, attempts: context.attempts, deadLettered: false },
      causedBy ? { causedBy } : undefined,
    );
    const event: FailureEvent = { ...envelope, error: context.error, originalEvent: context.original ?? {} };
    // The failure contract requires originalEvent to be a BaseEvent. An event that broke its
    // own contract may not be one: replace the offending top-level fields with placeholders
    // (and keep the exact bytes in error.details.raw) rather than drop the failure record.
    // Validators may stop at the first error, so repair one field per round (at most every field).
    for (let round = 0; round < 12 && !contract.validate(event); round++) {
      const errors = contract.validate.errors ?? [];
      const broken = new Set<string>();
      for (const e of errors) {
        const m = /^\/originalEvent(?:\/([^/]+))?/.exec(e.instancePath);
        if (m) broken.add(m[1] ?? '');
        if (e.keyword === 'required' && e.instancePath === '/originalEvent') {
          broken.add(String((e.params as { missingProperty?: unknown }).missingProperty));
        }
      }
      if (broken.size === 0) break;
      const repairedSoFar = (event.error.details.originalEventRepaired as string[] | undefined) ?? [];
      for (const field of repairedSoFar) broken.add(field);
      event.originalEvent = repair(original, broken, envelope);
      event.error = { ...event.error, details: { ...event.error.details, originalEventRepaired: [...broken].sort(), raw: rawText(context.raw) } };
      if (causedBy === undefined) event.causationId = envelope.eventId;
    }
    validateEvent(contract, event);
    return event;
  };
}

function repair(original: Record<string, unknown> | undefined, broken: Set<string>, failure: EventEnvelope): Record<string, unknown> {
  const placeholders: Record<string, unknown> = {
    eventId: PLACEHOLDER_ID,
    eventType: 'Unknown.Event.Received',
    timestamp: failure.timestamp,
    version: '0.0.0',
    correlationId: failure.correlationId,
    causationId: failure.correlationId,
    metadata: { source: 'unknown', tenantId: failure.metadata.tenantId },
    payload: {},
  };
  if (original === undefined || broken.has('')) return placeholders;
  const out: Record<string, unknown> = { ...original };
  for (const field of broken) out[field] = field in placeholders ? placeholders[field] : undefined;
  for (const [field, value] of Object.entries(placeholders)) if (!(field in out)) out[field] = value;
  return out;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function rawText(raw: Uint8Array): string {
  const text = decoder.decode(raw.length > RAW_LIMIT ? raw.subarray(0, RAW_LIMIT) : raw);
  return raw.length > RAW_LIMIT ? `${text}…(${raw.length} bytes)` : text;
}
