/**
 * After every successful write (any method but GET/HEAD/OPTIONS answered below 400), tell
 * the other instances before the response leaves, so a client that reads from another
 * instance next sees its own write (see change-feed.ts).
 */
import type { MiddlewareHandler } from 'hono';
import type { ChangeFeed } from './change-feed.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const announceWrites =
  (feed: ChangeFeed): MiddlewareHandler =>
  async (c, next) => {
    await next();
    if (!READS.has(c.req.method) && c.res.status < 400) await feed.announce();
  };
