import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, lockFileOf } from './data-dir-lock.ts';

const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'evc-dirlock-')), 'data');

/** A pid that certainly belonged to a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

type Owner = Record<string, unknown> | string;

const writeLock = (dir: string, owner: Owner) =>
  writeFileSync(lockFileOf(dir), typeof owner === 'string' ? owner : JSON.stringify(owner));

describe('lockDataDir', () => {
  it('writes the holder, refuses a second opener with the holder named, and releases', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    const owner = JSON.parse(readFileSync(lock.file, 'utf8'));
    expect(owner, 'the lock file names this process and host').toMatchObject({ pid: process.pid, host: hostname() });
    let refusal: unknown;
    try {
      lockDataDir(dir, 'do this instead');
    } catch (error) {
      refusal = error;
    }
    expect(refusal, 'a second opener, even in the same process, is refused').toBeInstanceOf(DataDirLockedError);
    expect((refusal as DataDirLockedError).message).toContain(`in use by process ${process.pid}`);
    expect((refusal as DataDirLockedError).hint, 'the caller says what to do instead').toBe('do this instead');
    lock.release();
    expect(existsSync(lock.file), 'release removes the lock file').toBe(false);
    lockDataDir(dir).release();
  });

  it.each([
    ['a dead pid on this host (kill -9)', true, (): Owner => ({ pid: deadPid(), host: hostname(), since: 'then' })],
    ['a half-written file (its writer died between create and write)', true, (): Owner => ''],
    ['this very pid, not held here (a restarted container is pid 1 again)', true, (): Owner => ({ pid: process.pid, host: hostname(), since: 'then' })],
    ['a live pid on this host', false, (): Owner => ({ pid: process.ppid, host: hostname(), since: 'now' })],
    ['another host (a shared volume): its pids mean nothing here', false, (): Owner => ({ pid: deadPid(), host: `not-${hostname()}`, since: 'now' })],
  ] as const)('a lock held by %s: taken over = %s', (_case, takenOver, owner) => {
    const dir = freshDir();
    writeLock(dir, owner());
    if (takenOver) {
      const lock = lockDataDir(dir);
      expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid, 'the new lock is ours').toBe(process.pid);
      lock.release();
    } else {
      expect(() => lockDataDir(dir), 'a lock that may be live is respected').toThrow(DataDirLockedError);
    }
  });

  it('release never removes a lock that another process took over meanwhile', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    writeLock(dir, { pid: process.ppid, host: hostname(), since: 'later' });
    lock.release();
    expect(existsSync(lock.file), 'the other holder keeps its lock').toBe(true);
  });
});
