/**
 * End to end: download two client bundles from a running registry (`evc pull`), `npm install`
 * them into a fresh temporary project, compile a small TypeScript program against them with
 * strict tsc, and run it: the saga orchestrator and the evaluation engine exchange events
 * over the real NATS JetStream server. Needs NATS_URL (CI sets it); fails if NATS is down.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { runCli } from '#cli/test-io.ts';
import { openTestRegistry, SEED_FILE, seedText, type TestRegistry } from '#registry/testing/harness.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { natsUrl } from '#test/support/db.ts';
import { bundleProgram } from './bundle-program.ts';

const run = promisify(execFile);
const AGENTS = ['prompt-optimization-orchestrator', 'evaluation-engine'];

async function npmInstall(cwd: string, specs: string[]): Promise<string> {
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...specs];
  try {
    // Offline first: the bundles are local files and the NATS packages are in the npm cache.
    const { stdout } = await run('npm', [...args, '--offline'], { cwd, timeout: 180_000 });
    return `offline: ${stdout}`;
  } catch (offline) {
    const { stdout } = await run('npm', args, { cwd, timeout: 300_000 });
    return `online (offline failed: ${(offline as Error).message.split('\n')[0]}): ${stdout}`;
  }
}

describe.skipIf(!natsUrl())('client bundles end to end over NATS JetStream', () => {
  let registry: TestRegistry;
  let project: string;

  beforeAll(async () => {
    registry = await openTestRegistry();
    const published = await registry.request('POST', '/v1/documents', { raw: seedText(), headers: { 'content-type': 'application/yaml' } });
    expect(published.status).toBe(201);
    project = await mkdtemp(path.join(tmpdir(), 'evc-bundle-e2e-'));
  }, 120_000);
  afterAll(async () => {
    await registry?.close();
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('pulls, installs, compiles and runs two agents exchanging events', async () => {
    const server = await registry.listen();
    for (const agent of AGENTS) {
      const pulled = await runCli(['pull', agent, '--registry', server.url, '--out', 'vendor'], { cwd: project });
      // why: agents get their client from the registry, not from this repo.
      expect(pulled.stderr).toBe('');
      expect(pulled.code).toBe(0);
    }
    const tarballs = (await readdir(path.join(project, 'vendor'))).sort();
    expect(tarballs).toEqual(['evc-clients-evaluation-engine-1.0.0.tgz', 'evc-clients-prompt-optimization-orchestrator-1.0.0.tgz']);

    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'agent-app', version: '0.0.0', private: true, type: 'module' }));
    const installed = await npmInstall(project, [...tarballs.map((t) => `./vendor/${t}`), '@types/node@20']);
    // why: a bundle is a normal npm package; its only dependencies are the NATS clients.
    expect(installed).toMatch(/added \d+ packages?/);
    expect((await readdir(path.join(project, 'node_modules', '@nats-io'))).sort()).toEqual(expect.arrayContaining(['jetstream', 'transport-node']));

    const catalog = await loadCatalog(SEED_FILE);
    const example = (type: string) => (catalog.events.find((e) => e.eventType === type)!.examples[0] as { payload: unknown }).payload;
    await writeFile(path.join(project, 'main.ts'), bundleProgram({ requested: example('Evaluation.Execution.Requested'), completed: example('Evaluation.Execution.Completed') }));
    await writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, skipLibCheck: true, types: ['node'], outDir: 'out' },
        files: ['main.ts'],
      }),
    );
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = await run(process.execPath, [tsc, '-p', project], { cwd: project }).then(
      () => '',
      (e: { stdout?: string; message: string }) => e.stdout || e.message,
    );
    // why: the typed API compiles in a strict consumer project (and @ts-expect-error proves payloads are typed).
    expect(compiled).toBe('');

    const prefix = `e2e${randomBytes(4).toString('hex')}`;
    const { stdout } = await run(process.execPath, [path.join(project, 'out', 'main.js')], {
      cwd: project,
      env: { ...process.env, NATS_URL: natsUrl(), EVC_PREFIX: prefix },
      timeout: 180_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    // why: every request reached the engine over NATS and every reply came back, causally linked.
    expect(result).toMatchObject({ sent: 20, replies: 20, matched: 20, unexpected: [] });
    // why: the producer validated before sending and named the offending JSON pointer.
    expect(result.rejected).toBe('/payload/revision');
    // why: nothing was invalid or failed on the wire; both consumers handled exactly what was sent.
    expect(result.engineStats).toMatchObject({ handled: 20, invalid: 0, failed: 0 });
    expect(result.orchestratorStats).toMatchObject({ handled: 20, invalid: 0, failed: 0 });
  }, 900_000);
});
