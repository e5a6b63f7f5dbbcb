import { uuidV4 } from './uuid.ts';
import { ContractViolationError, toViolations } from './errors.ts';
import type { ContractData, EventEnvelope, EventMetadata, SendOptions } from './types.ts';

export interface EnvelopeDefaults {
  /** Publishing agent → `metadata.source`. */
  agent: string;
  /** Default `metadata.tenantId`. */
  tenantId: string;
}

export type EnvelopeBuilder = <P>(payload: P, options?: SendOptions) => EventEnvelope<P>;

/**
 * Returns a builder with every per-contract part precomputed. Per event it allocates only
 * the event object (and a metadata object when user/session/tenant differ from the default).
 *
 * Root-event rule: without `causedBy`, `correlationId` is `options.correlationId` or the
 * event's own id, and `causationId` is the event's own id (a root event is its own cause).
 */
export function createEnvelopeBuilder(contract: ContractData, defaults: EnvelopeDefaults): EnvelopeBuilder {
  const { eventType, version } = contract;
  const staticMetadata: EventMetadata = Object.freeze({ source: defaults.agent, tenantId: defaults.tenantId });
  return <P>(payload: P, options?: SendOptions): EventEnvelope<P> => {
    const eventId = uuidV4();
    let correlationId = eventId;
    let causationId = eventId;
    let metadata = staticMetadata;
    if (options !== undefined) {
      const causedBy = options.causedBy;
      if (causedBy !== undefined) {
        correlationId = causedBy.correlationId;
        causationId = causedBy.eventId;
      } else if (options.correlationId !== undefined) {
        correlationId = options.correlationId;
      }
      if (options.userId !== undefined || options.sessionId !== undefined || options.tenantId !== undefined) {
        metadata = { source: defaults.agent, tenantId: options.tenantId ?? defaults.tenantId };
        if (options.userId !== undefined) metadata.userId = options.userId;
        if (options.sessionId !== undefined) metadata.sessionId = options.sessionId;
      }
    }
    return { eventId, eventType, timestamp: utcNow(), version, correlationId, causationId, metadata, payload };
  };
}

let lastMillis = 0;
let lastStamp = '';

/** ISO-8601 UTC timestamp, formatted at most once per millisecond. */
export function utcNow(): string {
  const now = Date.now();
  if (now !== lastMillis) {
    lastMillis = now;
    lastStamp = new Date(now).toISOString();
  }
  return lastStamp;
}

/**
 * Throws ContractViolationError (with the JSON pointers) when the event breaks its contract.
 * `validate` defaults to the full validator; the producer passes the contract's
 * `validateBuilt` for events its own builder made (see ContractData.validateBuilt).
 */
export function validateEvent(contract: ContractData, event: unknown, validate = contract.validate): void {
  if (!validate(event)) {
    throw new ContractViolationError(contract.eventType, contract.version, toViolations(validate.errors));
  }
}

/** `1.4.2` → 1. Returns NaN for a malformed version. */
export function majorOf(version: string): number {
  const dot = version.indexOf('.');
  const head = dot === -1 ? version : version.slice(0, dot);
  return /^\d+$/.test(head) ? Number(head) : Number.NaN;
}
