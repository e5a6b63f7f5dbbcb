/**
 * Database outages fail fast. A stopped PostgreSQL refuses connections at once, but a
 * paused or partitioned one answers nothing: queries wait for TCP to give up (minutes).
 * So a request still running after `firstCheckMs` asks `DatabaseWatch` whether the
 * database answers a `select 1` on its own connection within `pingTimeoutMs`; if not, the
 * request is answered 503/50001 (its handler finishes or fails in the background). A
 * request that is merely slow (a bundle build, a large document) keeps running while the
 * database answers. Cached reads never wait on the database, so they are unaffected; and
 * nothing is restarted: the pool reconnects, the next ping says "up", requests go through.
 *
 * Worst case for a read that needs the database: firstCheckMs + pingTimeoutMs (< 1 s).
 * A write answered 503 this way may still commit when the database comes back; every
 * write is idempotent (same content → same version), so retrying is safe.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { storeUnavailable } from './errors.ts';

export const FAIL_FAST = {
  /** A request running this long triggers a reachability check (while the database is up). */
  firstCheckMs: 250,
  /** ... and this long once the last check failed, so an outage costs little per request. */
  firstCheckWhileDownMs: 50,
  /** A ping that has not answered by then counts as "unreachable". */
  pingTimeoutMs: 500,
  /** Slow requests are re-checked this often while the database answers. */
  recheckMs: 1000,
  /** Concurrent requests share a ping result this fresh. */
  reuseMs: 100,
} as const;

export type Ping = (timeoutMs: number) => Promise<boolean>;

export class DatabaseWatch {
  private last: { up: boolean; at: number } | undefined;
  /** When a request that ran past firstCheckMs last finished without a database outage. */
  slowSuccessAt = 0;
  private inflight: Promise<boolean> | undefined;
  constructor(private readonly ping: Ping) {}

  /** The last known state: false after a failed check until a check succeeds. */
  get knownDown(): boolean {
    return this.last?.up === false;
  }

  /**
   * One ping at a time, shared by every caller, never longer than pingTimeoutMs. A recent
   * answer is reused unless `fresh` (/health must report the database as it is now).
   */
  check(fresh = false): Promise<boolean> {
    if (!fresh && this.last && Date.now() - this.last.at < FAIL_FAST.reuseMs) return Promise.resolve(this.last.up);
    this.inflight ??= this.ping(FAIL_FAST.pingTimeoutMs)
      .catch(() => false)
      .then((up) => {
        this.last = { up, at: Date.now() };
        this.inflight = undefined;
        return up;
      });
    return this.inflight;
  }
}

/** Middleware: races the request against the watch; see the module comment. */
export function failFast(watch: DatabaseWatch): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const started = Date.now();
    const work = next().finally(() => {
      finished = true;
      clearTimeout(timer);
      // A slow request that completed proves the database answers: it is busy, not gone.
      if (Date.now() - started >= FAIL_FAST.firstCheckMs && c.res.status !== 503) watch.slowSuccessAt = Date.now();
    });
    const outage = new Promise<'down'>((resolve) => {
      const schedule = (ms: number) => {
        timer = setTimeout(async () => {
          if (finished) return;
          const up = await watch.check();
          if (finished) return;
          if (up) schedule(FAIL_FAST.recheckMs);
          // A ping lost in an overloaded machine while other slow requests still complete is
          // load, not an outage: look again shortly instead of failing this request.
          else if (Date.now() - watch.slowSuccessAt < FAIL_FAST.pingTimeoutMs) schedule(FAIL_FAST.firstCheckWhileDownMs);
          else resolve('down');
        }, ms);
        timer.unref?.();
      };
      schedule(watch.knownDown ? FAIL_FAST.firstCheckWhileDownMs : FAIL_FAST.firstCheckMs);
    });
    const winner = await Promise.race([work.then(() => 'done' as const), outage]);
    if (winner === 'done') return;
    work.catch(() => {}); // the handler goes on in the background; its outcome is no longer sent
    // app.onError answers and logs it like any other outage (503/50001).
    throw Object.assign(storeUnavailable({ database: 'down' }), { cause: `no answer to a ping within ${FAIL_FAST.pingTimeoutMs} ms` });
  };
}
