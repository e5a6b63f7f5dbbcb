import { describe, expect, it } from 'vitest';
import { testContracts } from '#test/faults/support/contracts.ts';
import { ContractViolationError } from './errors.ts';
import { createMemoryTransport } from './memory-transport.ts';
import { createProducerRuntime } from './producer.ts';
import type { EventEnvelope } from './types.ts';

const contracts = testContracts();
const setup = () => {
  const transport = createMemoryTransport({ prefix: 'evc' });
  const producer = createProducerRuntime({ transport, agent: 'prompt-studio', tenantId: 'acme', contracts: [contracts.created, contracts.updated] });
  return { transport, producer };
};
const decode = (data: Uint8Array) => JSON.parse(new TextDecoder().decode(data)) as EventEnvelope;

describe('createProducerRuntime', () => {
  it('sends a valid event on <prefix>.<eventType>.<key>, with msgId = eventId and the partition key', async () => {
    const { transport, producer } = setup();
    const event = await producer.send('Prompt.Lifecycle.Created', { promptId: 'p-7', seq: 0 });
    expect(transport.stored).toHaveLength(1);
    const stored = transport.stored[0]!;
    expect(stored.subject, 'subject carries the partition key').toBe('evc.Prompt.Lifecycle.Created.p-7');
    expect(stored.msgId, 'Nats-Msg-Id is the eventId (broker de-dup)').toBe(event.eventId);
    expect(stored.partitionKey, 'partition key read by the contract pointer').toBe('p-7');
    expect(decode(stored.data), 'the wire carries exactly the returned event').toEqual(event);
  });

  it('never sends an invalid event and names the pointer', async () => {
    const { transport, producer } = setup();
    await expect(producer.send('Prompt.Lifecycle.Created', { promptId: 'p-7' })).rejects.toThrow(ContractViolationError);
    await expect(producer.send('Prompt.Lifecycle.Created', { promptId: 'p-7' })).rejects.toThrow('/payload/seq');
    expect(transport.stored, 'nothing reached the broker').toHaveLength(0);
  });

  it('build() validates without sending', () => {
    const { transport, producer } = setup();
    const event = producer.build('Prompt.Lifecycle.Updated', { promptId: 'p', seq: 2 }, { correlationId: 'req-1' });
    expect(event.correlationId).toBe('req-1');
    expect(() => producer.build('Prompt.Lifecycle.Updated', { promptId: 'p', seq: -1 })).toThrow(/\/payload\/seq/);
    expect(transport.stored).toHaveLength(0);
  });

  it('publish() re-sends a built event idempotently (same eventId is de-duplicated)', async () => {
    const { transport, producer } = setup();
    const event = producer.build('Prompt.Lifecycle.Updated', { promptId: 'p', seq: 2 });
    await producer.publish(event);
    await producer.publish(event);
    expect(transport.stored, 'the broker kept one copy').toHaveLength(1);
    await expect(producer.publish({ ...event, version: 'one' })).rejects.toThrow(/\/version/);
  });

  it('rejects an event type the agent does not send, listing the ones it does', async () => {
    const { producer } = setup();
    await expect(producer.send('Prompt.Lifecycle.Archived', {})).rejects.toThrow(
      'agent "prompt-studio" does not send "Prompt.Lifecycle.Archived"; it sends: Prompt.Lifecycle.Created, Prompt.Lifecycle.Updated',
    );
  });

  it('refuses two contracts for the same event type', () => {
    expect(() => createProducerRuntime({ transport: createMemoryTransport(), agent: 'a', tenantId: 't', contracts: [contracts.created, contracts.createdV2] })).toThrow(/exactly one version/);
  });

  it('rejects a missing partition key even if the schema allowed it', async () => {
    const transport = createMemoryTransport();
    const loose = { ...contracts.created, validate: Object.assign(() => true, { errors: null }) };
    const producer = createProducerRuntime({ transport, agent: 'a', tenantId: 't', contracts: [loose] });
    await expect(producer.send('Prompt.Lifecycle.Created', { seq: 1 })).rejects.toThrow(/\/payload\/promptId is the partition key/);
    expect(transport.stored).toHaveLength(0);
  });
});
