/**
 * A small catalog in the seed's shape (BaseEvent envelope, `$defs`, x-reads), for the
 * pure unit tests of contracts/ that must not depend on the seed document's details.
 */
import type { Catalog, EventContract, JsonSchema } from '#catalog/model.ts';

const envelope = (payload: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['eventId', 'eventType', 'timestamp', 'version', 'correlationId', 'causationId', 'metadata', 'payload'],
  properties: {
    eventId: { type: 'string', format: 'uuid' },
    eventType: { type: 'string' },
    timestamp: { type: 'string', format: 'date-time' },
    version: { type: 'string' },
    correlationId: { type: 'string' },
    causationId: { type: 'string' },
    metadata: {
      type: 'object',
      required: ['source', 'tenantId'],
      properties: { source: { type: 'string' }, tenantId: { type: 'string' }, userId: { type: 'string' }, sessionId: { type: 'string' } },
    },
    payload,
  },
  $defs: {
    Requirements: {
      type: 'object',
      required: ['description', 'context', 'constraints'],
      properties: {
        description: { type: 'string', minLength: 1 },
        context: { type: 'array', items: { type: 'string' } },
        constraints: { type: 'object' },
        targetModel: { type: 'string' },
      },
    },
  },
});

export const promptCreationRequested = (): EventContract => {
  const payloadSchema: JsonSchema = {
    type: 'object',
    required: ['requirements', 'priority'],
    additionalProperties: false,
    properties: {
      requirements: { $ref: '#/$defs/Requirements' },
      priority: { type: 'string', enum: ['low', 'medium', 'high', 'critical'] },
      deadline: { type: 'string', format: 'date-time' },
      attempts: { type: 'integer', minimum: 0 },
      tags: { type: 'array', minItems: 1, items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, weight: { type: 'number' } } } },
    },
  };
  return {
    eventType: 'Prompt.Creation.Requested',
    version: '1.2.0',
    name: 'PromptCreationRequested',
    channel: { id: 'promptCreationRequested', address: 'prompt.creation.requested' },
    schema: envelope(payloadSchema),
    payloadSchema,
    enveloped: true,
    publishers: ['prompt-studio'],
    subscribers: [
      { agent: 'prompt-engineering-specialist', role: 'handler', operationId: 'pes.receive', reads: ['/requirements', '/priority', '/deadline', '/tags'] },
      { agent: 'ui-ux-designer', role: 'ui-update', operationId: 'ui.receive', reads: ['/priority', '/deadline'] },
      { agent: 'domain-modeller', role: 'context-analysis', operationId: 'dm.receive', reads: ['/requirements/description', '/requirements/context'] },
      { agent: 'observability-engineer', role: 'monitoring', operationId: 'oe.receive' },
    ],
    partitionKey: '/eventId',
    examples: [
      {
        requirements: { description: 'Summarise support tickets', context: ['support', 'tickets'], constraints: { maxTokens: 200 } },
        priority: 'high',
        deadline: '2026-02-01T12:00:00Z',
        attempts: 0,
        tags: [{ name: 'support', weight: 0.5 }],
      },
    ],
    schemaFormat: 'application/vnd.aai.asyncapi+json;version=3.0.0',
    source: { file: 'fixture.yaml', pointer: '/components/messages/PromptCreationRequested', line: 1, col: 1 },
  };
};

export const fixtureCatalog = (): Catalog => ({
  asyncapi: '3.0.0',
  title: 'Fixture',
  version: '1.0.0',
  events: [promptCreationRequested()],
  agents: [],
  sagas: [],
  aggregates: [],
  source: { file: 'fixture.yaml', sha256: '0'.repeat(64) },
});
