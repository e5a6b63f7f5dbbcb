import { currentCause } from './flow-context.ts';
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
 * Cause rule: the cause is `options.causedBy`, else (unless `options.root`) the event the
 * running handler handles (flow-context.ts). A caused event inherits `correlationId`,
 * `causationId` = the cause's `eventId`, and the cause's `tenantId`, `userId`, `sessionId`;
 * an explicit `tenantId`/`userId`/`sessionId` option overrides the inherited one.
 *
 * Root-event rule (the document's BaseEvent.causationId): without a cause, `correlationId`
 * is `options.correlationId` or the event's own id, and `causationId` is that correlationId.
 */
export function createEnvelopeBuilder(contract: ContractData, defaults: EnvelopeDefaults): EnvelopeBuilder {
  const { eventType, version } = contract;
  const staticMetadata: EventMetadata = Object.freeze({ source: defaults.agent, tenantId: defaults.tenantId });
  return <P>(payload: P, options?: SendOptions): EventEnvelope<P> => {
    const eventId = uuidV4();
    const cause = options?.causedBy ?? (options?.root === true ? undefined : currentCause());
    let correlationId: string;
    let causationId: string;
    if (cause !== undefined) {
      correlationId = cause.correlationId;
      causationId = cause.eventId;
    } else {
      correlationId = options?.correlationId ?? eventId;
      causationId = correlationId;
    }
    const inherited = cause?.metadata;
    const tenantId = options?.tenantId ?? inherited?.tenantId;
    const userId = options?.userId ?? inherited?.userId;
    const sessionId = options?.sessionId ?? inherited?.sessionId;
    let metadata = staticMetadata;
    if (userId !== undefined || sessionId !== undefined || (tenantId !== undefined && tenantId !== defaults.tenantId)) {
      metadata = { source: defaults.agent, tenantId: tenantId ?? defaults.tenantId };
      if (userId !== undefined) metadata.userId = userId;
      if (sessionId !== undefined) metadata.sessionId = sessionId;
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

/** `1.4.2` → 1; NaN for anything that is not a release version (one grammar for all of evc). */
export { majorOf } from '../shared/version.ts';
