/**
 * A short-lived cache of rendered version responses (`…/versions/latest` and friends),
 * which the CI gate and clients poll hard. Writes through this instance clear it at
 * once; another instance sharing the database may serve a response up to `ttlMs` old
 * after a registration there. Schema ids need no TTL (see id-cache.ts).
 */
import { prepareBody, type PreparedBody } from './http.ts';

export class ReadCache {
  private readonly entries = new Map<string, { body: PreparedBody; until: number }>();
  constructor(
    private readonly ttlMs = 1000,
    private readonly capacity = 5000,
  ) {}

  /** The cached response for `key`, or `load()`'s body with `headers`, prepared for sending. */
  async get(key: string, headers: Record<string, string>, load: () => Promise<string>): Promise<PreparedBody> {
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.body;
    const body = prepareBody(await load(), headers);
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, { body, until: now + this.ttlMs });
    return body;
  }

  /** Called after every write that can change versions (registrations, deletes). */
  clear(): void {
    this.entries.clear();
  }
}
