/**
 * Runs the PromptOptimizationSaga orchestrator as a process:
 *   DATABASE_URL=postgres://… NATS_URL=nats://… npx tsx patterns/saga/orchestrator-process.ts
 * Environment: DATABASE_URL (else PGlite in EVC_PGLITE_DIR, else in memory), NATS_URL,
 * EVC_DOCUMENT (contracts compiled from it; default: the generated client's), EVC_PREFIX (subject prefix, default `evc`), EVC_TENANT,
 * EVC_STEP_TIMEOUT_MS, EVC_ACK_WAIT_MS. Prints `ready` once consuming; SIGTERM/SIGINT stop it
 * gracefully (in-flight events finish, unacked ones go back to the broker).
 */
import { loadCatalog } from '#catalog/load.ts';
import { connect } from '#registry/db/connect.ts';
import { connectNatsTransport } from '#runtime/index.ts';
import { migratePatterns } from '../db/migrate.ts';
import { createSagaStore } from '../store/saga-store.ts';
import type { SagaOrchestratorOptions } from './orchestrator.ts';
import { createPromptOptimizationOrchestrator } from './prompt-optimization.ts';

const num = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));

export async function runOrchestratorProcess(env: NodeJS.ProcessEnv, hooks?: SagaOrchestratorOptions['hooks']): Promise<{ stop(): Promise<void> }> {
  // The generated client's contracts by default; EVC_DOCUMENT compiles them from another document.
  const catalog = env.EVC_DOCUMENT ? await loadCatalog(env.EVC_DOCUMENT) : undefined;
  const conn = await connect({ ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}), ...(env.EVC_PGLITE_DIR ? { dataDir: env.EVC_PGLITE_DIR } : {}) });
  await migratePatterns(conn);
  const ackWaitMs = num(env.EVC_ACK_WAIT_MS);
  const transport = await connectNatsTransport({
    servers: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    prefix: env.EVC_PREFIX ?? 'evc',
    ...(ackWaitMs !== undefined ? { ackWaitMs } : {}),
  });
  const stepTimeoutMs = num(env.EVC_STEP_TIMEOUT_MS);
  const orchestrator = createPromptOptimizationOrchestrator({
    ...(catalog ? { catalog } : {}),
    store: createSagaStore(conn.db),
    transport,
    tenantId: env.EVC_TENANT ?? 'default',
    ...(stepTimeoutMs !== undefined ? { stepTimeoutMs } : {}),
    ...(hooks ? { hooks } : {}),
  });
  await orchestrator.start();
  return {
    async stop() {
      await orchestrator.stop();
      await transport.close();
      await conn.close();
    },
  };
}

export async function main(hooks?: SagaOrchestratorOptions['hooks']): Promise<void> {
  const running = await runOrchestratorProcess(process.env, hooks);
  const shutdown = () => void running.stop().then(() => process.exit(0), (e: unknown) => (console.error(e), process.exit(1)));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  process.stdout.write('ready\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
