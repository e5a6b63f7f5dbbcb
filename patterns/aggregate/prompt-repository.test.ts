import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { createMemoryTransport, createProducerRuntime } from '#runtime/index.ts';
import { openTestDatabase } from '#test/support/db.ts';
import { promptAggregateIdOf, type PromptAggregateEvent } from '../../generated/patterns/prompt-aggregate.ts';
import { catalogContracts } from '../catalog-contracts.ts';
import { migratePatterns } from '../db/migrate.ts';
import { ConcurrencyError, EventVersionMismatchError } from '../store/errors.ts';
import { createEventStore } from '../store/event-store.ts';
import { PromptTransitionError } from './errors.ts';
import { initialPromptState, rehydratePrompt, type PromptState } from './prompt-aggregate.ts';
import { decidePrompt, type PromptCommand } from './prompt-commands.ts';
import { createPromptRepository } from './prompt-repository.ts';

// PGlite boots in seconds, but on a loaded CI box it has taken close to a minute.
const BOOT_TIMEOUT_MS = 180_000;

const catalog = await loadCatalog('asyncapi/prompt-platform.yaml');
const aggregate = catalog.aggregates[0]!;
const agent = catalog.events.find((e) => e.eventType === aggregate.events[0])!.publishers[0]!;
const producer = createProducerRuntime({ transport: createMemoryTransport(), agent, tenantId: 'acme', contracts: catalogContracts(catalog, aggregate.events) });
const build = (e: { eventType: string; payload: unknown }, o?: { causedBy?: { eventId: string; correlationId: string } }) =>
  producer.build(e.eventType, e.payload, o) as PromptAggregateEvent;

/** A store whose first `n` loads all return only once all `n` have read: every writer starts from the same version. */
function raceStore<E extends { eventId: string; eventType: string }>(store: ReturnType<typeof createEventStore<E>>, n: number) {
  let arrived = 0;
  let release!: () => void;
  const barrier = new Promise<void>((r) => (release = r));
  return {
    ...store,
    load: async (aggregateId: string, options?: { afterVersion?: number }) => {
      const stream = await store.load(aggregateId, options);
      if (arrived < n) {
        if (++arrived === n) release();
        await barrier;
      }
      return stream;
    },
  };
}

describe(`PromptAggregate on the event store (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let conn: Awaited<ReturnType<typeof openTestDatabase>>;
  let store: ReturnType<typeof createEventStore<PromptAggregateEvent>>;
  let repo: ReturnType<typeof createPromptRepository>;
  beforeAll(async () => {
    conn = await openTestDatabase();
    await migratePatterns(conn);
    store = createEventStore<PromptAggregateEvent>(conn.db, { aggregateType: aggregate.name, idOf: promptAggregateIdOf, versionOf: (e) => e.payload.sequence });
    repo = createPromptRepository({ store, build });
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => conn?.close());

  it('rehydrates 10,000 stored events to exactly the incrementally built state', async () => {
    const id = 'prm_10k';
    let state: PromptState = initialPromptState;
    const events: PromptAggregateEvent[] = [];
    const cycle: PromptCommand[] = [
      { type: 'update', changes: { template: 'T {{x}}' }, by: 'u' },
      { type: 'validate', issues: [] },
      { type: 'publish', version: '1.0.0', by: 'u' },
      { type: 'update', changes: { description: 'd' }, by: 'u' },
      { type: 'validate', issues: [{ severity: 'warning', message: 'long' }] },
    ];
    const commands: PromptCommand[] = [{ type: 'create', name: 'n', template: 't', by: 'u' }];
    while (commands.length < 9_999) commands.push(...cycle);
    commands.length = 9_999;
    commands.push({ type: 'archive', reason: 'done', by: 'u' });
    for (const c of commands) {
      const d = decidePrompt(state, id, c);
      state = d.state;
      events.push(build(d.event));
    }
    for (let i = 0; i < events.length; i += 2_500) await store.append(id, i, events.slice(i, i + 2_500));
    const loaded = await store.load(id);
    expect(loaded.version, 'all 10,000 events are stored').toBe(10_000);
    expect(rehydratePrompt(loaded.events), 'events.reduce(applyEvent, initialState) over the stored stream').toEqual(state);
    expect(state).toMatchObject({ status: 'archived', version: 10_000 });
  }, 120_000);

  it('refuses an event whose sequence is not the version it would be stored at', async () => {
    const created = build(decidePrompt(initialPromptState, 'prm_seq', { type: 'create', name: 'n', template: 't', by: 'u' }).event);
    await expect(store.append('prm_seq', 1, [created]), 'sequence 1 cannot be stored as version 2').rejects.toBeInstanceOf(EventVersionMismatchError);
    expect(await store.version('prm_seq')).toBe(0);
  });

  it('stores commands through the repository and refuses illegal ones without writing', async () => {
    const id = 'prm_repo';
    await repo.execute(id, { type: 'create', name: 'n', template: 't', by: 'u' });
    await repo.execute(id, { type: 'archive', reason: 'r', by: 'u' });
    await expect(repo.execute(id, { type: 'update', changes: { name: 'x' }, by: 'u' }), 'no update after archive').rejects.toMatchObject({ code: 'PROMPT_ARCHIVED' });
    expect(await store.version(id), 'the refused update wrote nothing').toBe(2);
  });

  it('two concurrent commands on one version: without retries exactly one wins, the other gets ConcurrencyError', async () => {
    const id = 'prm_race';
    await repo.execute(id, { type: 'create', name: 'n', template: 't', by: 'u' });
    // Both writers must read version 1 before either appends: a barrier after load forces the race.
    const racingStore = raceStore(store, 2);
    const racing = createPromptRepository({ store: racingStore, build });
    const results = await Promise.allSettled([
      racing.execute(id, { type: 'update', changes: { name: 'a' }, by: 'a' }, { maxRetries: 0 }),
      racing.execute(id, { type: 'update', changes: { name: 'b' }, by: 'b' }, { maxRetries: 0 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled'), 'one writer wins').toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')?.reason).toBeInstanceOf(ConcurrencyError);
    expect((await repo.load(id)).revision, 'exactly one update is stored').toBe(2);
  });

  it('with retries, concurrent updates are re-decided on the fresh state: both land, in some order, nothing lost', async () => {
    const id = 'prm_merge';
    await repo.execute(id, { type: 'create', name: 'n', template: 't', by: 'u' });
    const names = ['a', 'b', 'c', 'd'];
    const racing = createPromptRepository({ store: raceStore(store, names.length), build });
    await Promise.all(names.map((n) => racing.execute(id, { type: 'update', changes: { name: n }, by: n }, { maxRetries: 10 })));
    const { events } = await store.load(id);
    expect(events.map((e) => e.payload.sequence), 'a gap-free stream').toEqual([1, 2, 3, 4, 5]);
    expect(events.slice(1).map((e) => (e.payload as { changes: { name: string } }).changes.name).sort(), 'every update is stored once').toEqual(names);
    expect((await repo.load(id)).revision).toBe(5);
  });

  it('a concurrent archive wins over an update: the retried update is then refused by the lifecycle rules', async () => {
    const id = 'prm_archive_race';
    await repo.execute(id, { type: 'create', name: 'n', template: 't', by: 'u' });
    await repo.execute(id, { type: 'archive', reason: 'r', by: 'u' });
    const error = await repo.execute(id, { type: 'update', changes: { name: 'late' }, by: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PromptTransitionError);
  });
});
