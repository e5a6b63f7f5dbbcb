import type { RetryPolicy } from './types.ts';

/** The seed's RetryStrategy, used when a document declares none. */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  backoff: 'exponential',
  initialDelayMs: 1000,
  maxDelayMs: 30000,
  retryableErrors: Object.freeze(['TIMEOUT', 'RATE_LIMIT', 'TEMPORARY_FAILURE']),
}) as RetryPolicy;

/**
 * Delay before attempt `attempt + 1`, after `attempt` failed attempts (1-based):
 * exponential initial·2^(attempt−1), linear initial·attempt, fixed initial; capped at max.
 * A `retryAfterMs` hint from the failing dependency wins when it is longer (still capped).
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const n = Math.max(1, attempt);
  let delay: number;
  switch (policy.backoff) {
    case 'exponential':
      delay = policy.initialDelayMs * 2 ** (n - 1);
      break;
    case 'linear':
      delay = policy.initialDelayMs * n;
      break;
    case 'fixed':
      delay = policy.initialDelayMs;
      break;
  }
  if (retryAfterMs !== undefined && retryAfterMs > delay) delay = retryAfterMs;
  return Math.min(delay, policy.maxDelayMs);
}

/** How a thrown value is classified: duck-typed so handlers need not import HandlerError. */
export interface ErrorClassification {
  code: string;
  message: string;
  retryable: boolean;
  details: Record<string, unknown>;
  retryAfterMs: number | undefined;
}

export function classifyError(error: unknown): ErrorClassification {
  if (error !== null && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    const code = typeof e.code === 'string' ? e.code : 'HANDLER_ERROR';
    const details = e.details !== null && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {};
    return {
      code,
      message: typeof e.message === 'string' ? e.message : String(error),
      retryable: code !== 'HANDLER_ERROR' && e.retryable === true,
      details,
      retryAfterMs: typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined,
    };
  }
  return { code: 'HANDLER_ERROR', message: String(error), retryable: false, details: {}, retryAfterMs: undefined };
}

/** Retried only when the handler marked it retryable AND the policy lists its code. */
export function isRetryable(policy: RetryPolicy, error: ErrorClassification): boolean {
  return error.retryable && policy.retryableErrors.includes(error.code);
}
