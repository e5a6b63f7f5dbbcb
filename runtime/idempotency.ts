/**
 * Absorbs redeliveries: the consumer skips an eventId it has already handled. Pluggable —
 * a store backed by the handler's own database (written in the same transaction as the
 * side effect) makes duplicate absorption survive restarts; the default is in memory.
 */
export interface IdempotencyStore {
  has(eventId: string): boolean | Promise<boolean>;
  add(eventId: string): void | Promise<void>;
}

export interface MemoryIdempotencyOptions {
  /** Most recent eventIds remembered; older ones are evicted (LRU). Default 100,000. */
  capacity?: number;
}

/**
 * Bounded LRU on a Map (insertion order = recency order): `has` refreshes an entry,
 * `add` evicts the oldest when full. O(1) per call.
 */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyOptions = {}): IdempotencyStore & { readonly size: number } {
  const capacity = options.capacity ?? 100_000;
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new Error(`idempotency store capacity must be a positive integer, got ${capacity}`);
  }
  const seen = new Map<string, true>();
  return {
    has(eventId) {
      if (!seen.delete(eventId)) return false;
      seen.set(eventId, true); // most recently used again
      return true;
    },
    add(eventId) {
      // delete() tells whether it was there: one hash lookup instead of two.
      if (!seen.delete(eventId) && seen.size >= capacity) {
        const oldest = seen.keys().next();
        if (!oldest.done) seen.delete(oldest.value);
      }
      seen.set(eventId, true);
    },
    get size() {
      return seen.size;
    },
  };
}
