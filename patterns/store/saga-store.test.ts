import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '#test/support/db.ts';
import { fixtureCatalog } from '#test/fixtures/patterns/catalog.ts';
import { deriveSagaDefinition } from '../codegen/saga-definition.ts';
import { migratePatterns } from '../db/migrate.ts';
import { createSagaDecider } from '../saga/decide.ts';
import type { SagaInputEvent } from '../saga/types.ts';
import { createSagaStore } from './saga-store.ts';

// PGlite boots in seconds, but on a loaded CI box it has taken close to a minute.
const BOOT_TIMEOUT_MS = 180_000;

const catalog = fixtureCatalog();
const { definition } = deriveSagaDefinition(catalog, catalog.sagas[0]!);
const decide = createSagaDecider(definition, Object.fromEntries(definition.emits.map((t) => [t, () => ({ promptId: 'p1' })])));
const ev = (sagaId: string, eventType: string): SagaInputEvent => ({ eventId: randomUUID(), eventType, correlationId: sagaId, payload: { promptId: 'p1' } });

describe(`saga store (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let conn: Awaited<ReturnType<typeof openTestDatabase>>;
  let store: ReturnType<typeof createSagaStore>;
  beforeAll(async () => {
    conn = await openTestDatabase();
    await migratePatterns(conn);
    store = createSagaStore(conn.db);
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => conn?.close());

  const apply = (event: SagaInputEvent) =>
    store.transition(event.correlationId, event, (state) => {
      const decision = decide(state, { kind: 'event', event }, new Date());
      return { decision, outbox: decision.commands.map((c) => ({ eventId: c.eventId, eventType: c.eventType })) };
    });

  it('applies an event delivered twice at the same moment exactly once (row lock + processed id in one transaction)', async () => {
    const sagaId = `s-${randomUUID()}`;
    await apply(ev(sagaId, 'Prompt.Creation.Requested'));
    const draft = ev(sagaId, 'Prompt.Draft.Created');
    const outcomes = await Promise.all([apply(draft), apply(draft), apply(draft)]);
    expect(outcomes.filter((o) => !o.duplicate), 'one delivery transitions').toHaveLength(1);
    expect(outcomes.filter((o) => o.duplicate), 'the others are recognised as redeliveries').toHaveLength(2);
    expect(await store.pending(sagaId), 'one command in the outbox, not three').toHaveLength(1);
    expect((await store.get(sagaId))!.log.map((l) => l.transition)).toEqual(['started', 'advanced']);
  });

  it('keeps unpublished commands until marked, and finds sagas past their deadline', async () => {
    const sagaId = `s-${randomUUID()}`;
    await apply(ev(sagaId, 'Prompt.Creation.Requested'));
    await apply(ev(sagaId, 'Prompt.Draft.Created'));
    const [command] = await store.pending<{ eventId: string }>(sagaId);
    await store.markPublished([command!.eventId]);
    expect(await store.pending(sagaId), 'published commands leave the outbox').toEqual([]);
    const deadline = Date.parse((await store.get(sagaId))!.deadlineAt!);
    expect(await store.due(new Date(deadline - 1)), 'not due a millisecond early').not.toContain(sagaId);
    expect(await store.due(new Date(deadline)), 'due at its deadline').toContain(sagaId);
  });

  it('marks commands published by concurrent callers, each caller resolved once its own are stored', async () => {
    const sagaIds = Array.from({ length: 6 }, () => `s-${randomUUID()}`);
    for (const sagaId of sagaIds) {
      await apply(ev(sagaId, 'Prompt.Creation.Requested'));
      await apply(ev(sagaId, 'Prompt.Draft.Created'));
    }
    const commands = await Promise.all(sagaIds.map(async (id) => (await store.pending<{ eventId: string }>(id))[0]!.eventId));
    const writes: number[] = [];
    const counting = createSagaStore(conn.db, { onCommit: (write, rows) => void (write === 'markPublished' && writes.push(rows)) });
    // All at once, as the orchestrator's transitions do under load.
    await Promise.all(
      commands.map(async (eventId, i) => {
        await counting.markPublished([eventId]);
        expect(await store.pending(sagaIds[i]), `saga ${i}'s command is stored as published when its call resolves`).toEqual([]);
      }),
    );
    expect(writes, 'the first call is written at once, the five made meanwhile join one UPDATE (2 commits, not 6)').toEqual([1, 5]);
    await counting.markPublished([]);
    expect(writes, 'an empty call writes nothing').toHaveLength(2);
  });

  it('stores nothing for an event of no saga', async () => {
    const stray = ev(`s-${randomUUID()}`, 'Prompt.Draft.Created');
    const outcome = await apply(stray);
    expect(outcome.decision?.transition).toBe('ignored:no-saga');
    expect(await store.get(stray.correlationId)).toBeUndefined();
  });
});
