/**
 * A short-lived cache of rendered version responses (`…/versions/latest` and friends),
 * which the CI gate and clients poll hard. Writes through this instance clear it at
 * once; another instance sharing the database may serve a response up to `ttlMs` old
 * after a registration there. Schema ids need no TTL (see id-cache.ts).
 */
export class ReadCache {
  private readonly entries = new Map<string, { body: string; until: number }>();
  constructor(
    private readonly ttlMs = 1000,
    private readonly capacity = 5000,
  ) {}

  async get(key: string, load: () => Promise<string>): Promise<string> {
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.body;
    const body = await load();
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, { body, until: now + this.ttlMs });
    return body;
  }

  /** Called after every write that can change versions (registrations, deletes). */
  clear(): void {
    this.entries.clear();
  }
}
