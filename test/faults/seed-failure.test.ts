/**
 * The runtime against the seed's own contracts: the generated evaluation-engine consumer
 * (its Ajv standalone validators, the seed's Platform.Event.Failed schema) on the in-memory
 * transport. Every FailureEvent it publishes must satisfy the seed's FailureEvent contract,
 * including the one for bytes that are not an event at all.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { createMemoryTransport, createProducerRuntime, HandlerError, subjectFilter, subjectFor } from '#runtime/index.ts';
import type { FailureEvent } from '#runtime/index.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { createConsumer } from '../../generated/evaluation-engine/consumer.ts';
import { evaluationExecutionRequestedContract, failureContract } from '../../generated/evaluation-engine/contracts.ts';
import { sleep, waitFor } from './support/contracts.ts';

const catalog = await loadCatalog(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'));
const example = catalog.events.find((e) => e.eventType === 'Evaluation.Execution.Requested')!.examples[0] as { payload: Record<string, unknown> };

async function setup(handler: () => void) {
  const transport = createMemoryTransport({ prefix: 'evc' });
  const failures: FailureEvent[] = [];
  await transport.subscribe({
    durable: 'observer',
    subjects: [subjectFilter('evc', 'Platform.Event.Failed')],
    onMessage: (m) => {
      failures.push(JSON.parse(new TextDecoder().decode(m.data)) as FailureEvent);
      m.ack();
    },
  });
  const consumer = createConsumer({
    transport,
    handlers: { 'Evaluation.Execution.Requested': handler, 'Evaluation.Retry.Requested': () => {} },
    retryPolicy: { maxAttempts: 2, backoff: 'exponential', initialDelayMs: 5, maxDelayMs: 10, retryableErrors: ['TIMEOUT'] },
  });
  await consumer.start();
  const producer = createProducerRuntime({ transport, agent: 'prompt-optimization-orchestrator', tenantId: 'acme-corp', contracts: [evaluationExecutionRequestedContract] });
  const raw = (body: string) => transport.publish({ subject: subjectFor('evc', 'Evaluation.Execution.Requested', 'prm_1'), data: new TextEncoder().encode(body), msgId: `raw-${Math.random()}`, partitionKey: 'prm_1' });
  return { producer, failures, raw };
}

describe('FailureEvents satisfy the seed contract (generated evaluation-engine consumer)', () => {
  it.each([
    { description: 'retries exhausted', body: undefined, code: 'TIMEOUT' },
    { description: 'payload breaks the schema', body: (e: object) => JSON.stringify({ ...e, payload: { ...example.payload, metrics: 'accuracy' } }), code: 'CONTRACT_VIOLATION' },
    { description: 'bytes that are not JSON', body: () => 'not json {', code: 'CONTRACT_VIOLATION' },
    { description: 'JSON that is not an envelope', body: () => JSON.stringify([1, 2, 3]), code: 'CONTRACT_VIOLATION' },
    { description: 'an envelope with a broken id and source', body: (e: object) => JSON.stringify({ ...e, eventId: 'nope', metadata: { source: 'Not An Agent', tenantId: 'acme-corp' } }), code: 'CONTRACT_VIOLATION' },
  ])('$description → one valid Platform.Event.Failed ($code)', async ({ body, code }) => {
    const { producer, failures, raw } = await setup(() => {
      throw new HandlerError('TIMEOUT', 'evaluation timed out', { retryable: true, retryAfterMs: 7 });
    });
    const event = producer.build('Evaluation.Execution.Requested', example.payload, { correlationId: 'req-7f3a9c2e-5b1d' });
    if (body === undefined) await producer.publish(event);
    else await raw(body(event));
    await waitFor(() => failures.length === 1, 'the FailureEvent');
    await sleep(50);
    expect(failures, 'exactly one').toHaveLength(1);
    const failure = failures[0]!;
    expect(failureContract.validate(failure), `valid under the seed schema: ${JSON.stringify(failureContract.validate.errors)}`).toBe(true);
    expect(failure.error.code).toBe(code);
    expect(failure.metadata.source, 'published by the consumer').toBe('evaluation-engine');
  });
});
