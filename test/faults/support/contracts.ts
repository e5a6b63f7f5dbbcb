/**
 * Hand-written contract data for the runtime tests: the seed's envelope (BaseEvent), two
 * PromptAggregate events and the FailureEvent, compiled with Ajv exactly as the generator's
 * standalone validators would be. Independent of the catalog so the runtime is tested alone.
 */
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { ContractData, RetryPolicy } from '#runtime/index.ts';

// ajv-formats is CommonJS; under ESM interop its default export may be nested.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (ajv: Ajv) => Ajv;

const id = { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$' };
const trace = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' };

export const baseEventSchema = {
  type: 'object',
  required: ['eventId', 'eventType', 'timestamp', 'version', 'correlationId', 'causationId', 'metadata', 'payload'],
  properties: {
    eventId: id,
    eventType: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*\\.[A-Z][A-Za-z0-9]*\\.[A-Z][A-Za-z0-9]*$' },
    timestamp: { type: 'string', format: 'date-time', pattern: 'Z$' },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
    correlationId: trace,
    causationId: trace,
    metadata: {
      type: 'object',
      required: ['source', 'tenantId'],
      properties: {
        source: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' },
        tenantId: { type: 'string', minLength: 1 },
        userId: { type: 'string', minLength: 1 },
        sessionId: { type: 'string', minLength: 1 },
      },
    },
    payload: { type: 'object' },
  },
};

function eventSchema(eventType: string, payload: object, extra: Record<string, unknown> = {}, required: string[] = []) {
  return {
    allOf: [
      baseEventSchema,
      { type: 'object', required: ['payload', ...required], properties: { eventType: { const: eventType }, payload, ...extra } },
    ],
  };
}

const promptId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' };

export const schemas = {
  created: eventSchema('Prompt.Lifecycle.Created', {
    type: 'object',
    required: ['promptId', 'seq'],
    additionalProperties: false,
    properties: { promptId, seq: { type: 'integer', minimum: 0 }, title: { type: 'string' } },
  }),
  createdV2: eventSchema('Prompt.Lifecycle.Created', {
    type: 'object',
    required: ['promptId', 'seq', 'owner'],
    properties: { promptId, seq: { type: 'integer' }, owner: { type: 'string' } },
  }),
  updated: eventSchema('Prompt.Lifecycle.Updated', {
    type: 'object',
    required: ['promptId', 'seq'],
    properties: { promptId, seq: { type: 'integer', minimum: 0 } },
  }),
  failed: eventSchema(
    'Platform.Event.Failed',
    {
      type: 'object',
      required: ['handler', 'attempts', 'deadLettered'],
      properties: { handler: { type: 'string' }, attempts: { type: 'integer', minimum: 1 }, deadLettered: { type: 'boolean' } },
    },
    {
      error: {
        type: 'object',
        required: ['code', 'message', 'details', 'retryable'],
        properties: {
          code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
          message: { type: 'string', minLength: 1 },
          details: { type: 'object' },
          retryable: { type: 'boolean' },
          retryAfter: { type: 'integer', minimum: 0 },
        },
      },
      originalEvent: { allOf: [baseEventSchema] },
    },
    ['error', 'originalEvent'],
  ),
};

export function compile(schema: object) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

export interface TestContracts {
  created: ContractData;
  createdV2: ContractData;
  updated: ContractData;
  failed: ContractData;
}

export function testContracts(): TestContracts {
  return {
    created: { eventType: 'Prompt.Lifecycle.Created', version: '1.0.0', partitionKey: '/payload/promptId', validate: compile(schemas.created) },
    createdV2: { eventType: 'Prompt.Lifecycle.Created', version: '2.1.0', partitionKey: '/payload/promptId', validate: compile(schemas.createdV2) },
    updated: { eventType: 'Prompt.Lifecycle.Updated', version: '1.0.0', partitionKey: '/payload/promptId', validate: compile(schemas.updated) },
    failed: { eventType: 'Platform.Event.Failed', version: '1.0.0', partitionKey: '/correlationId', validate: compile(schemas.failed) },
  };
}

/** The seed's policy with tiny delays so retry tests run in milliseconds. */
export const fastRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  backoff: 'exponential',
  initialDelayMs: 20,
  maxDelayMs: 200,
  retryableErrors: ['TIMEOUT', 'RATE_LIMIT', 'TEMPORARY_FAILURE'],
};

/** Resolves when `check` holds, polling; rejects with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
