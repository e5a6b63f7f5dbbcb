/**
 * The change feed between instances on one PostgreSQL database: a write's announce
 * resolves only after every other instance cleared its caches; an instance that leaves
 * says so and is not waited for; an instance whose listening connection is cut reports
 * itself not live (its caches then serve nothing) and recovers by itself.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '#test/support/db.ts';
import { needsPostgres, skipWithout } from '#test/support/requirements.ts';
import { waitFor } from '#test/faults/support/contracts.ts';
import { CHANGE_CHANNEL, postgresChangeFeed, type ChangeFeed } from './change-feed.ts';

describe.skipIf(skipWithout(needsPostgres))('postgresChangeFeed', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const feeds: ChangeFeed[] = [];
  const open = async () => {
    const feed = await postgresChangeFeed({ databaseUrl: db.url!, db: db.db, heartbeatMs: 200, log: () => {} });
    feeds.push(feed);
    return feed;
  };
  beforeAll(async () => {
    db = await openTestDatabase();
  }, 60_000);
  afterAll(async () => {
    for (const f of feeds) await f.close();
    await db?.close();
  });

  it('announce resolves only after the other instances cleared, and does not wait for one that left', async () => {
    // A waits up to 20 s for acknowledgements: waiting for C after it left would show as a
    // "did not acknowledge" line, whatever the machine's load.
    const logs: string[] = [];
    const a = await postgresChangeFeed({ databaseUrl: db.url!, db: db.db, heartbeatMs: 200, ackTimeoutMs: 20_000, log: (line) => logs.push(line) });
    feeds.push(a);
    const [b, c] = [await open(), await open()];
    const cleared = { b: 0, c: 0 };
    b.onChange(() => cleared.b++);
    c.onChange(() => cleared.c++);
    // Let the hellos go round so A knows B and C.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = { ...cleared };
    await a.announce();
    expect(cleared.b, 'B cleared before A was told the write is announced').toBeGreaterThan(before.b);
    expect(cleared.c, 'C too').toBeGreaterThan(before.c);
    await c.close();
    feeds.splice(feeds.indexOf(c), 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await a.announce();
    expect(logs.filter((l) => /did not acknowledge/.test(l)), 'C said bye: A did not wait for it (nor for anyone)').toEqual([]);
  }, 60_000);

  it('an instance whose listening connection is cut listens again by itself, clears its caches, and hears the next write', async () => {
    const feed = await open();
    const writer = await open();
    await new Promise((resolve) => setTimeout(resolve, 500));
    let changes = 0;
    feed.onChange(() => changes++);
    const admin = postgres(db.url!, { max: 1, onnotice: () => {} });
    let cut: unknown[];
    try {
      cut = await admin.unsafe(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike '%listen%${CHANGE_CHANNEL}%' and pid <> pg_backend_pid()`);
    } finally {
      await admin.end();
    }
    expect(cut.length, 'the listening connections were found and cut').toBeGreaterThan(0);
    // Notices sent while it was away are lost: re-listening clears the caches.
    await waitFor(() => changes > 0, 'the caches cleared on re-listen', 20_000);
    await waitFor(() => feed.live, 'live again', 20_000);
    const before = changes;
    await new Promise((resolve) => setTimeout(resolve, 700)); // heartbeats re-announce both
    await writer.announce();
    expect(changes, 'the next write reaches it again before the writer is answered').toBeGreaterThan(before);
  }, 60_000);
});
