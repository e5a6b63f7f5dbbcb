import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { connectNatsTransport, createMemoryTransport, type Transport } from '#runtime/index.ts';
import { natsUrl, openTestDatabase } from '#test/support/db.ts';
import { startSagaAgents, waitFor, type SagaScript, type StepBehaviour } from '#test/fixtures/patterns/saga-agents.ts';
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
      agents = await startSagaAgents(catalog, transport, { observerEvents: [...definition.emits], failureObserver: true });
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

    // The seed: PromptCreationFailed → PromptRollback, EvaluationFailed → RetryEvaluation,
    // OptimizationFailed → RestorePrevious. One compensation per failure.
    const compensated: { why: string; script: SagaScript; step: number; failureEvent: string; compensation: string }[] = [
      { why: 'creation fails → PromptRollback only', script: { creation: 'fail' }, step: 1, failureEvent: 'Prompt.Creation.Failed', compensation: 'Prompt.Creation.RolledBack' },
      { why: 'optimization fails → RestorePrevious only', script: { optimization: 'fail' }, step: 3, failureEvent: 'Optimization.Execution.Failed', compensation: 'Prompt.Version.Restored' },
    ];
    it.each(compensated)('$why', async ({ script, step, failureEvent, compensation }) => {
      const trigger = await agents.startSaga(script);
      const state = await finished(trigger.correlationId);
      expect(state).toMatchObject({ status: 'compensated', failure: { step, cause: 'failure-event', eventType: failureEvent } });
      const observed = await waitFor('the compensation on the wire', () => {
        const o = agents.observed(trigger.correlationId).slice(step - 1);
        return o.length >= 1 ? o : undefined;
      });
      await new Promise((r) => setTimeout(r, 200)); // room for a wrong extra compensation to show up
      expect(agents.observed(trigger.correlationId).slice(step - 1).map((o) => o.eventType), 'exactly one compensation').toEqual([compensation]);
      expect(observed[0]!.causationId, 'caused by the failure event').toBe(state.failure!.eventId);
    });

    it.each([
      { why: 'EvaluationFailed', evaluation: ['fail', 'ok'] as StepBehaviour[] },
      { why: 'the evaluation owner crashing (runtime FailureEvent)', evaluation: ['throw', 'ok'] as StepBehaviour[] },
    ])('$why → RetryEvaluation: the retried evaluation succeeds and the saga completes, with no rollback', async ({ evaluation }) => {
      const trigger = await agents.startSaga({ evaluation });
      const state = await finished(trigger.correlationId);
      expect(state.status, 'the retry succeeded, so the flow went on').toBe('completed');
      expect(agents.observed(trigger.correlationId).map((o) => o.eventType)).toEqual([
        'Evaluation.Execution.Requested',
        'Evaluation.Retry.Requested',
        'Optimization.Execution.Requested',
      ]);
      expect(agents.handledBy(trigger.correlationId)['Evaluation.Retry.Requested'], 'the evaluation really ran again').toBe(1);
    });

    it('an evaluation that keeps failing is retried within the retry policy, then the saga fails without a rollback', async () => {
      const trigger = await agents.startSaga({ evaluation: 'fail' });
      const state = await finished(trigger.correlationId);
      const maxAttempts = definition.steps[1]!.maxAttempts;
      expect(state).toMatchObject({ status: 'failed', failure: { step: 2, eventType: 'Evaluation.Execution.Failed' } });
      const observed = agents.observed(trigger.correlationId).map((o) => o.eventType);
      expect(observed.filter((t) => t === 'Evaluation.Retry.Requested'), `${maxAttempts} attempts in all: the request and ${maxAttempts - 1} retries`).toHaveLength(maxAttempts - 1);
      expect(observed, 'the seed calls for no rollback here').not.toContain('Prompt.Creation.RolledBack');
    });

    it('a step that misses its deadline is that step failing: the evaluation is retried', async () => {
      const trigger = await agents.startSaga({ evaluation: ['silent', 'ok'] });
      const state = await finished(trigger.correlationId);
      expect(state.status).toBe('completed');
      expect(state.log.map((l) => l.transition)).toEqual(['started', 'advanced', 'retrying', 'advanced', 'completed']);
      const retriedAt = state.log.find((l) => l.transition === 'retrying')!.at;
      expect(Date.parse(retriedAt) - Date.parse(state.log[1]!.at), 'not before the deadline').toBeGreaterThanOrEqual(STEP_TIMEOUT_MS);
    });

    it('refuses a new trigger that reuses a finished saga\'s correlationId with a FailureEvent', async () => {
      const first = await agents.startSaga({ creation: 'fail' });
      await finished(first.correlationId);
      const reuse = await agents.startSaga({}, first.correlationId);
      const refusal = await waitFor('the refusal on the wire', () =>
        agents.failures(first.correlationId).find((f) => f.error.code === 'SAGA_CORRELATION_REUSED'),
      );
      expect(refusal.originalEvent.eventId, 'the refused trigger is named').toBe(reuse.eventId);
      expect((await store.get(first.correlationId))!.status, 'the finished saga is untouched').toBe('compensated');
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
