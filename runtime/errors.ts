import { escapeToken } from '../shared/json-pointer.ts';
import type { ValidationErrorLike } from './types.ts';

/** One schema violation, located by a JSON pointer into the event. */
export interface Violation {
  pointer: string;
  message: string;
  keyword?: string;
}

/**
 * Thrown by the producer when an event breaks its contract; the event is never sent.
 * The message names every offending JSON pointer so the caller can fix the payload.
 */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';
  readonly code = 'CONTRACT_VIOLATION';
  constructor(
    readonly eventType: string,
    readonly version: string,
    readonly violations: Violation[],
  ) {
    super(
      `${eventType} ${version} breaks its contract: ` +
        violations.map((v) => `${v.pointer || '/'} ${v.message}`).join('; ') +
        ' — fix the event so it matches the schema; it was not sent',
    );
  }
}

/** Converts Ajv errors into violations; `additionalProperties` points at the extra property. */
export function toViolations(errors: readonly ValidationErrorLike[] | null | undefined): Violation[] {
  if (!errors || errors.length === 0) return [{ pointer: '', message: 'is invalid' }];
  return errors.map((e) => {
    const params = (e.params ?? {}) as Record<string, unknown>;
    let pointer = e.instancePath;
    let message = e.message ?? 'is invalid';
    // Point at the property itself, not its parent, for the two keywords that name one.
    if (e.keyword === 'required' && typeof params.missingProperty === 'string') {
      pointer = `${pointer}/${escapeToken(params.missingProperty)}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      pointer = `${pointer}/${escapeToken(params.additionalProperty)}`;
      message = 'is not allowed (additionalProperties is false)';
    }
    const violation: Violation = { pointer, message };
    if (e.keyword !== undefined) violation.keyword = e.keyword;
    return violation;
  });
}

export interface HandlerErrorOptions {
  retryable?: boolean;
  details?: Record<string, unknown>;
  /** A hint from the failing dependency (e.g. Retry-After); used if longer than the backoff. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * What a handler throws to classify a failure. Only `retryable: true` with a code in the
 * policy's `retryableErrors` (TIMEOUT, RATE_LIMIT, TEMPORARY_FAILURE in the seed) is retried.
 */
export class HandlerError extends Error {
  override readonly name = 'HandlerError';
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly code: string,
    message: string,
    options: HandlerErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
    this.retryAfterMs = options.retryAfterMs;
  }
}
