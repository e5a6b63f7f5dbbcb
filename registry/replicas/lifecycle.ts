/**
 * Liveness, readiness and the SIGTERM drain of one instance.
 * - live: the process answers HTTP (nothing else is checked: restarting it would not help
 *   a database outage).
 * - ready: not draining and the database answers; a load balancer sends traffic only then.
 * - drain: readiness turns false, the listener stops accepting, requests already in
 *   flight finish (their responses carry `Connection: close`), then the caller exits.
 */
import type { MiddlewareHandler } from 'hono';

export class Lifecycle {
  private draining = false;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  get isDraining(): boolean {
    return this.draining;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Counts requests; while draining, tells keep-alive clients to reconnect elsewhere. */
  readonly track: MiddlewareHandler = async (c, next) => {
    this.inFlight++;
    try {
      await next();
      if (this.draining) c.header('connection', 'close');
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  };

  startDraining(): void {
    this.draining = true;
  }

  /** Resolves true when no request is in flight, false if `timeoutMs` passed first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
