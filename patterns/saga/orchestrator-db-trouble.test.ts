import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { createMemoryTransport, type RetryPolicy } from '#runtime/index.ts';
import { openTestDatabase } from '#test/support/db.ts';
import { startSagaAgents, waitFor } from '#test/fixtures/patterns/saga-agents.ts';
import { migratePatterns } from '../db/migrate.ts';
import { createSagaStore, type SagaStore } from '../store/saga-store.ts';
import { createPromptOptimizationOrchestrator, promptOptimizationDefinition } from './prompt-optimization.ts';
import type { SagaOrchestrator } from './orchestrator.ts';

// The orchestrator turns its own trouble (a database error while applying an event) into a
// retryable TEMPORARY_FAILURE: the broker redelivers the event and the saga goes on; nothing is
// given up and no FailureEvent is published for it (orchestrator.ts, runtime/README.md).
const catalog = await loadCatalog('asyncapi/prompt-platform.yaml');
const definition = promptOptimizationDefinition();
const fastRetries: RetryPolicy = { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 20, maxDelayMs: 20, retryableErrors: ['TIMEOUT', 'RATE_LIMIT', 'TEMPORARY_FAILURE'] };

describe(`saga orchestrator when its database fails once (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, { timeout: 120_000 }, () => {
  let conn: Awaited<ReturnType<typeof openTestDatabase>>;
  let orchestrator: SagaOrchestrator;
  let store: SagaStore;
  let agents: Awaited<ReturnType<typeof startSagaAgents>>;
  const transport = createMemoryTransport({ prefix: 'evcsagadb' });
  const errors: unknown[] = [];
  let failNext = 0;
  const failedOn: string[] = [];

  beforeAll(async () => {
    conn = await openTestDatabase();
    await migratePatterns(conn);
    const real = createSagaStore(conn.db);
    store = {
      ...real,
      transition: (sagaId, input, decide) => {
        if (failNext > 0 && input.eventType === 'Evaluation.Execution.Completed') {
          failNext -= 1;
          failedOn.push(input.eventType);
          return Promise.reject(new Error('Connection terminated unexpectedly'));
        }
        return real.transition(sagaId, input, decide);
      },
    };
    orchestrator = createPromptOptimizationOrchestrator({ store, transport, tenantId: 'acme', retryPolicy: fastRetries, timeoutCheckMs: 50, onError: (e) => errors.push(e) });
    await orchestrator.start();
    agents = await startSagaAgents(catalog, transport, { observerEvents: [...definition.emits], failureObserver: true });
  }, 180_000);
  afterAll(async () => {
    await orchestrator?.stop();
    await agents?.stop();
    await transport.close();
    await conn?.close();
  });

  it('a database error while applying an event is retried as TEMPORARY_FAILURE and the saga completes', async () => {
    failNext = 1;
    const trigger = await agents.startSaga();
    const state = await waitFor(`saga ${trigger.correlationId} to finish`, async () => {
      const s = await store.get(trigger.correlationId);
      return s && s.status !== 'running' ? s : undefined;
    });
    expect(failedOn, 'the injected failure happened').toEqual(['Evaluation.Execution.Completed']);
    expect(state.status, 'the redelivered event was applied').toBe('completed');
    expect(agents.failures(trigger.correlationId), 'no FailureEvent for the orchestrator’s own trouble').toEqual([]);
    expect(errors, 'nothing was given up').toEqual([]);
  });

  it('the same error thrown on every attempt is given up as TEMPORARY_FAILURE after maxAttempts, with the cause kept', async () => {
    failNext = fastRetries.maxAttempts;
    failedOn.length = 0;
    const trigger = await agents.startSaga();
    const failure = await waitFor('the failure event', () => agents.failures(trigger.correlationId)[0]);
    expect(failedOn).toHaveLength(fastRetries.maxAttempts);
    expect(failure.error).toMatchObject({ code: 'TEMPORARY_FAILURE', retryable: true });
    expect(JSON.stringify(failure), 'the message names the saga and the cause').toContain('PromptOptimizationSaga: Connection terminated unexpectedly');
  });
});
