import { describe, expect, it } from 'vitest';
import { HandlerError } from './errors.ts';
import { backoffDelay, classifyError, defaultRetryPolicy, isRetryable, normalizeErrorCode } from './retry.ts';
import type { RetryPolicy } from './types.ts';

const seed = defaultRetryPolicy;
const policy = (backoff: RetryPolicy['backoff']): RetryPolicy => ({ ...seed, backoff, initialDelayMs: 100, maxDelayMs: 1000 });

describe('backoffDelay', () => {
  it.each([
    { description: 'seed policy, first retry waits initialDelay', p: seed, attempt: 1, expected: 1000 },
    { description: 'seed policy, doubles per attempt', p: seed, attempt: 2, expected: 2000 },
    { description: 'seed policy, capped at maxDelay', p: seed, attempt: 10, expected: 30000 },
    { description: 'linear grows by initialDelay', p: policy('linear'), attempt: 3, expected: 300 },
    { description: 'fixed always waits initialDelay', p: policy('fixed'), attempt: 5, expected: 100 },
    { description: 'exponential capped', p: policy('exponential'), attempt: 5, expected: 1000 },
  ])('$description', ({ p, attempt, expected }) => expect(backoffDelay(p, attempt)).toBe(expected));

  it('honours a longer Retry-After hint but still caps it', () => {
    expect(backoffDelay(seed, 1, 5000), 'hint longer than backoff wins').toBe(5000);
    expect(backoffDelay(seed, 1, 10), 'shorter hint does not shorten backoff').toBe(1000);
    expect(backoffDelay(seed, 1, 10 ** 9), 'hint is capped at maxDelay').toBe(30000);
  });
});

describe('classifyError / isRetryable', () => {
  it.each([
    { description: 'HandlerError TIMEOUT marked retryable', error: new HandlerError('TIMEOUT', 'slow', { retryable: true }), retry: true },
    { description: 'retryable code but not marked retryable', error: new HandlerError('TIMEOUT', 'slow'), retry: false },
    { description: 'marked retryable but code not in the policy', error: new HandlerError('BAD_INPUT', 'no', { retryable: true }), retry: false },
    { description: 'duck-typed error object', error: Object.assign(new Error('429'), { code: 'RATE_LIMIT', retryable: true }), retry: true },
    { description: 'plain Error', error: new Error('boom'), retry: false },
    { description: 'a lower-case code is compared after normalisation (timeout → TIMEOUT)', error: { code: 'timeout', message: 'slow', retryable: true }, retry: true },
    { description: 'no code but marked retryable: HANDLER_ERROR is never retried', error: { message: 'x', retryable: true }, retry: false },
    { description: 'retryable must be exactly true', error: { code: 'TIMEOUT', retryable: 'yes' }, retry: false },
    { description: 'thrown string', error: 'boom', retry: false },
  ])('$description', ({ error, retry }) => {
    expect(isRetryable(seed, classifyError(error))).toBe(retry);
  });

  it('maps unknown throws to HANDLER_ERROR and keeps details and retry-after', () => {
    expect(classifyError(new Error('boom')).code).toBe('HANDLER_ERROR');
    const c = classifyError(new HandlerError('RATE_LIMIT', 'slow down', { retryable: true, details: { limit: 5 }, retryAfterMs: 700 }));
    expect(c).toMatchObject({ code: 'RATE_LIMIT', message: 'slow down', retryable: true, details: { limit: 5 }, retryAfterMs: 700 });
  });
});

describe('normalizeErrorCode (any code → a valid ErrorInfo.code, ^[A-Z][A-Z0-9_]*$, ≤ 64 characters)', () => {
  it.each([
    { description: 'an UPPER_SNAKE code is kept as is', raw: 'RATE_LIMIT', code: 'RATE_LIMIT', original: undefined },
    { description: 'a driver code of digits gets E_', raw: '23505', code: 'E_23505', original: '23505' },
    { description: 'lower_snake is upper-cased', raw: 'not_found', code: 'NOT_FOUND', original: 'not_found' },
    { description: 'runs of other characters become one _', raw: 'ECONN..refused!', code: 'ECONN_REFUSED', original: 'ECONN..refused!' },
    { description: 'a numeric errno', raw: -2, code: 'E_2', original: -2 },
    { description: 'nothing usable left', raw: '---', code: 'HANDLER_ERROR', original: '---' },
    { description: 'no code at all', raw: undefined, code: 'HANDLER_ERROR', original: undefined },
    { description: 'not a string or number', raw: { code: 'X' }, code: 'HANDLER_ERROR', original: undefined },
    { description: 'an infinite number is no code', raw: Infinity, code: 'HANDLER_ERROR', original: undefined },
  ])('$description', ({ raw, code, original }) => {
    expect(normalizeErrorCode(raw), 'the code the FailureEvent carries, and the original kept when it changed').toEqual(original === undefined ? { code } : { code, original });
  });

  it('cuts a long code to 64 characters, even a valid one', () => {
    const long = `A${'B'.repeat(100)}`;
    expect(normalizeErrorCode(long).code, 'ErrorInfo.code stays short').toBe(long.slice(0, 64));
    expect(normalizeErrorCode(long).original, 'the full code is kept').toBe(long);
  });
});
