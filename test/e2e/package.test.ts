/**
 * evc in a user's own repository: `npm pack` this repository (which runs `prepare`, the build),
 * install the tarball into a scratch project outside it (`npm init -y`), then run what a user
 * runs: `npx evc lint`, `npx evc diff`, `npx evc generate --out src/contracts`; compile the
 * generated code with `tsc --strict` (no skipLibCheck: our .d.ts files are checked too) and run a
 * producer → consumer round trip on the in-memory transport with plain node.
 *
 * It installs the tarball's dependencies with `--prefer-offline` (after `npm ci` the npm cache
 * holds them all, so no download happens in CI). That takes about a minute, so outside CI it runs
 * only with EVC_PACKAGE_TEST=1 and otherwise skips with one line.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DOCUMENT_PATH, repoRoot } from '#catalog/bundled.ts';
import { inCI, skipWithout, type Requirement } from '#test/support/requirements.ts';

const run = promisify(execFile);

const needsPackageInstall: Requirement = {
  what: 'an npm install of the packed tarball into a scratch project (about a minute)',
  available: () => inCI() || process.env.EVC_PACKAGE_TEST === '1',
  enable: 'set EVC_PACKAGE_TEST=1; CI always runs it',
};

/** Runs a command in the scratch project; never throws, returns what a shell would show. */
async function sh(cwd: string, file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 99, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const ROUND_TRIP = `
import { createMemoryTransport } from 'event-contracts/runtime';
import { createProducer } from './contracts/prompt-studio/index.ts';
import { createConsumer } from './contracts/prompt-engineering-specialist/index.ts';
import type { PromptCreationRequestedEvent } from './contracts/prompt-engineering-specialist/index.ts';

const transport = createMemoryTransport();
const received: PromptCreationRequestedEvent[] = [];
const consumer = createConsumer({
  transport,
  handlers: {
    'Prompt.Creation.Requested': (event) => void received.push(event),
    'Optimization.Execution.Requested': () => {},
    'Prompt.Creation.RolledBack': () => {},
    'Prompt.Version.Restored': () => {},
  },
});
await consumer.start();
const sent = await createProducer({ transport, tenantId: 'acme' }).send.promptCreationRequested({
  requirements: { description: 'Summarise support tickets', context: ['helpdesk'], constraints: { maxTokens: 800 } },
  priority: 'high',
});
for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
await consumer.stop();
await transport.close();
console.log(JSON.stringify({ sent: sent.eventId, received: received.map((e) => e.eventId), source: received[0]?.metadata.source }));
`;

describe.skipIf(skipWithout(needsPackageInstall))('event-contracts installed from its tarball into a scratch project', () => {
  let scratch: string;
  let project: string;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'evc-package-'));
    project = path.join(scratch, 'project');
    mkdirSync(project);
    // `npm pack` runs `prepare` (the build), so the tarball holds a fresh dist/.
    const pack = await sh(repoRoot, npm, ['pack', '--pack-destination', scratch, '--silent']);
    expect(pack.code, `npm pack failed:\n${pack.stderr}`).toBe(0);
    const tarball = path.join(scratch, readdirSync(scratch).find((f) => f.endsWith('.tgz'))!);
    expect((await sh(project, npm, ['init', '-y'])).code).toBe(0);
    expect((await sh(project, npm, ['pkg', 'set', 'type=module'])).code).toBe(0);
    const install = await sh(project, npm, ['install', tarball, '@types/node@^20', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']);
    expect(install.code, `npm install of the tarball failed:\n${install.stderr}`).toBe(0);
  }, 600_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('runs npx evc lint on the user\'s own document', async () => {
    mkdirSync(path.join(project, 'asyncapi'), { recursive: true });
    copyFileSync(BUNDLED_DOCUMENT_PATH, path.join(project, 'asyncapi/events.yaml'));
    const lint = await sh(project, npx, ['evc', 'lint', 'asyncapi/events.yaml']);
    // why: the installed bin runs the compiled dist/ without tsx or the repository's sources.
    expect(lint, 'a clean document lints clean').toMatchObject({ code: 0 });
    expect(lint.stdout).toContain('No problems found');
  }, 120_000);

  it('runs npx evc diff on two schema files and names the break', async () => {
    writeFileSync(path.join(project, 'old.json'), JSON.stringify({ type: 'object', properties: { id: { type: 'string' } } }));
    writeFileSync(path.join(project, 'new.json'), JSON.stringify({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }));
    const diff = await sh(project, npx, ['evc', 'diff', 'old.json', 'new.json']);
    expect(diff.code, `a new required property is breaking (exit 1)\n${diff.stderr}`).toBe(1);
    expect(diff.stdout).toContain('REQUIRED_ATTRIBUTE_ADDED');
    // why: paths are printed as the user gave them.
    expect(diff.stdout).toContain('new.json');
    expect(diff.stdout).not.toContain('..');
  }, 120_000);

  it('generates clients that compile with tsc --strict (no skipLibCheck) and round-trip an event', async () => {
    const generate = await sh(project, npx, ['evc', 'generate', 'asyncapi/events.yaml', '--out', 'src/contracts']);
    expect(generate.code, generate.stderr).toBe(0);
    expect(generate.stderr, 'no warning that the runtime import only works inside the evc repository').toBe('');
    writeFileSync(path.join(project, 'src/round-trip.ts'), ROUND_TRIP);
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          rewriteRelativeImportExtensions: true,
          // The NATS client's declarations (reached through connectNatsTransport) use Symbol.asyncDispose.
          lib: ['ES2022', 'ESNext.Disposable'],
          types: ['node'],
        },
        include: ['src'],
      }),
    );
    // TypeScript comes with event-contracts (the registry compiles client bundles with it).
    const tsc = await sh(project, process.execPath, [path.join(project, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(tsc.stdout + tsc.stderr, 'the generated code and our declarations compile under --strict').toBe('');
    expect(tsc.code).toBe(0);
    const roundTrip = await sh(project, process.execPath, ['src/round-trip.js']);
    expect(roundTrip.code, roundTrip.stderr).toBe(0);
    const result = JSON.parse(roundTrip.stdout.trim()) as { sent: string; received: string[]; source: string };
    // why: the consumer of one agent received exactly the event the producer of another sent.
    expect(result.received).toEqual([result.sent]);
    expect(result.source).toBe('prompt-studio');
  }, 240_000);
});
