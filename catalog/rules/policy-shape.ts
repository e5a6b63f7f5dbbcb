import { z } from 'zod';
import type { Diagnostic } from '../errors.ts';
import { encodePointer } from '#shared/json-pointer.ts';
import { defineRule } from './rule.ts';

/** The seed's RetryStrategy and SLA (catalog/model.ts RetryPolicy, Sla), as document extensions. */
const retryPolicy = z.strictObject({
  maxAttempts: z.int().min(1),
  backoff: z.enum(['exponential', 'linear', 'fixed']),
  initialDelayMs: z.int().min(0),
  maxDelayMs: z.int().min(0),
  retryableErrors: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an UPPER_SNAKE_CASE error code')),
});
const sla = z.strictObject({
  latencyP95Ms: z.number().positive(),
  throughputPerSecond: z.number().positive(),
  delivery: z.enum(['at-least-once', 'at-most-once', 'exactly-once']),
  ordering: z.enum(['partial-per-aggregate', 'total', 'none']),
});

type Obj = Record<string, unknown>;

export default defineRule({
  id: 'policy-shape',
  description: 'x-retry-policy and x-sla (document: complete; message: any subset) have the seed fields and valid values',
  check({ doc, set, report }) {
    const found: Diagnostic[] = [];
    const check = (value: unknown, schema: z.ZodType, at: string[], file?: string) => {
      const result = schema.safeParse(value);
      if (result.success) return;
      for (const issue of result.error.issues) {
        const path = [...at, ...issue.path.map(String)];
        found.push(report(encodePointer(issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path), `${at.at(-1)} ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`, issue.code === 'unrecognized_keys' ? `Valid fields: ${Object.keys((schema as typeof retryPolicy).shape ?? {}).join(', ')}.` : 'The seed defines these policies; asyncapi/README.md lists their fields.', file));
      }
    };
    for (const [key, schema] of [['x-retry-policy', retryPolicy], ['x-sla', sla]] as const) {
      if (doc[key] !== undefined) check(doc[key], schema, [key]);
    }
    const messages = ((doc.components as Obj | undefined)?.messages ?? {}) as Record<string, Obj>;
    for (const [name, message] of Object.entries(messages)) {
      for (const [key, schema] of [['x-retry-policy', retryPolicy.partial()], ['x-sla', sla.partial()]] as const) {
        if (message?.[key] !== undefined) check(message[key], schema, ['components', 'messages', name, key], set.rootKey);
      }
    }
    return found;
  },
});
