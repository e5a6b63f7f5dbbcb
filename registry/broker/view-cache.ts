/**
 * Broker views by pacticipant, reused while nothing the broker reads has changed. Each
 * request still asks the database for the current change stamp (one small query), so an
 * answer is never older than the data, whichever instance wrote it.
 */
import type { Database } from '#registry/db/connect.ts';
import { brokerStamp, loadView } from '#registry/store/broker.ts';

type View = Awaited<ReturnType<typeof loadView>> & { stamp: string };

export class BrokerViewCache {
  private readonly entries = new Map<string, { stamp: string; view: View }>();
  /** Derived answers (the schema half) for a view's stamp: registered documents are immutable. */
  private readonly derived = new Map<string, unknown>();

  async memo<T>(stamp: string, key: string, compute: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    const full = `${stamp}\u0000${key}`;
    if (this.derived.has(full)) return this.derived.get(full) as T;
    const value = await compute();
    if (keep(value)) {
      if (this.derived.size >= this.max) this.derived.clear();
      this.derived.set(full, value);
    }
    return value;
  }

  constructor(private readonly max = 500) {}

  async get(db: Database, focus: string, options: { allVersionsOfOthers: boolean }): Promise<View> {
    const key = `${options.allVersionsOfOthers ? 'all' : 'narrow'}\u0000${focus}`;
    const stamp = await brokerStamp(db);
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.view;
    const view = { ...(await loadView(db, focus, options)), stamp };
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { stamp, view });
    return view;
  }
}
