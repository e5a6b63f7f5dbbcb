/**
 * One side of the bench:saga workload in a process of its own, so its CPU time is its own
 * (process.cpuUsage covers a whole process, and Node 20 has no per-thread CPU clock):
 *   node --import tsx test/bench/saga-roles.ts orchestrator|agents
 * Environment: NATS_URL, DATABASE_URL, SAGA_PREFIX (subject namespace), SAGA_WORK_MS (agents:
 * simulated work per step), SAGA_POOL (orchestrator: connection pool size).
 * Driven over IPC by test/bench/saga.ts: `{ cmd: 'stats' }` answers CPU, event-loop
 * utilisation and counters; `{ cmd: 'stop' }` stops gracefully and exits. The orchestrator
 * also sends `{ done: sagaId, at }` (absolute high-resolution ms) when a saga's `completed`
 * transition is committed: that is the end of a saga's duration.
 */
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '#catalog/load.ts';
import { connect } from '#registry/db/connect.ts';
import { connectNatsTransport } from '#runtime/index.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { startSagaAgents } from '#test/fixtures/patterns/saga-agents.ts';
import { migratePatterns } from '#patterns/db/migrate.ts';
import { createPromptOptimizationOrchestrator } from '#patterns/saga/prompt-optimization.ts';
import { createSagaStore } from '#patterns/store/saga-store.ts';

export interface RoleStats {
  cpuMs: number;
  /** Event-loop utilisation since start (0..1): 1 means the process's one thread never waited. */
  elu: { idle: number; active: number };
  /** Orchestrator: transitions by kind, commands published, database commits. */
  counters: Record<string, number>;
}

const role = process.argv[2];
const send = (m: unknown) => process.send!(m);
const counters: Record<string, number> = {};
const count = (k: string, n = 1) => void (counters[k] = (counters[k] ?? 0) + n);
const now = () => performance.timeOrigin + performance.now();
const transport = await connectNatsTransport({ servers: process.env.NATS_URL!, prefix: process.env.SAGA_PREFIX! });
let stop: () => Promise<void>;

if (role === 'orchestrator') {
  const conn = await connect({ databaseUrl: process.env.DATABASE_URL!, max: Number(process.env.SAGA_POOL ?? '20') });
  await migratePatterns(conn);
  // Commits counted at the client: the server's pg_stat_database counters are flushed lazily.
  const store = createSagaStore(conn.db, { onCommit: () => count('commits') });
  const orchestrator = createPromptOptimizationOrchestrator({
    store,
    transport,
    tenantId: 'bench',
    timeoutCheckMs: 1_000,
    hooks: {
      afterCommit: ({ sagaId, transition }) => {
        count(`transition:${transition}`);
        if (transition === 'completed') send({ done: sagaId, at: now() });
      },
      afterPublish: ({ eventIds }) => count('published', eventIds.length),
    },
  });
  await orchestrator.start();
  stop = async () => {
    await orchestrator.stop();
    await conn.close();
  };
} else if (role === 'agents') {
  const catalog = await loadCatalog(`${repoRoot}/asyncapi/prompt-platform.yaml`);
  const agents = await startSagaAgents(catalog, transport, { observerEvents: ['Prompt.Creation.RolledBack'], stepWorkMs: Number(process.env.SAGA_WORK_MS ?? '0'), record: false });
  stop = () => agents.stop();
} else {
  throw new Error(`role must be orchestrator or agents, got ${role}`);
}

const elu0 = performance.eventLoopUtilization();
process.on('message', (m: { cmd: string; workMs?: number }) => {
  if (m.cmd === 'stats') {
    const cpu = process.cpuUsage();
    const elu = performance.eventLoopUtilization(elu0);
    send({ stats: { cpuMs: (cpu.user + cpu.system) / 1000, elu: { idle: elu.idle, active: elu.active }, counters: { ...counters } } satisfies RoleStats });
  } else if (m.cmd === 'stop') {
    void stop()
      .then(() => transport.close())
      .then(() => process.exit(0));
  }
});
send({ ready: role });
