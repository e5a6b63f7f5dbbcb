/**
 * A real registry for fault tests: `evc serve` as its own process (node --import tsx, so a
 * kill or an abort hits the server itself), on port 0, with PGlite in a temporary directory
 * or a fresh database on DATABASE_URL. Exposes its URL, a publish-capable token and the RSS
 * of the process, read from /proc (Linux) or `ps`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';
import { openTestDatabase } from '#test/support/db.ts';

export interface RegistryProcess {
  url: string;
  token: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far (its log). */
  log(): string;
  rssBytes(): number;
  alive(): boolean;
  stop(): Promise<void>;
}

export async function startRegistryProcess(): Promise<RegistryProcess> {
  const token = `evc_${randomBytes(32).toString('hex')}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'evc-hostile-'));
  const database = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
  const args = ['--import', 'tsx', path.join(repoRoot, 'bin/evc.js'), 'serve', '--port', '0', ...(database?.url ? ['--database-url', database.url] : ['--data-dir', path.join(dir, 'data')])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, EVC_ADMIN_TOKEN: token, DATABASE_URL: database?.url ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code, signal) => reject(new Error(`evc serve exited (${code ?? signal}) before listening:\n${stderr}`)));
  });
  return {
    url,
    token,
    child,
    log: () => stderr,
    rssBytes: () => rssOf(child.pid!),
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
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
