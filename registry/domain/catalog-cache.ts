/**
 * Parsed catalogs by (file name, sha-256 of the text). Parsing is deterministic and the
 * AsyncAPI parser dominates a registration's cost (seconds on a loaded machine), while CI
 * re-sends the same document on every run of `evc check`. Small and bounded; catalogs
 * are treated as read-only by every consumer.
 */
import type { Catalog } from '#catalog/model.ts';
import { sha256Hex } from './canonical.ts';

export class CatalogCache {
  private readonly entries = new Map<string, Promise<Catalog>>();
  constructor(private readonly capacity = 16) {}

  async get(text: string, file: string, parse: () => Promise<Catalog>): Promise<Catalog> {
    const key = `${file}\u0000${sha256Hex(text)}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    // The promise is cached, so concurrent requests for one new text parse it once; a failure is not kept.
    const pending = parse();
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, pending);
    pending.catch(() => this.entries.get(key) === pending && this.entries.delete(key));
    return pending;
  }
}
