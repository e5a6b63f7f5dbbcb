/**
 * Schema ids are immutable (rows are never updated or deleted), so their responses are
 * cached in memory for ever (bounded in size) and served with a strong ETag and
 * `Cache-Control: immutable`.
 */
import type { PreparedBody } from './http.ts';

export interface CachedSchema {
  id: number;
  schemaType: string;
  canonical: string;
  hash: string;
  /** Confluent schema references, part of the id's identity like its text (absent: none). */
  references?: Array<{ name: string; subject: string; version: number }>;
  /** The rendered Confluent `/schemas/ids/{id}` and native `/v1/schemas/{id}` responses, filled on first use. */
  confluentBody?: PreparedBody;
  nativeBody?: PreparedBody;
}

export class IdCache {
  private readonly entries = new Map<number, CachedSchema>();
  constructor(private readonly capacity = 10_000) {}

  get(id: number): CachedSchema | undefined {
    return this.entries.get(id);
  }

  set(entry: CachedSchema): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(entry.id, entry);
  }
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const etagOf = (hash: string): string => `"${hash}"`;
