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
    const { code, original } = normalizeErrorCode(e.code);
    const details = jsonObject(e.details);
    if (original !== undefined) details.originalCode = original;
    const message = typeof e.message === 'string' && e.message !== '' ? e.message : describe(error);
    return {
      code,
      message,
      retryable: code !== 'HANDLER_ERROR' && e.retryable === true,
      details,
      retryAfterMs: typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs) ? e.retryAfterMs : undefined,
    };
  }
  return { code: 'HANDLER_ERROR', message: describe(error), retryable: false, details: {}, retryAfterMs: undefined };
}

/** The FailureEvent's `error.code` grammar (the document's ErrorInfo.code pattern). */
const ERROR_CODE = /^[A-Z][A-Z0-9_]*$/;
const CODE_LIMIT = 64;

/**
 * Any thrown `code` → an UPPER_SNAKE code the FailureEvent schema accepts, so that a driver's
 * `'23505'`, a library's `'not_found'` or a numeric errno can never make the failure itself
 * invalid (and so be lost). `original` is set when the code had to change; callers keep it in
 * `details.originalCode`. No code at all is `HANDLER_ERROR`.
 */
export function normalizeErrorCode(raw: unknown): { code: string; original?: string | number } {
  if (typeof raw === 'string' && ERROR_CODE.test(raw) && raw.length <= CODE_LIMIT) return { code: raw };
  if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) return { code: 'HANDLER_ERROR' };
  const words = String(raw).toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (words === '') return { code: 'HANDLER_ERROR', original: raw };
  const code = (/^[A-Z]/.test(words) ? words : `E_${words}`).slice(0, CODE_LIMIT);
  return { code, original: raw };
}

/** A plain JSON object copy of `value` ({} when it is not one or cannot be serialised). */
function jsonObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  try {
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
    return copy !== null && typeof copy === 'object' && !Array.isArray(copy) ? (copy as Record<string, unknown>) : {};
  } catch (e) {
    return { detailsUnserializable: (e as Error).message };
  }
}

function describe(error: unknown): string {
  let text: string;
  try {
    text = String(error);
  } catch {
    text = Object.prototype.toString.call(error);
  }
  return text === '' ? 'handler failed without a message' : text;
}

/** Retried only when the handler marked it retryable AND the policy lists its code. */
export function isRetryable(policy: RetryPolicy, error: ErrorClassification): boolean {
  return error.retryable && policy.retryableErrors.includes(error.code);
}
