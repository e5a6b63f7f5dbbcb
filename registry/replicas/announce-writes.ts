/**
 * After every successful write, tell the other instances before the response leaves, so a
 * client that reads from another instance next sees its own write (see change-feed.ts).
 * A write is any method but GET/HEAD/OPTIONS answered below 400, except the POSTs that only
 * read: compatibility checks, Confluent's "is this schema registered?" lookup
 * (`POST /subjects/{s}`) and dry runs. They would only pay the acknowledgement round trip.
 */
import type { MiddlewareHandler } from 'hono';
import type { ChangeFeed } from './change-feed.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const READ_ONLY_POSTS = [/^\/compatibility\//, /^\/v1\/events\/[^/]+\/compatibility$/, /^\/subjects\/[^/]+$/];

export function changesData(method: string, path: string, query: (name: string) => string | undefined): boolean {
  if (READS.has(method)) return false;
  if (method === 'POST' && READ_ONLY_POSTS.some((pattern) => pattern.test(path))) return false;
  return !/^(1|true)$/i.test(query('dryRun') ?? '');
}

export const announceWrites =
  (feed: ChangeFeed): MiddlewareHandler =>
  async (c, next) => {
    await next();
    if (c.res.status < 400 && changesData(c.req.method, c.req.path, (name) => c.req.query(name))) await feed.announce();
  };
