/**
 * Real `evc serve` processes for multi-instance tests and bench:scale: each one is
 * `node bin/evc.js serve --port 0` on a given PostgreSQL URL, with a fixed admin token.
 * `stop('SIGTERM')` drains; `stop('SIGKILL')` is a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';

export interface Instance {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output: () => string;
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export async function startInstance(databaseUrl: string, adminToken: string, env: Record<string, string> = {}): Promise<Instance> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/evc.js'), 'serve', '--port', '0', '--database-url', databaseUrl], {
    cwd: repoRoot,
    env: { ...process.env, EVC_ADMIN_TOKEN: adminToken, PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started server behind
      reject(new Error(`evc serve did not start within 300 s:\n${output}`));
    }, 300_000);
    const look = () => {
      const match = /registry (?:ready at|listening on) (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`evc serve exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    exited,
    output: () => output,
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
