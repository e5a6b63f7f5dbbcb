import { createEnvelopeBuilder, validateEvent } from './envelope.ts';
import type { EnvelopeBuilder } from './envelope.ts';
import { normalizeErrorCode } from './retry.ts';
import type { Cause, ContractData, EventEnvelope, FailureError } from './types.ts';

/**
 * Builds the seed's FailureEvent (`Platform.Event.Failed`): the envelope, a payload saying
 * who gave up after how many attempts, `error`, and `originalEvent` as received.
 * Causation is the failed event; correlation is inherited from it. The result is valid by
 * construction: any error code is normalised (the original kept in details.originalCode), and
 * when the original's ids cannot be carried the failure gets fresh ids of its own.
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
  /** The consumer's own tenant, used when the original's tenant cannot be carried (default UNKNOWN_TENANT). */
  defaultTenantId?: string;
  /** True when the original was copied to the dead-letter stream. */
  deadLettered?: boolean;
}

export type FailureEvent = EventEnvelope<{ handler: string; attempts: number; deadLettered: boolean }> & {
  error: FailureError;
  originalEvent: unknown;
};

const RAW_LIMIT = 16 * 1024;
const decoder = new TextDecoder();
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';
/** The tenant of a failure whose original tenant cannot be carried, when the consumer has none of its own (as consumer.ts uses). */
export const UNKNOWN_TENANT = 'unknown';

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

  const assemble = (context: FailureContext, error: FailureError, causedBy: Cause | undefined, tenantId: string): FailureEvent => {
    const envelope = builderFor(tenantId)(
      { handler: context.agent, attempts: Math.max(1, Math.floor(context.attempts) || 1), deadLettered: context.deadLettered === true },
      // A failure is never inherited from whatever handler scope this runs in: its cause is
      // the failed event, or nothing (root) when that event's ids cannot be carried.
      causedBy ? { causedBy } : { root: true },
    );
    return { ...envelope, error, originalEvent: context.original ?? {} };
  };

  return (context) => {
    const original = asRecord(context.original);
    const error = safeError(context.error);
    const eventId = typeof original?.eventId === 'string' ? original.eventId : undefined;
    const correlationId = typeof original?.correlationId === 'string' ? original.correlationId : undefined;
    const cause = eventId !== undefined && correlationId !== undefined ? { eventId, correlationId } : undefined;
    let event = assemble(context, error, cause, context.tenantId);
    if (!contract.validate(event) && envelopeBroken(contract.validate.errors)) {
      // The original's ids or tenant cannot be carried (a malformed correlationId, say): the
      // failure starts a flow of its own with fresh ids and the consumer's default tenant, so
      // the CONTRACT_VIOLATION is still reported. The original stays in originalEvent/raw.
      const fresh = { ...error, details: { ...error.details, originalContextUnusable: true } };
      event = assemble(context, fresh, undefined, context.defaultTenantId ?? UNKNOWN_TENANT);
    }
    // The failure contract requires originalEvent to be a BaseEvent. An event that broke its
    // own contract may not be one: replace the offending top-level fields with placeholders
    // (and keep the exact bytes in error.details.raw) rather than drop the failure record.
    // Validators may stop at the first error, so repair one field per round (at most every field).
    for (let round = 0; round < 12 && !contract.validate(event); round++) {
      const broken = brokenOriginalFields(contract.validate.errors ?? []);
      if (broken.size === 0) break;
      const repairedSoFar = (event.error.details.originalEventRepaired as string[] | undefined) ?? [];
      for (const field of repairedSoFar) broken.add(field);
      event.originalEvent = repair(original, broken, event);
      event.error = { ...event.error, details: { ...event.error.details, originalEventRepaired: [...broken].sort(), raw: rawText(context.raw) } };
    }
    if (!contract.validate(event)) {
      // Last resort, still a valid failure: the original only as raw text.
      event.originalEvent = repair(undefined, new Set(['']), event);
      event.error = { ...event.error, details: { ...event.error.details, originalEventRepaired: ['*'], raw: rawText(context.raw) } };
    }
    validateEvent(contract, event);
    return event;
  };
}

/** The error part made valid by construction: an UPPER_SNAKE code, a message, JSON details. */
function safeError(error: FailureError): FailureError {
  const { code, original } = normalizeErrorCode(error.code);
  const details = asRecord(error.details) ? { ...error.details } : {};
  if (original !== undefined && details.originalCode === undefined) details.originalCode = original;
  const out: FailureError = {
    code,
    message: typeof error.message === 'string' && error.message !== '' ? error.message : `${code} (no message)`,
    details,
    retryable: error.retryable === true,
  };
  if (typeof error.retryAfter === 'number' && Number.isFinite(error.retryAfter)) out.retryAfter = Math.max(0, Math.round(error.retryAfter));
  return out;
}

/** Errors outside /originalEvent: the failure's own envelope (ids, tenant) is what is wrong. */
function envelopeBroken(errors: readonly { instancePath: string }[] | null | undefined): boolean {
  return (errors ?? []).some((e) => e.instancePath !== '' && !e.instancePath.startsWith('/originalEvent'));
}

function brokenOriginalFields(errors: readonly { instancePath: string; keyword?: string; params?: unknown }[]): Set<string> {
  const broken = new Set<string>();
  for (const e of errors) {
    const m = /^\/originalEvent(?:\/([^/]+))?/.exec(e.instancePath);
    if (m) broken.add(m[1] ?? '');
    if (e.keyword === 'required' && e.instancePath === '/originalEvent') {
      broken.add(String((e.params as { missingProperty?: unknown }).missingProperty));
    }
  }
  return broken;
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
