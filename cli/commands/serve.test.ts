/**
 * The README's `npm start`: `evc serve` on PGlite in a data directory. On an empty
 * database it registers the seed and prints the URL and a fresh admin token; on restart
 * it keeps the data and prints no new token; EVC_ADMIN_TOKEN is honoured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '#test/support/conformance.ts';

const running: ChildProcess[] = [];

async function serve(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/evc.js', 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', EVC_ADMIN_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (/ready at http/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`evc serve exited with ${code}: ${err}`)));
  });
  const url = /ready at (http:\/\/\S+)/.exec(out)![1]!;
  const token = /admin token \(shown once, store it now\): (\S+)/.exec(out)?.[1];
  return { child, url, token, out };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

afterEach(async () => {
  for (const c of running.splice(0)) if (c.exitCode === null) await stop(c);
});

describe('evc serve (npm start)', () => {
  it('seeds an empty database, prints the URL and a fresh admin token, and keeps data across restarts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'evc-serve-'));
    const first = await serve(dataDir);
    expect(first.token, `a fresh admin token is printed:\n${first.out}`).toMatch(/^evc_/);
    expect(first.out).toMatch(/document registered: .*prompt-platform.yaml: 19 event\(s\)/);
    // why: a first start takes seconds; each step prints a line as it completes, in order.
    const order = ['database opened', 'migrations applied', 'seed document checked', 'listening on', 'document registered', 'admin token (shown once', 'ready at'];
    const at = order.map((needle) => first.out.indexOf(needle));
    expect(at.every((i) => i >= 0) && at.every((i, n) => n === 0 || i > at[n - 1]!), `steps in order:\n${first.out}`).toBe(true);
    const events = (await (await fetch(`${first.url}/v1/events`)).json()) as { events: unknown[] };
    expect(events.events.length, 'the seed is registered').toBe(19);
    const ui = /web UI: (http:\/\/\S+)/.exec(first.out)?.[1];
    expect(ui, `npm start prints the UI's address:\n${first.out}`).toBe(`${first.url}/ui/`);
    const page = await fetch(ui!);
    expect(page.status, 'the printed UI address answers').toBe(200);
    expect(await page.text(), 'and shows the seed').toContain('Prompt.Creation.Requested');
    const created = await fetch(`${first.url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'publish' }),
    });
    expect(created.status, 'the printed token is an admin token').toBe(201);
    await stop(first.child);

    const second = await serve(dataDir, { EVC_ADMIN_TOKEN: 'evc_from-the-environment-0123456789' });
    expect(second.token, 'no new token on restart').toBeUndefined();
    expect(second.out).toMatch(/EVC_ADMIN_TOKEN/);
    expect(second.out, 'no re-seeding').not.toMatch(/document registered/);
    const again = (await (await fetch(`${second.url}/v1/events`)).json()) as { events: unknown[] };
    expect(again.events.length, 'data survived the restart').toBe(19);
    const withEnv = await fetch(`${second.url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: 'Bearer evc_from-the-environment-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'read' }),
    });
    expect(withEnv.status, 'EVC_ADMIN_TOKEN is an admin token').toBe(201);
  }, 240_000);

  it('reports a busy port at once, before it creates or opens the data directory', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as AddressInfo).port;
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'evc-serve-busy-')), 'data');
    try {
      const child = spawn(process.execPath, ['bin/evc.js', 'serve', '--port', String(port), '--data-dir', dataDir], {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: '', EVC_ADMIN_TOKEN: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code, 'a busy port is a usage error').toBe(2);
      expect(err).toContain(`port ${port} on 127.0.0.1 is already in use`);
      // why: the old order created and seeded the data directory first, then failed to listen.
      expect(existsSync(dataDir), 'the data directory was never touched').toBe(false);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
