/**
 * `evc serve` as a child process, the one way tests and benchmarks start a real registry: a port
 * chosen by the OS (`--port 0`), a real admin token, and a database that is PGlite in a temporary
 * directory, a fresh database on the PostgreSQL server of DATABASE_URL (`'postgres'`), or a given
 * URL shared by several instances (`{ url }`). `stop()` drains with SIGTERM (SIGKILL after a
 * timeout); `stop('SIGKILL')` is a crash. Also the `pact-broker` binary of @pact-foundation/pact-cli.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';
import { openTestDatabase } from '#test/support/db.ts';
import { generateToken } from '../domain/tokens.ts';

export interface ServeOptions {
  database: 'pglite' | 'postgres' | { url: string };
  /** The admin token (default: a fresh one; evc serve refuses one under 32 characters). */
  token?: string;
  env?: Record<string, string>;
}

export interface ServeProcess {
  url: string;
  token: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  rssBytes(): number;
  alive(): boolean;
  /** Ends the server (SIGKILL after `timeoutMs`), then drops its temporary database and directory. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

const START_TIMEOUT_MS = 300_000; // PGlite's first open takes tens of seconds on a loaded 2-core machine

export async function startServeProcess(options: ServeOptions): Promise<ServeProcess> {
  const token = options.token ?? generateToken();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'evc-serve-'));
  const owned = options.database === 'postgres' ? await openTestDatabase() : undefined;
  const databaseUrl = typeof options.database === 'object' ? options.database.url : owned?.url;
  const args = [path.join(repoRoot, 'bin/evc.js'), 'serve', '--port', '0', '--host', '127.0.0.1', ...(databaseUrl ? ['--database-url', databaseUrl] : ['--data-dir', dataDir])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', PORT: '', EVC_ADMIN_TOKEN: token, PACT_DO_NOT_TRACK: 'true', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const cleanUp = async () => {
    await owned?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started server behind
      reject(new Error(`evc serve did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /registry ready at (http:\/\/\S+)/.exec(output);
      if (match) (clearTimeout(timer), resolve(match[1]!));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`evc serve exited (${code ?? child.signalCode}) before listening:\n${output}`))));
  }).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    token,
    child,
    exited,
    output: () => output,
    rssBytes: () => rssOf(child.pid!),
    alive,
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (alive()) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs); // the child is ours: a loaded machine can drain slowly
        await exited;
        clearTimeout(timer);
      }
      await cleanUp();
      return child.exitCode;
    },
  };
}

function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (kb) return Number(kb[1]) * 1024;
  } catch {
    // not Linux: ask ps
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) * 1024;
}

/** The `pact-broker` executable shipped inside @pact-foundation/pact-cli (no download at run time). */
export const pactBrokerBin = (): string => createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact-broker.js');

export interface CliRun {
  status: number;
  out: string;
}

/** Runs `pact-broker ARGS` against `server` (base URL and token from the environment, as CI would set them). */
export function pactBroker(server: Pick<ServeProcess, 'url' | 'token'>, args: string[]): CliRun {
  const r = spawnSync(process.execPath, [pactBrokerBin(), ...args], {
    cwd: repoRoot,
    env: { ...process.env, PACT_BROKER_BASE_URL: server.url, PACT_BROKER_TOKEN: server.token, PACT_DO_NOT_TRACK: 'true' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}`.replace(/\u001b\[[0-9;]*m/g, '') };
}
