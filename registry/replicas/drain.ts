/**
 * Graceful stop of the HTTP listener: readiness false (the load balancer stops sending),
 * an optional pause so it notices, stop accepting, close idle keep-alive connections,
 * let in-flight requests finish (up to `timeoutMs`), then cut whatever is left.
 */
import type { Server } from 'node:http';
import type { Lifecycle } from './lifecycle.ts';

export interface DrainOptions {
  /** Keep serving this long after readiness turns false (EVC_DRAIN_DELAY_MS). Default 0. */
  delayMs?: number;
  /** Longest wait for in-flight requests (EVC_DRAIN_TIMEOUT_MS). Default 10 s. */
  timeoutMs?: number;
}

type NodeServer = Pick<Server, 'close'> & { closeIdleConnections?: () => void; closeAllConnections?: () => void };

export async function drainServer(server: NodeServer, lifecycle: Lifecycle, options: DrainOptions = {}): Promise<{ finished: boolean }> {
  lifecycle.startDraining();
  if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets that go idle between requests would hold `close` open.
  server.closeIdleConnections?.();
  const sweep = setInterval(() => server.closeIdleConnections?.(), 25);
  const finished = await lifecycle.whenIdle(options.timeoutMs ?? 10_000);
  // A handler that returned has not necessarily flushed its body: let the sockets finish
  // (they close as they go idle) before cutting whatever is left.
  let grace: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([closed, new Promise((resolve) => (grace = setTimeout(resolve, finished ? 1000 : 0)))]);
  clearTimeout(grace);
  clearInterval(sweep);
  server.closeAllConnections?.();
  await closed;
  return { finished };
}

/** Drain settings from the environment (milliseconds; invalid values fall back to defaults). */
export function drainOptionsFromEnv(env: Record<string, string | undefined>): DrainOptions {
  const ms = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined);
  const delayMs = ms(env.EVC_DRAIN_DELAY_MS);
  const timeoutMs = ms(env.EVC_DRAIN_TIMEOUT_MS);
  return { ...(delayMs !== undefined ? { delayMs } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
}
