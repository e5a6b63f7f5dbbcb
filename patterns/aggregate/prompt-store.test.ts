/**
 * The PromptAggregate store guards its stream and publishes what it stores. The seed's rule
 * "State Reconstruction: events.reduce((state, event) => applyEvent(state, event), initialState)"
 * must hold for every stream the store accepts, and stored aggregate events must reach the bus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { createMemoryTransport, createProducerRuntime, subjectFilter } from '#runtime/index.ts';
import { openTestDatabase } from '#test/support/db.ts';
import type { PromptAggregateEvent } from '../../generated/patterns/prompt-aggregate.ts';
import { catalogContracts } from '../catalog-contracts.ts';
import { migratePatterns } from '../db/migrate.ts';
import { createAggregateOutbox } from '../store/aggregate-outbox.ts';
import { PromptTransitionError } from './errors.ts';
import { initialPromptState, rehydratePrompt } from './prompt-aggregate.ts';
import { decidePrompt, type PromptCommand } from './prompt-commands.ts';
import { createPromptRepository } from './prompt-repository.ts';
import { createPromptEventStore, PROMPT_AGGREGATE } from './prompt-store.ts';

const catalog = await loadCatalog('asyncapi/prompt-platform.yaml');
const aggregate = catalog.aggregates[0]!;
const agent = catalog.events.find((e) => e.eventType === aggregate.events[0])!.publishers[0]!;
const decoder = new TextDecoder();

/** Legal events for a sequence of commands, built and validated by the owning agent's producer. */
function eventsFor(id: string, commands: PromptCommand[], build: (e: { eventType: string; payload: unknown }) => PromptAggregateEvent) {
  let state = initialPromptState;
  return commands.map((c) => {
    const d = decidePrompt(state, id, c);
    state = d.state;
    return build(d.event);
  });
}

describe(`PromptAggregate store: guarded appends and an outbox (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let conn: Awaited<ReturnType<typeof openTestDatabase>>;
  const transport = createMemoryTransport({ prefix: 'evc' });
  const producer = createProducerRuntime({ transport, agent, tenantId: 'acme', contracts: catalogContracts(catalog, aggregate.events) });
  const build = (e: { eventType: string; payload: unknown }) => producer.build(e.eventType, e.payload) as PromptAggregateEvent;
  const published: PromptAggregateEvent[] = [];

  beforeAll(async () => {
    conn = await openTestDatabase();
    await migratePatterns(conn);
    await transport.subscribe({
      durable: 'bus-observer',
      subjects: aggregate.events.map((t) => subjectFilter('evc', t)),
      onMessage: (m) => {
        published.push(JSON.parse(decoder.decode(m.data)) as PromptAggregateEvent);
        m.ack();
      },
    });
  }, 180_000);
  afterAll(async () => conn?.close());

  it('refuses an illegal stream (Created then Published, never validated) and stores nothing of it', async () => {
    const store = createPromptEventStore(conn.db);
    const id = 'prm_illegal';
    const [created, , legalPublish] = eventsFor(id, [
      { type: 'create', name: 'n', template: 't', by: 'u' },
      { type: 'validate', issues: [] },
      { type: 'publish', version: '1.0.0', by: 'u' },
    ], build);
    // The same PromptPublished, renumbered to follow PromptCreated directly: valid against its
    // contract, contiguous, but a stream that can never be rebuilt.
    const published = build({ eventType: legalPublish!.eventType, payload: { ...legalPublish!.payload, sequence: 2 } });
    await store.append(id, 0, [created!]);
    await expect(store.append(id, 1, [published]), 'the lifecycle rule refuses it at append time').rejects.toBeInstanceOf(PromptTransitionError);
    const stored = await store.load(id);
    expect(stored.version, 'only PromptCreated is stored').toBe(1);
    expect(() => rehydratePrompt(stored.events), 'what is stored always rebuilds').not.toThrow();
  });

  it('publishes every stored event through the outbox, in stream order, exactly as stored', async () => {
    const store = createPromptEventStore(conn.db);
    const outbox = createAggregateOutbox(conn.db, PROMPT_AGGREGATE, (event) => producer.publish(event as PromptAggregateEvent));
    const repo = createPromptRepository({ store, build, outbox });
    const id = 'prm_outbox';
    await repo.execute(id, { type: 'create', name: 'n', template: 't', by: 'u' });
    await repo.execute(id, { type: 'update', changes: { template: 'T {{x}}' }, by: 'u' });
    await repo.execute(id, { type: 'validate', issues: [] });
    const stored = (await store.load(id)).events;
    const mine = () => published.filter((e) => e.payload.promptId === id);
    await expect.poll(() => mine().length, { timeout: 5_000 }).toBe(3);
    expect(mine(), 'the bus carries the stored events, same ids, same order').toEqual(stored);
    expect(await outbox.pending(), 'nothing left to publish').toBe(0);
  });

  it('publishes an event stored while another flush is running (that pass read the outbox before it)', async () => {
    const store = createPromptEventStore(conn.db);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let publishing = false;
    const outbox = createAggregateOutbox(conn.db, PROMPT_AGGREGATE, async (event) => {
      if (!publishing) {
        publishing = true;
        await gate; // the first pass is held while publishing its first row
      }
      await producer.publish(event as PromptAggregateEvent);
    });
    let flushes = 0;
    const repo = createPromptRepository({ store, build, outbox: { ...outbox, flush: (o) => (flushes++, outbox.flush(o)) } });
    const first = repo.execute('prm_race_a', { type: 'create', name: 'n', template: 't', by: 'u' });
    await expect.poll(() => publishing, { timeout: 5_000 }).toBe(true);
    const second = repo.execute('prm_race_b', { type: 'create', name: 'n', template: 't', by: 'u' });
    await expect.poll(() => flushes, { timeout: 5_000 }).toBe(2); // stored, and flushing while the first pass runs
    release();
    const [a, b] = await Promise.all([first, second]);
    await expect.poll(() => [a.event.eventId, b.event.eventId].filter((id) => published.some((e) => e.eventId === id)).length, { timeout: 5_000 }).toBe(2);
    expect(await outbox.pending(), 'nothing is left waiting for some later command').toBe(0);
  });

  it('keeps an event whose publish failed queued, and publishes it on the next flush', async () => {
    const store = createPromptEventStore(conn.db);
    let failing = true;
    const outbox = createAggregateOutbox(conn.db, PROMPT_AGGREGATE, async (event) => {
      if (failing) throw new Error('broker unavailable');
      await producer.publish(event as PromptAggregateEvent);
    });
    const errors: unknown[] = [];
    const repo = createPromptRepository({ store, build, outbox, onPublishError: (e) => errors.push(e) });
    const id = 'prm_deferred';
    const { event } = await repo.execute(id, { type: 'create', name: 'n', template: 't', by: 'u' });
    expect(String(errors[0]), 'the command succeeded; publishing was deferred and reported').toMatch(/broker unavailable/);
    expect(await outbox.pending(), 'the event waits in the outbox').toBe(1);
    failing = false;
    expect(await outbox.flush()).toBe(1);
    await expect.poll(() => published.some((e) => e.eventId === event.eventId), { timeout: 5_000 }).toBe(true);
  });
});
