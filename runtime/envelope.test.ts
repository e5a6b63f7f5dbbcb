import { describe, expect, it } from 'vitest';
import { testContracts } from '#test/faults/support/contracts.ts';
import { createEnvelopeBuilder, majorOf, validateEvent } from './envelope.ts';
import { ContractViolationError } from './errors.ts';

const { created } = testContracts();
const build = createEnvelopeBuilder(created, { agent: 'prompt-studio', tenantId: 'acme' });
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createEnvelopeBuilder', () => {
  it('fills the envelope from the contract and the producer options', () => {
    const event = build({ promptId: 'p-1', seq: 0 });
    expect(event.eventId, 'eventId is a random UUID v4').toMatch(UUID_V4);
    expect(event.eventType, 'eventType comes from the contract').toBe('Prompt.Lifecycle.Created');
    expect(event.version, 'version is the contract version').toBe('1.0.0');
    expect(event.timestamp, 'timestamp is ISO-8601 in UTC').toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(event.timestamp) - Date.now()), 'timestamp is now').toBeLessThan(1000);
    expect(event.metadata, 'source = agent, tenant from options').toEqual({ source: 'prompt-studio', tenantId: 'acme' });
    expect(event.payload, 'payload is carried as given').toEqual({ promptId: 'p-1', seq: 0 });
  });

  it('gives every event its own id', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => build({ promptId: 'p', seq: 0 }).eventId));
    expect(ids.size, '1000 events, 1000 distinct ids').toBe(1000);
  });

  it.each([
    { description: 'root event: correlation and causation are its own id', options: undefined, correlation: 'self', causation: 'self' },
    // The document's BaseEvent.causationId: "an event started by a user request (no parent event) uses its correlationId".
    { description: 'root event with a request id: correlation and causation are the request id', options: { correlationId: 'req-42' }, correlation: 'req-42', causation: 'req-42' },
    { description: 'caused event: inherits correlation, causation is the parent', options: { causedBy: { eventId: 'parent-1', correlationId: 'req-7' } }, correlation: 'req-7', causation: 'parent-1' },
    { description: 'causedBy wins over an explicit correlationId', options: { causedBy: { eventId: 'parent-1', correlationId: 'req-7' }, correlationId: 'other' }, correlation: 'req-7', causation: 'parent-1' },
  ])('$description', ({ options, correlation, causation }) => {
    const event = build({ promptId: 'p', seq: 1 }, options);
    expect(event.correlationId).toBe(correlation === 'self' ? event.eventId : correlation);
    expect(event.causationId).toBe(causation === 'self' ? event.eventId : causation);
  });

  it('adds user, session and a per-event tenant to the metadata without touching the default', () => {
    const event = build({ promptId: 'p', seq: 1 }, { userId: 'u-1', sessionId: 's-1', tenantId: 'other' });
    expect(event.metadata).toEqual({ source: 'prompt-studio', tenantId: 'other', userId: 'u-1', sessionId: 's-1' });
    expect(build({ promptId: 'p', seq: 1 }).metadata, 'the next plain event keeps the producer tenant').toEqual({ source: 'prompt-studio', tenantId: 'acme' });
  });
});

describe('validateEvent', () => {
  it('accepts a built event that matches the contract', () => {
    expect(() => validateEvent(created, build({ promptId: 'p-1', seq: 3 }))).not.toThrow();
  });

  it.each([
    { description: 'missing required payload field', payload: { seq: 1 }, pointer: '/payload/promptId' },
    { description: 'wrong type', payload: { promptId: 'p', seq: 'one' }, pointer: '/payload/seq' },
    { description: 'unexpected property in a closed payload', payload: { promptId: 'p', seq: 1, extra: true }, pointer: '/payload/extra' },
  ])('throws ContractViolationError with the JSON pointer: $description', ({ payload, pointer }) => {
    const event = build(payload);
    let error: unknown;
    try {
      validateEvent(created, event);
    } catch (e) {
      error = e;
    }
    expect(error, 'an invalid event must throw').toBeInstanceOf(ContractViolationError);
    const violation = error as ContractViolationError;
    expect(violation.violations.map((v) => v.pointer), 'the offending field is named by pointer').toContain(pointer);
    expect(violation.message, 'the message names the event and the pointer').toContain(pointer);
    expect(violation.message).toContain('Prompt.Lifecycle.Created 1.0.0');
  });
});

describe('majorOf', () => {
  it.each([
    ['1.0.0', 1],
    ['12.3.4', 12],
    ['0.1.0', 0],
  ])('%s → %d', (version, major) => expect(majorOf(version)).toBe(major));
  it('is NaN for a malformed version, so it never matches a handler', () => expect(majorOf('v1')).toBeNaN());
});
