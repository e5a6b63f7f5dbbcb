/**
 * Embedded database safety, as processes: PGlite has no cross-process lock, so before the
 * fix two `evc serve` on one data directory both started (each saw only its own writes,
 * acknowledged registrations were lost at restart), `evc token create` wrote a token the
 * running server never saw, and a busy port was found only after the directory had been
 * created and migrated. Now the second opener is refused (exit 2, what to do instead) and a
 * lock left by `kill -9` is taken over. The busy port is cli/commands/serve.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '#catalog/bundled.ts';

const running: ChildProcess[] = [];
const env = { ...process.env, DATABASE_URL: '', EVC_ADMIN_TOKEN: '', EVC_REGISTRY_URL: '' };

/** No seed document: registering it costs most of a first start, and these tests need none. */
const serveArgs = (dataDir: string) => ['serve', '--port', '0', '--data-dir', dataDir, '--seed', 'no-seed-for-this-test.yaml'];

function evc(args: string[]) {
  const child = spawn(process.execPath, ['bin/evc.js', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
  const ready = new Promise<{ url: string; token?: string }>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const ready = /ready at (http:\/\/\S+)/.exec(out);
      if (ready) resolve({ url: ready[1]!, token: /store it now\): (\S+)/.exec(out)?.[1] });
    });
    void exited.then((r) => reject(new Error(`evc ${args[0]} exited with ${r.code}: ${r.err}`)));
  });
  ready.catch(() => {});
  return { child, exited, ready };
}

afterEach(async () => {
  for (const c of running.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
      });
    }
  }
});

describe('one process per PGlite data directory', () => {
  it('refuses a second `evc serve` on the same directory and `evc token create` on it, saying what to do; takes over the lock kill -9 left behind', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'evc-lock-')), 'data');
    const first = evc(serveArgs(dataDir));
    const { url, token } = await first.ready;
    expect(token, 'the first start printed an admin token').toMatch(/^evc_/);
    const lock = JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')) as { pid: number };
    expect(lock.pid, 'the lock names the server that holds the directory').toBe(first.child.pid);

    const second = await evc(serveArgs(dataDir)).exited;
    expect(second.code, `the second server refuses to start (exit 2):\n${second.err}`).toBe(2);
    expect(second.err, 'it names the holder').toContain(`in use by process ${first.child.pid}`);
    expect(second.err, 'and says what to do').toMatch(/stop that process first, or start this one with another --data-dir/);

    const direct = await evc(['token', 'create', '--role', 'publish', '--data-dir', dataDir]).exited;
    expect(direct.code, `evc token create refuses a directory a server holds:\n${direct.err}`).toBe(2);
    expect(direct.out, 'no token is printed that the server would never see').toBe('');
    expect(direct.err, 'it points at the server route instead').toMatch(/POST\/GET\/DELETE \/v1\/tokens with an admin token\), or stop the server first/);

    const health = await fetch(`${url}/health`);
    expect(health.status, 'the first server is unaffected').toBe(200);

    // The same directory, one initdb fewer (PGlite's first start is the slow part here).
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(`${dataDir}.lock`), 'kill -9 leaves the lock file behind').toBe(true);

    const again = evc(serveArgs(dataDir));
    const restarted = await again.ready;
    const taken = JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')) as { pid: number };
    expect(taken.pid, 'the stale lock (dead pid) was taken over').toBe(again.child.pid);
    const created = await fetch(`${restarted.url}/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"role":"read"}' });
    expect(created.status, 'the admin token stored before the kill still works: the data was kept').toBe(201);
  }, 400_000);
});
