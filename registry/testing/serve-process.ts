/**
 * `evc serve` as a child process for tests that drive it with Pact's own clients: a port
 * chosen by the OS, an admin token, PGlite in a temp dir or (when DATABASE_URL is set and
 * `postgres` is asked for) a fresh database on the server. Also the `pact-broker` binary
 * of @pact-foundation/pact-cli, run as a process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';
import { openTestDatabase } from '#test/support/db.ts';
import { generateToken } from '../domain/tokens.ts';

export interface ServeProcess {
  url: string;
  token: string;
  stop(): Promise<void>;
}

export async function startServeProcess(options: { database: 'pglite' | 'postgres'; env?: Record<string, string> }): Promise<ServeProcess> {
  const token = generateToken(); // a real admin token: evc serve refuses one under 32 characters
  const dataDir = mkdtempSync(path.join(tmpdir(), 'evc-broker-'));
  const db = options.database === 'postgres' ? await openTestDatabase() : undefined;
  const args = ['bin/evc.js', 'serve', '--port', '0', '--host', '127.0.0.1', ...(db?.url ? ['--database-url', db.url] : ['--data-dir', dataDir])];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '', EVC_ADMIN_TOKEN: token, PACT_DO_NOT_TRACK: 'true', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`evc serve did not start in 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // `evc serve` prints "evc registry ready at URL" (older builds: "listening on URL").
      const m = /(?:ready at|listening on) (http:\/\/[^\s)]+)/.exec(output);
      if (m) (clearTimeout(timer), resolve(m[1]!));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`evc serve exited with ${code}:\n${output}`))));
  });
  return {
    url,
    token,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        // A loaded machine can take long to drain; the child is ours, so end it after 15 s.
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await db?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The `pact-broker` executable shipped inside @pact-foundation/pact-cli (no download at run time). */
export const pactBrokerBin = (): string => createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact-broker.js');

export interface CliRun {
  status: number;
  out: string;
}

/** Runs `pact-broker ARGS` against `server` (base URL and token from the environment, as CI would set them). */
export function pactBroker(server: ServeProcess, args: string[]): CliRun {
  const r = spawnSync(process.execPath, [pactBrokerBin(), ...args], {
    cwd: repoRoot,
    env: { ...process.env, PACT_BROKER_BASE_URL: server.url, PACT_BROKER_TOKEN: server.token, PACT_DO_NOT_TRACK: 'true' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}`.replace(/\u001b\[[0-9;]*m/g, '') };
}
