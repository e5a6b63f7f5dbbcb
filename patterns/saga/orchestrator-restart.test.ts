/**
 * An orchestrator killed mid-saga and restarted: the saga still completes and no step runs
 * twice. With a PostgreSQL server (DATABASE_URL, as in CI) the orchestrator is a real child
 * process that SIGKILLs itself at the worst moments (after the commit but before publishing;
 * after publishing but before the ack). On PGlite, which one process owns, the first
 * orchestrator freezes at the same point and its NATS connection is closed instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { connectNatsTransport, type NatsTransport } from '#runtime/index.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { natsUrl, openTestDatabase } from '#test/support/db.ts';
import { startSagaAgents, waitFor } from '#test/fixtures/patterns/saga-agents.ts';
import { migratePatterns } from '../db/migrate.ts';
import { createSagaStore } from '../store/saga-store.ts';
import { createPromptOptimizationOrchestrator, promptOptimizationDefinition } from './prompt-optimization.ts';
import type { SagaOrchestrator } from './orchestrator.ts';

// PGlite boots in seconds, but on a loaded CI box it has taken close to a minute.
const BOOT_TIMEOUT_MS = 180_000;

const catalog = await loadCatalog('asyncapi/prompt-platform.yaml');
const ACK_WAIT_MS = 2_000;

const crashes = [
  { at: 'commit:Evaluation.Execution.Completed', why: 'after committing step 2, before publishing Optimization.Execution.Requested', current: 2, unpublished: 1 },
  { at: 'publish:Prompt.Draft.Created', why: 'after publishing Evaluation.Execution.Requested, before acking Prompt.Draft.Created', current: 1, unpublished: 0 },
];

describe.skipIf(!natsUrl())(`orchestrator killed mid-saga and restarted (${process.env.DATABASE_URL ? 'child process, PostgreSQL' : 'in-process, PGlite'})`, () => {
  let conn: Awaited<ReturnType<typeof openTestDatabase>>;
  let transport: NatsTransport;
  let agents: Awaited<ReturnType<typeof startSagaAgents>>;
  const prefix = `evcrestart${randomBytes(4).toString('hex')}`;
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    conn = await openTestDatabase();
    await migratePatterns(conn);
    transport = await connectNatsTransport({ servers: natsUrl()!, prefix });
    agents = await startSagaAgents(catalog, transport, { observerEvents: [...promptOptimizationDefinition().emits] });
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
    await agents?.stop();
    await transport?.deleteStream();
    await transport?.close();
    await conn?.close();
  });

  /** Starts an orchestrator (crashing at `crashAt` if given); resolves once it consumes. */
  async function startOrchestrator(crashAt?: string): Promise<{ died: Promise<string>; stop(): Promise<void> }> {
    if (conn.url) {
      const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/patterns/crashing-orchestrator.ts'], {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: conn.url, NATS_URL: natsUrl(), EVC_PREFIX: prefix, EVC_TENANT: 'acme', EVC_ACK_WAIT_MS: String(ACK_WAIT_MS), EVC_STEP_TIMEOUT_MS: '120000', EVC_CRASH_AT: crashAt ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const died = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        void died.then((how) => reject(new Error(`orchestrator process ended before it was ready (${how}): ${stderr}`)));
      });
      const stop = async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await died;
      };
      cleanup.push(stop);
      return { died, stop };
    }
    // PGlite: one process owns the database, so the "crash" is a freeze plus a dropped connection.
    const own = await connectNatsTransport({ servers: natsUrl()!, prefix, ackWaitMs: ACK_WAIT_MS });
    let froze!: (how: string) => void;
    const died = new Promise<string>((r) => (froze = r));
    const [point, eventType] = (crashAt ?? '').split(':');
    const last = new Map<string, string>();
    const freeze = () => {
      froze('frozen');
      return new Promise<void>(() => {});
    };
    const orchestrator: SagaOrchestrator = createPromptOptimizationOrchestrator({
      store: createSagaStore(conn.db),
      transport: own,
      tenantId: 'acme',
      stepTimeoutMs: 120_000,
      timeoutCheckMs: crashAt ? 3_600_000 : 100,
      onError: () => {},
      hooks: {
        afterCommit: ({ sagaId, input }) => (last.set(sagaId, input), point === 'commit' && input === eventType ? freeze() : undefined),
        afterPublish: ({ sagaId }) => (point === 'publish' && last.get(sagaId) === eventType ? freeze() : undefined),
      },
    });
    await orchestrator.start();
    void died.then(() => own.connection.close()); // the "process" is gone: its connection drops, acks never come
    const stop = async () => (crashAt ? own.connection.close() : (await orchestrator.stop(), await own.close()));
    cleanup.push(stop);
    return { died, stop };
  }

  it.each(crashes)('killed $why: the saga completes and no step runs twice', async ({ at, current, unpublished }) => {
    const store = createSagaStore(conn.db);
    const first = await startOrchestrator(at);
    const trigger = await agents.startSaga();
    const saga = trigger.correlationId;
    expect(await first.died, 'the first orchestrator died at the injected point').toMatch(/SIGKILL|frozen/);

    const mid = await store.get(saga);
    expect(mid, 'it died mid-saga').toMatchObject({ status: 'running', current });
    expect(await store.pending(saga), 'commands committed but not yet published at the moment of death').toHaveLength(unpublished);

    const second = await startOrchestrator();
    const done = await waitFor('the saga to complete after the restart', async () => {
      const s = await store.get(saga);
      return s?.status === 'completed' ? s : undefined;
    }, 60_000);
    expect(done.log.map((l) => l.transition)).toEqual(['started', 'advanced', 'advanced', 'completed']);
    await new Promise((r) => setTimeout(r, ACK_WAIT_MS + 500)); // give any duplicate a chance to show up
    expect(agents.handledBy(saga), 'each step owner ran exactly once').toEqual({
      'Prompt.Creation.Requested': 1,
      'Evaluation.Execution.Requested': 1,
      'Optimization.Execution.Requested': 1,
    });
    const requests = agents.observed(saga);
    expect(requests.map((r) => r.eventType), 'each request reached the wire once').toEqual(['Evaluation.Execution.Requested', 'Optimization.Execution.Requested']);
    const processed = await store.processed(saga);
    expect(new Set(processed.map((p) => p.eventId)).size, 'no event was applied twice').toBe(processed.length);
    expect(await store.pending(saga), 'the outbox is drained').toEqual([]);
    await second.stop();
  }, 180_000);
});
