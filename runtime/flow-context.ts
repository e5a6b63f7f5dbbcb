import { AsyncLocalStorage } from 'node:async_hooks';

import type { Cause } from './types.ts';

/**
 * The event a handler is handling, visible to every producer call made while it runs
 * (also after an `await`), so follow-up events inherit its context by default.
 * AsyncLocalStorage is Node's own mechanism for this; it costs one store switch per handled
 * event, and nothing when no handler is running.
 */
const scope = new AsyncLocalStorage<Cause>();

/** The event being handled by the current handler, if any. */
export function currentCause(): Cause | undefined {
  return scope.getStore();
}

/** Runs `fn` (a handler call) with `cause` as the default cause of the events it produces. */
export function runWithCause<T>(cause: Cause, fn: () => T): T {
  return scope.run(cause, fn);
}
