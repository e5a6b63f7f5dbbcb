import { describe, expect, it } from 'vitest';
import { HandlerError } from './errors.ts';
import { backoffDelay, classifyError, defaultRetryPolicy, isRetryable } from './retry.ts';
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
