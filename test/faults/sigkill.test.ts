/**
 * Fault: a consumer process is killed with SIGKILL mid-stream and restarted. Over the real
 * NATS server: 0 events lost, every redelivered-but-already-handled event absorbed by the
 * idempotency store, order per aggregate kept across the crash.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNatsTransport, createProducerRuntime } from '#runtime/index.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { testContracts, waitFor } from './support/contracts.ts';

const servers = process.env.NATS_URL;
const script = path.join(repoRoot, 'test/faults/support/consumer-process.ts');

const readLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

function startConsumer(env: Record<string, string>): Promise<ChildProcess> {
  // node --import tsx, not the tsx CLI: the CLI forks a second node process, and SIGKILL
  // would then hit the wrapper while the real consumer keeps running.
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`consumer process exited (${code}) before ready: ${stderr}`)));
  });
}

describe.skipIf(!servers)('fault: consumer process killed with SIGKILL mid-stream (NATS JetStream)', () => {
  let dir = '';
  const prefix = `evcf${randomUUID().slice(0, 8)}`;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'evc-sigkill-'));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    const t = await connectNatsTransport({ servers: servers!, prefix });
    await t.deleteStream();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses 0 events, absorbs the redelivered duplicates and keeps per-key order', async () => {
    const total = 3000;
    const keys = 50;
    const handledFile = path.join(dir, 'handled.log');
    const dupsFile = path.join(dir, 'dups.log');
    const env = { NATS_URL: servers!, PREFIX: prefix, HANDLED_FILE: handledFile, DUPS_FILE: dupsFile, ACK_WAIT_MS: '2000', HOLD_MS: '5' };

    const transport = await connectNatsTransport({ servers: servers!, prefix });
    const producer = createProducerRuntime({ transport, agent: 'prompt-studio', tenantId: 'acme', contracts: [testContracts().created] });
    const sent = new Set<string>();
    const publishing = (async () => {
      for (let seq = 0; seq < total / keys; seq++) {
        const batch = [];
        for (let k = 0; k < keys; k++) batch.push(producer.send('Prompt.Lifecycle.Created', { promptId: `p-${k}`, seq }));
        for (const e of await Promise.all(batch)) sent.add(e.eventId);
      }
    })();

    const first = await startConsumer(env);
    children.push(first);
    await waitFor(() => readLines(handledFile).length >= total / 4, 'the first process to handle a quarter', 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = readLines(handledFile).length;
    expect(atKill, 'killed mid-stream, not after the end').toBeLessThan(total);

    const second = await startConsumer(env);
    children.push(second);
    await publishing;
    await waitFor(() => new Set(readLines(handledFile).map((l) => l.split(' ')[0])).size >= total, 'every event handled', 90_000);
    await new Promise((r) => setTimeout(r, 2500)); // one more ack wait: late redeliveries must be absorbed too
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
    await transport.close();

    const lines = readLines(handledFile).map((l) => l.split(' '));
    const handledIds = lines.map(([id]) => id!);
    expect(sent.size, 'all events were published').toBe(total);
    expect(handledIds.filter((id) => !sent.has(id)), 'nothing handled that was not sent').toEqual([]);
    expect([...sent].filter((id) => !handledIds.includes(id)), 'lost events: 0').toEqual([]);
    expect(handledIds.length - new Set(handledIds).size, 'no event reached the handler twice').toBe(0);
    expect(readLines(dupsFile).length, 'JetStream did redeliver handled-but-unacked events, and they were absorbed').toBeGreaterThan(0);
    const lastSeq = new Map<string, number>();
    const violations: string[] = [];
    for (const [, key, seqText] of lines) {
      const seq = Number(seqText);
      if ((lastSeq.get(key!) ?? -1) + 1 !== seq) violations.push(`${key}: ${lastSeq.get(key!)} → ${seq}`);
      lastSeq.set(key!, seq);
    }
    expect(violations, 'per-aggregate order held across the crash').toEqual([]);
  }, 180_000);
});
