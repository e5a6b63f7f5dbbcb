/**
 * The README's `npm start`: `evc serve` on PGlite in a data directory. On an empty
 * database it registers the seed and prints the URL and a fresh admin token; on restart
 * it keeps the data and prints no new token; EVC_ADMIN_TOKEN is honoured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
      if (/admin token/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`evc serve exited with ${code}: ${err}`)));
  });
  const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
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
    expect(first.out).toMatch(/registered .*prompt-platform.yaml: 19 event\(s\)/);
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
    expect(second.out, 'no re-seeding').not.toMatch(/registered .*prompt-platform/);
    const again = (await (await fetch(`${second.url}/v1/events`)).json()) as { events: unknown[] };
    expect(again.events.length, 'data survived the restart').toBe(19);
    const withEnv = await fetch(`${second.url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: 'Bearer evc_from-the-environment-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'read' }),
    });
    expect(withEnv.status, 'EVC_ADMIN_TOKEN is an admin token').toBe(201);
  }, 240_000);
});
