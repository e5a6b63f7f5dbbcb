/**
 * Broker views by pacticipant, reused while nothing the broker reads has changed. Each
 * request still asks the database for the current change stamp (one small query), so an
 * answer is never older than the data, whichever instance wrote it.
 */
import type { Database } from '#registry/db/connect.ts';
import { brokerStamp, loadView } from '#registry/store/broker.ts';

type View = Awaited<ReturnType<typeof loadView>>;

export class BrokerViewCache {
  private readonly entries = new Map<string, { stamp: string; view: View }>();
  constructor(private readonly max = 500) {}

  async get(db: Database, focus: string, options: { allVersionsOfOthers: boolean }): Promise<View> {
    const key = `${options.allVersionsOfOthers ? 'all' : 'narrow'}\u0000${focus}`;
    const stamp = await brokerStamp(db);
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.view;
    const view = await loadView(db, focus, options);
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { stamp, view });
    return view;
  }
}
