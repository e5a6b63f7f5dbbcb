/**
 * A short-lived cache of rendered version responses (`…/versions/latest` and friends),
 * which the CI gate and clients poll hard. Any write clears it: on this instance at once,
 * on other instances sharing the database through the change feed
 * (replicas/change-feed.ts), which also switches it off (`shouldCache` false) while
 * notices could be missed. A load that started before a clear is not stored, so a
 * response read before a write can never be cached after it.
 * Schema ids need no invalidation (see id-cache.ts).
 */
import { prepareBody, type PreparedBody } from './http.ts';

export class ReadCache {
  private readonly entries = new Map<string, { body: PreparedBody; until: number }>();
  /** Bumped by every clear; a load finishing under another generation is not stored. */
  private generation = 0;
  constructor(
    private readonly ttlMs = 1000,
    private readonly capacity = 5000,
    private readonly shouldCache: () => boolean = () => true,
    /** Awaited before a hit is served (the change feed's `settle`); none on one instance. */
    private readonly settle?: () => Promise<void>,
  ) {}

  /** The cached response for `key`, or `load()`'s body with `headers`, prepared for sending. */
  async get(key: string, headers: Record<string, string>, load: () => Promise<string>): Promise<PreparedBody> {
    if (this.settle !== undefined && this.entries.has(key)) await this.settle();
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && hit.until > now && this.shouldCache()) return hit.body;
    const generation = this.generation;
    const body = prepareBody(await load(), headers);
    if (generation !== this.generation || !this.shouldCache()) return body;
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, { body, until: now + this.ttlMs });
    return body;
  }

  /** Called after every write that can change versions (registrations, deletes). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
