/**
 * bench:saga's baselines, measured in the same run as the sagas: what the saga path would
 * cost if the orchestrator itself were free.
 *  - JetStream: raw publish (PubAck awaited) and raw consume + ack through the transport
 *    adapter (no envelope, no validation, no runtime), with messages of a real saga event's
 *    size; and the publish → consume round trip of one message (a saga is six such hops).
 *  - PostgreSQL: one saga's writes to the saga tables as plain SQL through postgres.js (no
 *    drizzle, no decider): 4 transactions (lock the row, record the event, store the state,
 *    and the outbox row when the transition sends a command) and 2 outbox `published_at` updates.
 * CPU is this process's (process.cpuUsage) plus the servers' (/proc); nothing else of the
 * benchmark runs meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { connectNatsTransport, type IncomingMessage } from '#runtime/index.ts';
import { cpuBetween, snapshotCpu } from './proc-cpu.ts';

export interface Measured {
  count: number;
  wallMs: number;
  /** This process's CPU ms, and the servers' (undefined without /proc). */
  clientCpuMs: number;
  natsCpuMs?: number;
  postgresCpuMs?: number;
  /** Per-unit latencies, sorted (ms). */
  latencies: number[];
  /** PostgreSQL commits made (counted at the client). */
  commits?: number;
}

async function measure(count: number, run: (latencies: number[]) => Promise<void>, commits?: () => number): Promise<Measured> {
  const latencies: number[] = [];
  const c0 = commits ? commits() : 0;
  const s0 = snapshotCpu();
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  await run(latencies);
  const wallMs = performance.now() - t0;
  const u = process.cpuUsage(u0);
  const servers = cpuBetween(s0, snapshotCpu());
  const c1 = commits ? commits() : 0;
  latencies.sort((a, b) => a - b);
  return { count, wallMs, clientCpuMs: (u.user + u.system) / 1000, ...(servers.nats !== undefined ? { natsCpuMs: servers.nats } : {}), ...(servers.postgres !== undefined ? { postgresCpuMs: servers.postgres } : {}), latencies, ...(commits ? { commits: c1 - c0 } : {}) };
}

/** Runs `total` units with at most `window` at a time. */
async function windowed(total: number, window: number, unit: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(window, total) }, async () => {
    while (next < total) await unit(next++);
  }));
}

export interface JetStreamBaseline {
  publish: Measured;
  consume: Measured;
  /** One message published and consumed, one at a time: the latency of one saga hop. */
  hop: Measured;
}

export async function jetStreamBaseline(natsUrl: string, payload: Uint8Array, count: number, window: number): Promise<JetStreamBaseline> {
  const prefix = `evcbenchraw${randomBytes(3).toString('hex')}`;
  const transport = await connectNatsTransport({ servers: natsUrl, prefix });
  try {
    const tag = randomBytes(4).toString('hex');
    const publishOne = (i: number, kind: string) => transport.publish({ subject: `${prefix}.${kind}.k${i % 64}`, data: payload, msgId: `${tag}-${kind}-${i}`, partitionKey: `k${i % 64}` });
    const publish = await measure(count, (lat) => windowed(count, window, async (i) => {
      const s = performance.now();
      await publishOne(i, 'bulk');
      lat.push(performance.now() - s);
    }));
    let consumed = 0;
    let drained!: () => void;
    const done = new Promise<void>((r) => (drained = r));
    const consume = await measure(count, async () => {
      const sub = await transport.subscribe({ durable: `bulk-${tag}`, subjects: [`${prefix}.bulk.*`], maxInFlight: 1000, onMessage: (m: IncomingMessage) => {
        m.ack();
        if (++consumed === count) drained();
      } });
      await done;
      await sub.stop();
    });
    // Round trip: publish, then wait for this subscriber to receive it.
    const waiting = new Map<string, () => void>();
    const hopSub = await transport.subscribe({ durable: `hop-${tag}`, subjects: [`${prefix}.hop.*`], onMessage: (m) => {
      m.ack();
      waiting.get(m.msgId)?.();
    } });
    const hops = Math.min(count, 300);
    const hop = await measure(hops, (lat) => windowed(hops, 1, async (i) => {
      const s = performance.now();
      const arrived = new Promise<void>((r) => waiting.set(`${tag}-hop-${i}`, r));
      await publishOne(i, 'hop');
      await arrived;
      lat.push(performance.now() - s);
    }));
    await hopSub.stop();
    return { publish, consume, hop };
  } finally {
    await transport.deleteStream();
    await transport.close();
  }
}

/**
 * One saga's writes, as the saga store makes them (patterns/store/saga-store.ts), in plain SQL.
 * `state` and `command` are a real completed saga's state and one of its outbox events.
 */
export async function postgresBaseline(databaseUrl: string, state: unknown, command: unknown, sagas: number, window: number, pool: number): Promise<Measured> {
  const sql = postgres(databaseUrl, { max: pool, onnotice: () => {} });
  const tag = randomBytes(4).toString('hex');
  try {
    await sql`select 1`; // open a connection before measuring
    let commits = 0;
    const stateJson = sql.json(state as postgres.JSONValue);
    const commandJson = sql.json(command as postgres.JSONValue);
    const transition = (sagaId: string, n: number, first: boolean, outbox: boolean) => {
      commits++;
      return sql.begin(async (tx) => {
        await tx`select * from evc_saga_instances where saga_id = ${sagaId} for update`;
        if (first) {
          await tx`insert into evc_saga_instances (saga_id, saga_name, status, state, deadline_at, updated_at) values (${sagaId}, 'PromptOptimizationSaga', 'running', ${stateJson}, now() + interval '5 minutes', now())`;
          await tx`insert into evc_saga_processed_events (saga_id, event_id, event_type) values (${sagaId}, ${`${sagaId}-e${n}`}, 'X')`;
          return;
        }
        await tx`insert into evc_saga_processed_events (saga_id, event_id, event_type) values (${sagaId}, ${`${sagaId}-e${n}`}, 'X') on conflict do nothing returning event_id`;
        await tx`update evc_saga_instances set status = 'running', state = ${stateJson}, deadline_at = now(), updated_at = now(), revision = revision + 1 where saga_id = ${sagaId}`;
        if (outbox) await tx`insert into evc_saga_outbox (saga_id, event_id, event_type, event) values (${sagaId}, ${`${sagaId}-c${n}`}, 'X', ${commandJson})`;
      });
    };
    const markPublished = async (sagaId: string, n: number) => {
      commits++;
      await sql`update evc_saga_outbox set published_at = now() where event_id in (${`${sagaId}-c${n}`}) and published_at is null`;
    };
    return await measure(sagas, (lat) => windowed(sagas, window, async (i) => {
      const s = performance.now();
      const id = `raw-${tag}-${i}`;
      await transition(id, 0, true, false);
      await transition(id, 1, false, true);
      await markPublished(id, 1);
      await transition(id, 2, false, true);
      await markPublished(id, 2);
      await transition(id, 3, false, false);
      lat.push(performance.now() - s);
    }), () => commits);
  } finally {
    await sql.end();
  }
}
