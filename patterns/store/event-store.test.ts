import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '#test/support/db.ts';
import { migratePatterns } from '../db/migrate.ts';
import { createEventStore } from './event-store.ts';
import { AggregateIdMismatchError, ConcurrencyError, DuplicateEventError } from './errors.ts';

// PGlite boots in seconds, but on a loaded CI box it has taken close to a minute.
const BOOT_TIMEOUT_MS = 180_000;

interface TestEvent {
  eventId: string;
  eventType: string;
  payload: { promptId: string; n: number };
}

const ev = (promptId: string, n: number): TestEvent => ({ eventId: randomUUID(), eventType: 'Prompt.Lifecycle.Updated', payload: { promptId, n } });

describe(`event store (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let conn: Awaited<ReturnType<typeof openTestDatabase>>;
  let store: ReturnType<typeof createEventStore<TestEvent>>;
  beforeAll(async () => {
    conn = await openTestDatabase();
    await migratePatterns(conn);
    store = createEventStore<TestEvent>(conn.db, { aggregateType: 'PromptAggregate', idOf: (e) => e.payload.promptId });
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => conn?.close());

  it('appends to a new stream and loads the events back in version order', async () => {
    const id = randomUUID();
    const events = [ev(id, 1), ev(id, 2), ev(id, 3)];
    expect(await store.append(id, 0, events), 'three events on an empty stream end at version 3').toBe(3);
    const loaded = await store.load(id);
    expect(loaded.events, 'events come back exactly as appended, in order').toEqual(events);
    expect(loaded.version).toBe(3);
    expect((await store.load(id, { afterVersion: 2 })).events, 'afterVersion skips the first two').toEqual([events[2]]);
    expect(await store.version(randomUUID()), 'an unknown stream is at version 0').toBe(0);
  });

  it('rejects a stale expected version with a typed ConcurrencyError and writes nothing', async () => {
    const id = randomUUID();
    await store.append(id, 0, [ev(id, 1), ev(id, 2)]);
    const error = await store.append(id, 1, [ev(id, 99)]).catch((e: unknown) => e);
    expect(error, 'version 1 is stale: the stream is at 2').toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ code: 'AGGREGATE_VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });
    expect((await store.load(id)).events.map((e) => e.payload.n), 'the stale event was not stored').toEqual([1, 2]);
  });

  it('lets exactly one of two concurrent appends with the same expected version win; the loser retries and nothing is lost', async () => {
    for (let round = 0; round < 10; round++) {
      const id = randomUUID();
      await store.append(id, 0, [ev(id, 0)]);
      const a = [ev(id, 1), ev(id, 2)];
      const b = [ev(id, 3)];
      const results = await Promise.allSettled([store.append(id, 1, a), store.append(id, 1, b)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won, 'exactly one writer wins the version race').toHaveLength(1);
      expect(lost[0]?.reason, 'the other gets a typed conflict, not a driver error').toBeInstanceOf(ConcurrencyError);
      const winner = results[0]!.status === 'fulfilled' ? a : b;
      const loser = winner === a ? b : a;
      const after = await store.load(id);
      expect(after.events.slice(1), 'the stream holds the winner only, never an interleaving').toEqual(winner);
      // The loser reloads and appends on top: its events are not lost.
      await store.append(id, after.version, loser);
      expect((await store.load(id)).events, 'after the retry both batches are stored').toEqual([expect.anything(), ...winner, ...loser]);
    }
  });

  it('serialises ten racing writers: each round exactly one wins', async () => {
    const id = randomUUID();
    let version = 0;
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.append(id, version, [ev(id, round * 10 + i)])));
      const won = results.filter((r) => r.status === 'fulfilled').length;
      expect(won, `round ${round}: one winner among ten`).toBe(1);
      expect(results.every((r) => r.status === 'fulfilled' || r.reason instanceof ConcurrencyError), 'every loser is a ConcurrencyError').toBe(true);
      version += 1;
    }
    expect(await store.version(id)).toBe(5);
  });

  it('refuses an event of another aggregate and a duplicate eventId', async () => {
    const id = randomUUID();
    await expect(store.append(id, 0, [ev(randomUUID(), 1)]), 'a foreign event must not enter this stream').rejects.toBeInstanceOf(AggregateIdMismatchError);
    const e = ev(id, 1);
    await store.append(id, 0, [e]);
    const other = randomUUID();
    const dup = { ...e, payload: { promptId: other, n: 2 } };
    await expect(store.append(other, 0, [dup]), 'the same eventId is never stored twice').rejects.toBeInstanceOf(DuplicateEventError);
    expect(await store.version(other), 'the failed append wrote nothing').toBe(0);
  });
});
