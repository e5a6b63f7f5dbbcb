/**
 * The failure event is found by shape (`error` + `originalEvent`, at the top of the event or
 * in its payload), never by name, and only among enveloped events.
 */
import { describe, expect, it } from 'vitest';
import type { EventContract, JsonSchema } from '#catalog/model.ts';
import { miniCatalog } from '#generators/fixtures/mini-catalog.ts';
import { findFailureEvent, isFailureEvent } from './failure.ts';
import { planCatalog } from './plan.ts';

const base = (): EventContract => miniCatalog().events.find((e) => e.eventType === 'Task.Work.Completed')!;
const withShape = (schema: unknown, payloadSchema: unknown, enveloped = true): EventContract => ({
  ...base(),
  schema: schema as JsonSchema,
  payloadSchema: payloadSchema as JsonSchema,
  enveloped,
});
const obj = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'object' }])) });

describe('isFailureEvent', () => {
  it("recognises the seed's shape: error and originalEvent beside the envelope fields", () => {
    const failure = miniCatalog().events.find((e) => e.eventType === 'Platform.Event.Failed')!;
    // why: the seed's FailureEvent puts both at the top level.
    expect(isFailureEvent(failure)).toBe(true);
    expect(isFailureEvent(withShape(obj('eventId', 'error', 'originalEvent'), obj('handler')))).toBe(true);
  });

  it('recognises error and originalEvent inside the payload', () => {
    // why: documents that model failures in the payload get failure handling too.
    expect(isFailureEvent(withShape(obj('eventId', 'payload'), obj('error', 'originalEvent')))).toBe(true);
  });

  it('needs both properties in the same place', () => {
    // why: an `error` field alone is common in ordinary events (e.g. a failed task result).
    expect(isFailureEvent(withShape(obj('error'), obj('handler')))).toBe(false);
    expect(isFailureEvent(withShape(obj('originalEvent'), obj()))).toBe(false);
    expect(isFailureEvent(withShape(obj(), obj('error')))).toBe(false);
    expect(isFailureEvent(withShape(obj(), obj('originalEvent')))).toBe(false);
    expect(isFailureEvent(withShape(obj('error'), obj('originalEvent')))).toBe(false);
    // why: an ordinary event is not a failure event.
    expect(isFailureEvent(base())).toBe(false);
  });

  it('never picks an event without the BaseEvent envelope', () => {
    // why: the runtime publishes the failure event as an enveloped event; a bare one cannot carry it.
    expect(isFailureEvent(withShape(obj('error', 'originalEvent'), obj('error', 'originalEvent'), false))).toBe(false);
  });

  it('reads schemas of any form without throwing', () => {
    for (const odd of [null, undefined, true, false, 'x', 3, {}, { properties: null }, { properties: 'x' }, { properties: true }]) {
      // why: boolean schemas, schemas without `properties` and malformed input are simply not failure events.
      expect(() => isFailureEvent(withShape(odd, odd)), JSON.stringify(odd)).not.toThrow();
      expect(isFailureEvent(withShape(odd, odd)), JSON.stringify(odd)).toBe(false);
    }
  });
});

describe('findFailureEvent', () => {
  it('returns the first failure-shaped event of the plan, or none', () => {
    const events = planCatalog(miniCatalog()).events;
    // why: the consumer publishes this event when it gives up.
    expect(findFailureEvent(events)?.contract.eventType).toBe('Platform.Event.Failed');
    expect(findFailureEvent(events.filter((e) => e.contract.eventType !== 'Platform.Event.Failed'))).toBeUndefined();
  });
});
