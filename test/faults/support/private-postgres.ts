/**
 * A PostgreSQL 15 of the test's own, for faults that stop or pause the server: the shared
 * one on :5432 is never touched. initdb refuses to run as root, so as root the cluster is
 * created and run as the `postgres` user (`runuser -u postgres --`). Binaries come from
 * PG_BIN or /usr/lib/postgresql/15/bin; when they are missing `start` throws (a suite
 * that needs them must fail in CI, not skip).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const postgresBin = (): string => process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  url: string;
  port: number;
  /** `pg_ctl stop -m fast`: connections are closed, new ones refused. */
  stop(): void;
  start(): void;
  /** SIGSTOP to the postmaster and every backend: connections stay open and nothing answers. */
  pause(): void;
  resume(): void;
  /** Stops the server (resuming it first) and deletes its directory. */
  destroy(): void;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Direct children of `pid`, from /proc (the backends the postmaster forked). */
const childrenOf = (pid: number): number[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after ")".
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  if (!existsSync(path.join(bin, 'initdb'))) {
    throw new Error(`PostgreSQL binaries not found in ${bin}: install postgresql-15 (apt-get install postgresql-15) or set PG_BIN`);
  }
  const asRoot = process.getuid?.() === 0;
  const run = (file: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, file), asRoot ? ['-u', 'postgres', '--', path.join(bin, file), ...args] : args, { stdio: 'pipe', timeout: 60_000 });
  const root = mkdtempSync(path.join(tmpdir(), 'evc-private-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const data = path.join(root, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = () => void run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(root, 'log'), '-w', '-t', '60', 'start']);
  const stop = () => void run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  const postmaster = () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let paused: number[] = [];
  start();
  const handle: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    pause() {
      const pid = postmaster();
      process.kill(pid, 'SIGSTOP'); // first, so it forks no new backend meanwhile
      paused = [pid, ...childrenOf(pid)];
      for (const child of paused.slice(1)) process.kill(child, 'SIGSTOP');
    },
    resume() {
      for (const pid of paused.reverse()) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          /* exited */
        }
      }
      paused = [];
    },
    destroy() {
      handle.resume();
      try {
        stop();
      } catch {
        /* already stopped */
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  return handle;
}
