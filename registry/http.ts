/** Request parsing and response helpers shared by the route files. */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import { invalidRequest, invalidSchema, invalidVersion } from './errors.ts';

/** Confluent's media type (docs.confluent.io, Schema Registry API, "Content types"). */
export const CONFLUENT_JSON = 'application/vnd.schemaregistry.v1+json';

export const confluentJson = (c: Context, body: unknown, status: 200 | 201 = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': CONFLUENT_JSON } });

/**
 * One request header, read from the Node request that @hono/node-server passes as
 * `c.env.incoming` (headers Node already parsed, lower-case keys). `c.req.header()` would
 * build a WHATWG Headers object first, which cost the cached id routes a quarter of their
 * CPU per request (bench:registry). Without a Node request (`app.request()` in tests) it
 * falls back to Hono's accessor.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming?.headers) return c.req.header(name);
  const value = incoming.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * A response body served many times unchanged (immutable ids, cached reads): encoded once,
 * with a plain header object that includes its length. @hono/node-server writes a Response
 * built from bytes and a plain object straight to the socket, with no Headers object and no
 * re-encoding per request.
 */
export interface PreparedBody {
  bytes: Uint8Array;
  headers: Readonly<Record<string, string>>;
}

export const prepareBody = (body: string, headers: Record<string, string>): PreparedBody => {
  const bytes = Buffer.from(body, 'utf8');
  return { bytes, headers: { ...headers, 'content-length': String(bytes.byteLength) } };
};

export const sendPrepared = (prepared: PreparedBody): Response => new Response(prepared.bytes, { status: 200, headers: prepared.headers });

/** 1-based line and column of a character offset, for `line:col` messages. */
export const lineColOf = (text: string, offset: number): { line: number; col: number } => {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
};

/** JSON.parse with a `line:col` in the error, from V8's "position N" or "line L column C". */
export function parseJsonText(text: string, what: string, code: 'schema' | 'request' = 'request'): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(message);
    const pos = /position (\d+)/.exec(message);
    const at = lc ? { line: Number(lc[1]), col: Number(lc[2]) } : pos ? lineColOf(text, Number(pos[1])) : lineColOf(text, text.length);
    const fail = code === 'schema' ? invalidSchema : invalidRequest;
    throw fail(`Invalid JSON in ${what} at ${at.line}:${at.col}: ${message}`, { line: at.line, col: at.col });
  }
}

export async function readJsonBody(c: Context, what = 'request body'): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw invalidRequest(`The ${what} is empty; send a JSON object.`);
  return parseJsonText(text, what);
}

/** Validates with zod; the error lists every issue with its JSON pointer. */
export function validate<T extends z.ZodType>(schema: T, value: unknown, what = 'request body'): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `/${i.path.join('/')}: ${i.message}`);
  throw invalidRequest(`Invalid ${what}: ${issues.join('; ')}`, { issues });
}

/** Confluent version path segment: `latest`, `-1` (latest) or a positive integer. */
export function parseConfluentVersion(text: string): number | 'latest' {
  if (text === 'latest' || text === '-1') return 'latest';
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2 ** 31 - 1) throw invalidVersion(text);
  return Number(text);
}

export function parseId(text: string): number {
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2 ** 31 - 1) throw invalidRequest(`'${text}' is not a schema id: ids are positive integers.`);
  return Number(text);
}

export const flag = (value: string | undefined): boolean => value === 'true' || value === '1';
