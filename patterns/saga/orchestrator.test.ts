import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { connectNatsTransport, createMemoryTransport, type Transport } from '#runtime/index.ts';
import { natsUrl, openTestDatabase } from '#test/support/db.ts';
import { startSagaAgents, waitFor, type SagaScript } from '#test/fixtures/patterns/saga-agents.ts';
import { migratePatterns } from '../db/migrate.ts';
import { createSagaStore } from '../store/saga-store.ts';
import { createPromptOptimizationOrchestrator, promptOptimizationDefinition } from './prompt-optimization.ts';
import type { SagaOrchestrator } from './orchestrator.ts';

// PGlite boots in seconds, but on a loaded CI box it has taken close to a minute.
const BOOT_TIMEOUT_MS = 180_000;

const catalog = await loadCatalog('asyncapi/prompt-platform.yaml');
const definition = promptOptimizationDefinition();
// Generous: a loaded CI box must never time out a healthy step; the deadline case waits this long once per transport.
const STEP_TIMEOUT_MS = 8_000;

const transports: { name: string; skip: boolean; open: (prefix: string) => Promise<Transport & { deleteStream?: () => Promise<void> }> }[] = [
  { name: 'in-memory transport', skip: false, open: async (prefix) => createMemoryTransport({ prefix }) },
  { name: 'NATS JetStream', skip: !natsUrl(), open: (prefix) => connectNatsTransport({ servers: natsUrl()!, prefix }) },
];

for (const t of transports) {
  describe.skipIf(t.skip)(`PromptOptimizationSaga orchestrator over ${t.name} (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, { timeout: 120_000 }, () => {
    let conn: Awaited<ReturnType<typeof openTestDatabase>>;
    let transport: Awaited<ReturnType<(typeof t)['open']>>;
    let orchestrator: SagaOrchestrator;
    let store: ReturnType<typeof createSagaStore>;
    let agents: Awaited<ReturnType<typeof startSagaAgents>>;

    beforeAll(async () => {
      conn = await openTestDatabase();
      await migratePatterns(conn);
      transport = await t.open(`evcsaga${randomBytes(4).toString('hex')}`);
      store = createSagaStore(conn.db);
      orchestrator = createPromptOptimizationOrchestrator({ store, transport, tenantId: 'acme', stepTimeoutMs: STEP_TIMEOUT_MS, timeoutCheckMs: 50, onError: () => {} });
      await orchestrator.start();
      agents = await startSagaAgents(catalog, transport, { observerEvents: [...definition.emits] });
    }, BOOT_TIMEOUT_MS);
    afterAll(async () => {
      await orchestrator?.stop();
      await agents?.stop();
      await transport?.deleteStream?.();
      await transport?.close();
      await conn?.close();
    });

    const finished = (sagaId: string) =>
      waitFor(`saga ${sagaId} to finish`, async () => {
        const s = await store.get(sagaId);
        return s && s.status !== 'running' ? s : undefined;
      });

    it('runs three sagas end to end: requests chained by causation, one correlationId each, every step done once', async () => {
      const triggers = await Promise.all([agents.startSaga(), agents.startSaga(), agents.startSaga()]);
      for (const trigger of triggers) {
        const state = await finished(trigger.correlationId);
        expect(state.status, 'the saga completed all three steps').toBe('completed');
        const observed = await waitFor('both requests on the wire', () => {
          const o = agents.observed(trigger.correlationId);
          return o.length >= 2 ? o : undefined;
        });
        expect(observed.map((o) => o.eventType)).toEqual(['Evaluation.Execution.Requested', 'Optimization.Execution.Requested']);
        expect(observed.map((o) => o.causationId), 'each request is caused by the outcome that completed the previous step').toEqual([
          state.events['Prompt.Draft.Created']!.eventId,
          state.events['Evaluation.Execution.Completed']!.eventId,
        ]);
        expect(observed.every((o) => o.correlationId === trigger.correlationId), 'the correlationId is kept for the whole saga').toBe(true);
        expect(agents.handledBy(trigger.correlationId), 'every step owner ran once').toEqual({
          'Prompt.Creation.Requested': 1,
          'Evaluation.Execution.Requested': 1,
          'Optimization.Execution.Requested': 1,
        });
      }
    });

    const failures: { why: string; script: SagaScript; step: number; failureEvent: string; compensations: string[] }[] = [
      { why: 'creation fails', script: { creation: 'fail' }, step: 1, failureEvent: 'Prompt.Creation.Failed', compensations: ['Prompt.Creation.RolledBack'] },
      { why: 'evaluation fails', script: { evaluation: 'fail' }, step: 2, failureEvent: 'Evaluation.Execution.Failed', compensations: ['Evaluation.Retry.Requested', 'Prompt.Creation.RolledBack'] },
      {
        why: 'optimization fails',
        script: { optimization: 'fail' },
        step: 3,
        failureEvent: 'Optimization.Execution.Failed',
        compensations: ['Prompt.Version.Restored', 'Evaluation.Retry.Requested', 'Prompt.Creation.RolledBack'],
      },
      { why: 'the evaluation owner crashes (runtime FailureEvent)', script: { evaluation: 'throw' }, step: 2, failureEvent: 'Platform.Event.Failed', compensations: ['Evaluation.Retry.Requested', 'Prompt.Creation.RolledBack'] },
    ];
    it.each(failures)('$why: compensates the failed and completed steps in reverse order', async ({ script, step, failureEvent, compensations }) => {
      const trigger = await agents.startSaga(script);
      const state = await finished(trigger.correlationId);
      expect(state).toMatchObject({ status: 'compensated', failure: { step, cause: 'failure-event', eventType: failureEvent } });
      const observed = await waitFor('the compensations on the wire', () => {
        const o = agents.observed(trigger.correlationId).slice(step - 1);
        return o.length >= compensations.length ? o : undefined;
      });
      expect(observed.map((o) => o.eventType), 'compensations newest step first').toEqual(compensations);
      expect(new Set(observed.map((o) => o.causationId)), 'all caused by the failure event').toEqual(new Set([state.failure!.eventId]));
    });

    it('treats a step that misses its deadline as failed', async () => {
      const trigger = await agents.startSaga({ evaluation: 'silent' });
      const state = await finished(trigger.correlationId);
      expect(state).toMatchObject({ status: 'compensated', failure: { step: 2, cause: 'timeout' } });
      const took = Date.parse(state.updatedAt) - Date.parse(state.log[1]!.at);
      expect(took, 'not before the deadline').toBeGreaterThanOrEqual(STEP_TIMEOUT_MS);
      const observed = await waitFor('compensations', () => {
        const o = agents.observed(trigger.correlationId);
        return o.length >= 3 ? o : undefined;
      });
      expect(observed.map((o) => o.eventType)).toEqual(['Evaluation.Execution.Requested', 'Evaluation.Retry.Requested', 'Prompt.Creation.RolledBack']);
    });

    it('absorbs a redelivered event: same eventId → no transition, no command', async () => {
      const trigger = await agents.startSaga();
      await finished(trigger.correlationId);
      const before = await store.processed(trigger.correlationId);
      expect(await orchestrator.handle(trigger), 'the trigger was already processed').toBe('duplicate');
      expect(await store.processed(trigger.correlationId), 'nothing new recorded').toEqual(before);
      expect(new Set(before.map((p) => p.eventId)).size, 'each event processed once').toBe(before.length);
      expect(await store.pending(trigger.correlationId), 'no command waits to be published').toEqual([]);
    });
  });
}
