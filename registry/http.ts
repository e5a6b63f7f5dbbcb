/** Request parsing and response helpers shared by the route files. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { invalidRequest, invalidSchema, invalidVersion } from './errors.ts';

/** Confluent's media type (docs.confluent.io, Schema Registry API, "Content types"). */
export const CONFLUENT_JSON = 'application/vnd.schemaregistry.v1+json';

export const confluentJson = (c: Context, body: unknown, status: 200 | 201 = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': CONFLUENT_JSON } });

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
