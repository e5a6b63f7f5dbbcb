/**
 * One process per PGlite data directory. PGlite has no cross-process lock: two processes
 * on one directory each see only their own writes and acknowledged registrations are lost
 * at the next restart. So every opener (`evc serve`, `evc token`, the saga orchestrator…)
 * goes through `connect()`, which takes this lock first.
 *
 * The lock is a file beside the directory (`<dir>.lock`, so PGlite's initdb still sees an
 * empty directory) created atomically with O_EXCL ("wx") and holding the owner's pid and
 * host. A lock whose pid is dead on this host is stale (the owner was killed with -9) and
 * is taken over; the takeover itself is serialised by a second O_EXCL file so two
 * processes finding the same stale lock cannot both win.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Refusal to open a directory another process holds; `hint` says what to do instead. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly owner: LockOwner | undefined,
    readonly hint: string,
  ) {
    const who = owner ? `process ${owner.pid} on ${owner.host} (since ${owner.since})` : 'another process';
    // A lock from another host cannot be checked from here (a recreated container has a new
    // host name): say how to clear it by hand.
    const foreign = owner && owner.host !== hostname() ? ` That host's processes cannot be checked from here: if none of them runs any more, delete ${lockFile}.` : '';
    super(`the PGlite data directory ${dataDir} is in use by ${who}; lock file ${lockFile}.${foreign}`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

const held = new Map<string, DataDirLock>();

export const lockFileOf = (dataDir: string): string => `${path.resolve(dataDir)}.lock`;

const readOwner = (file: string): LockOwner | undefined => {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '?') } : undefined;
  } catch {
    return undefined;
  }
};

/** Alive = signal 0 succeeds or is refused for permission (the pid exists, owned by another user). */
const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Stale when the owner is on this host and its pid is gone, or is our own pid while this
 * process does not hold the lock (a container restarted: the new process is pid 1 again).
 * A lock from another host (shared volume) is never presumed stale.
 */
const isStale = (owner: LockOwner | undefined, file: string): boolean => {
  if (!owner) return true; // unreadable or half-written: its writer died between open and write
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return !held.has(file);
  return !pidAlive(owner.pid);
};

const createExclusive = (file: string): boolean => {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() } satisfies LockOwner));
  } finally {
    closeSync(fd);
  }
  return true;
};

const removeQuietly = (file: string) => {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
};

/** Replaces a stale lock, holding `<lock>.takeover` (O_EXCL) so only one process does it. */
const takeOver = (file: string): boolean => {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard)) {
    if (!isStale(readOwner(guard), guard)) return false;
    removeQuietly(guard);
    if (!createExclusive(guard)) return false;
  }
  try {
    if (!isStale(readOwner(file), file)) return false;
    // Move the stale file aside rather than unlink it, so an O_EXCL create can only race with
    // other takers, which the guard already excludes.
    try {
      renameSync(file, `${file}.stale-${process.pid}`);
      removeQuietly(`${file}.stale-${process.pid}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return createExclusive(file);
  } finally {
    removeQuietly(guard);
  }
};

/** Takes the lock on `dataDir` or throws `DataDirLockedError`. Released by `release()` or at exit. */
export function lockDataDir(dataDir: string, hint = 'Stop the other process first (or use another --data-dir).'): DataDirLock {
  const file = lockFileOf(dataDir);
  const absolute = path.resolve(dataDir);
  if (held.has(file)) throw new DataDirLockedError(absolute, file, { pid: process.pid, host: hostname(), since: 'earlier in this process' }, hint);
  mkdirSync(path.dirname(file), { recursive: true });
  if (!createExclusive(file) && !takeOver(file)) throw new DataDirLockedError(absolute, file, readOwner(file), hint);
  const onExit = () => removeQuietly(file);
  process.once('exit', onExit);
  const lock: DataDirLock = {
    file,
    release: () => {
      if (held.get(file) !== lock) return;
      held.delete(file);
      process.off('exit', onExit);
      // Only remove a file that is still ours (never another process's lock after a takeover).
      if (readOwner(file)?.pid === process.pid) removeQuietly(file);
    },
  };
  held.set(file, lock);
  return lock;
}
