/**
 * CPU time of the services a benchmark drives, read from Linux's /proc (proc(5)): the
 * nats-server process, every PostgreSQL process (backends, WAL writer, checkpointer, plus the
 * time of backends that already exited, which the postmaster collects as cutime/cstime), and
 * the whole machine (/proc/stat). Not available elsewhere: every reading is then undefined
 * and the report says so. The machine is shared, so server figures include other clients'
 * work; the benchmark records the load average beside them.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc times (`getconf CLK_TCK`; 100 on every Linux we run). */
const TICK_MS = 10;

interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime in ms. */
  own: number;
  /** cutime + cstime in ms (children already reaped). */
  children: number;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses: it ends at the last ')'.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const f = text.slice(close + 2).split(' ');
    // f[0] is field 3 (state): utime is field 14 → f[11], stime f[12], cutime f[13], cstime f[14].
    return { pid: Number(pid), comm, ppid: Number(f[1]), own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return undefined; // exited meanwhile, or no /proc
  }
}

export interface CpuSnapshot {
  /** ms of CPU used so far by nats-server. */
  nats?: number;
  /** ms of CPU used so far by PostgreSQL (all its processes, live and reaped). */
  postgres?: number;
  /** Machine-wide busy and total ms (all cores) since boot. */
  machine?: { busy: number; total: number };
}

export function snapshotCpu(): CpuSnapshot {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return {};
  }
  const stats = pids.map(readStat).filter((s): s is ProcStat => s !== undefined);
  const nats = stats.filter((s) => s.comm === 'nats-server');
  const pg = stats.filter((s) => s.comm === 'postgres' || s.comm.startsWith('postgres:'));
  const pgPids = new Set(pg.map((s) => s.pid));
  // The postmaster is the postgres process whose parent is not postgres: it reaps backends.
  const postmasters = pg.filter((s) => !pgPids.has(s.ppid));
  const snapshot: CpuSnapshot = {};
  if (nats.length) snapshot.nats = nats.reduce((n, s) => n + s.own, 0);
  if (pg.length) snapshot.postgres = pg.reduce((n, s) => n + s.own, 0) + postmasters.reduce((n, s) => n + s.children, 0);
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: idle + iowait is not busy.
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0) * TICK_MS;
    const idle = (cpu[3]! + cpu[4]!) * TICK_MS;
    snapshot.machine = { busy: total - idle, total };
  } catch {
    // no /proc/stat
  }
  return snapshot;
}

/** CPU used between two snapshots (ms), per service. */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): { nats?: number; postgres?: number; machineBusy?: number; machineTotal?: number } {
  return {
    ...(a.nats !== undefined && b.nats !== undefined ? { nats: b.nats - a.nats } : {}),
    ...(a.postgres !== undefined && b.postgres !== undefined ? { postgres: b.postgres - a.postgres } : {}),
    ...(a.machine && b.machine ? { machineBusy: b.machine.busy - a.machine.busy, machineTotal: b.machine.total - a.machine.total } : {}),
  };
}
