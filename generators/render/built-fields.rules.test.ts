/**
 * The rule tables of built-fields.ts, keyword by keyword: which property schemas of the
 * builder-set envelope fields are proven to accept every value the builder writes (and so
 * are skipped by the built-event validator), and which stay validated. A field may only be
 * skipped when it is proven; anything not understood keeps it validated.
 */
import { describe, expect, it } from 'vitest';
import { tinyEvent } from '#generators/fixtures/tiny-catalog.ts';
import type { AgentPlan, EventPlan } from './plan.ts';
import { BUILT_FIELDS, PRODUCED_STRINGS, builtSchema, builtValidatorName, builtValidatorsOf } from './built-fields.ts';

const EVENT_TYPE = 'Prompt.Creation.Requested';
const UUID_PATTERN = PRODUCED_STRINGS['uuid-v4'].patterns[0]!;

const defs = {
  EventId: { type: 'string', format: 'uuid', pattern: UUID_PATTERN },
  EventType: { const: EVENT_TYPE },
};

/**
 * An envelope with provable eventId and timestamp, plus `properties` / `$defs` overrides. The
 * constants (eventType, version) are added only by the tests about them: each is proven by
 * compiling it with Ajv, which is slow, while the string rules are plain table look-ups.
 */
const envelope = (properties: Record<string, unknown> = {}, extraDefs: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'object',
  required: ['eventId', 'eventType', 'timestamp', 'version', 'payload'],
  properties: {
    eventId: { $ref: '#/$defs/EventId' },
    timestamp: { type: 'string', format: 'date-time' },
    payload: { type: 'object' },
    ...properties,
  },
  $defs: { ...defs, ...extraDefs },
  ...extra,
});

const contract = (schema: unknown) => ({ eventType: EVENT_TYPE, version: '1.0.0', enveloped: true, schema: schema as never });

/** The builder-set fields builtSchema skips for `schema`. */
function skipped(schema: Record<string, unknown>): string[] {
  const built = builtSchema(contract(schema));
  return built === undefined ? [] : BUILT_FIELDS.map((f) => f.property).filter((p) => (built.properties as Record<string, unknown>)[p] === true);
}

/** Whether eventId (a produced UUID) is skipped when its property schema is `eventId`. */
const eventIdSkipped = (eventId: unknown, extraDefs: Record<string, unknown> = {}): boolean => skipped(envelope({ eventId }, extraDefs)).includes('eventId');

const nest = (schema: unknown, times: number): unknown => (times === 0 ? schema : nest({ allOf: [schema] }, times - 1));

describe('generated strings (eventId, timestamp): keyword rules', () => {
  it.each([
    ['a type list that allows strings', { type: ['string', 'null'], format: 'uuid' }, true],
    ['a type list without string', { type: ['integer'] }, false],
    ['a non-string type', { type: 'integer' }, false],
    ['a format the UUID is not proven to pass (email)', { type: 'string', format: 'email' }, false],
    ['minLength equal to the produced length (36)', { type: 'string', minLength: 36 }, true],
    ['minLength above the produced length', { type: 'string', minLength: 37 }, false],
    ['a minLength that is not a number', { type: 'string', minLength: '1' }, false],
    ['maxLength equal to the produced length (36)', { type: 'string', maxLength: 36 }, true],
    ['a maxLength that is not a number', { type: 'string', maxLength: '99' }, false],
    ['a $ref that is not a string', { $ref: 5 }, false],
    ['allOf that is not an array', { allOf: {} }, false],
    ['allOf with one unproven part', { allOf: [{ $ref: '#/$defs/EventId' }, { format: 'email' }] }, false],
    ['allOf with a `true` part', { allOf: [true, { $ref: '#/$defs/EventId' }] }, true],
    ['oneOf (not understood: two matching branches reject every string)', { oneOf: [{ type: 'string' }, { type: 'string' }] }, false],
    ['a relative (non-local) $ref that would resolve if read as a pointer', { $ref: './$defs/EventId' }, false],
    ['a local $ref through a missing definition', { $ref: '#/$defs/Missing/Deeper' }, false],
    ['a local $ref into an array (not followed)', { $ref: '#/$defs/Ids/0' }, false],
    ['a local $ref with an escaped "/" in a token', { $ref: '#/$defs/a~1b' }, true],
  ])('%s → skipped: %s', (_why, eventId, expected) => {
    // why: skipping an unproven field would let the built validator accept what the full one rejects.
    expect(eventIdSkipped(eventId, { Ids: [{ type: 'string' }], 'a/b': { type: 'string', format: 'uuid' } })).toBe(expected);
  });

  it('a $ref with a malformed percent-escape never resolves, whatever the definitions are called', () => {
    // why: decodeURIComponent throws on "%E0"; that token must not fall back to some other key (here "undefined").
    expect(eventIdSkipped({ $ref: '#/$defs/%E0' }, { undefined: { type: 'string' } })).toBe(false);
    expect(eventIdSkipped({ $ref: '#/$defs/%45ventId' }), 'a well-formed escape is decoded').toBe(true);
  });

  it('follows $ref and allOf up to 32 levels deep and gives up (without failing) on cycles', () => {
    // why: the depth bound keeps a cyclic schema from overflowing the stack at generation time.
    expect(eventIdSkipped(nest({ type: 'string' }, 32))).toBe(true);
    expect(eventIdSkipped(nest({ type: 'string' }, 33))).toBe(false);
    expect(eventIdSkipped({ $ref: '#/$defs/Loop' }, { Loop: { $ref: '#/$defs/Loop' } })).toBe(false);
    expect(eventIdSkipped({ $ref: '#/$defs/LoopAll' }, { LoopAll: { allOf: [{ $ref: '#/$defs/LoopAll' }] } })).toBe(false);
  });

  it('the timestamp is held to its own table (24 characters, date-time)', () => {
    // why: each produced string has its own proven length and formats; the UUID's do not carry over.
    expect(skipped(envelope({ timestamp: { type: 'string', minLength: 24, maxLength: 24 } }))).toContain('timestamp');
    expect(skipped(envelope({ timestamp: { type: 'string', maxLength: 23 } }))).not.toContain('timestamp');
    expect(skipped(envelope({ timestamp: { type: 'string', format: 'uuid' } }))).not.toContain('timestamp');
  });
});

describe('constants (eventType, version): checked with Ajv against the field schema', () => {
  it('resolves $refs into $defs and definitions of the event schema', () => {
    const schema = envelope({ eventType: { $ref: '#/$defs/EventType' }, version: { $ref: '#/definitions/Version' } }, {}, { definitions: { Version: { type: 'string', pattern: '^1\\.' } } });
    // why: seed-like schemas define the event type and version once and $ref them.
    expect(skipped(schema)).toEqual(['eventId', 'eventType', 'timestamp', 'version']);
    // why: a schema with only $defs still resolves them (definitions is not required).
    expect(skipped(envelope({ eventType: { $ref: '#/$defs/EventType' } }))).toEqual(['eventId', 'eventType', 'timestamp']);
  });

  it('an unresolvable $ref or a rejected constant keeps the field validated', () => {
    // why: a $ref Ajv cannot resolve proves nothing; a version the schema rejects must be caught.
    expect(skipped(envelope({ eventType: { $ref: '#/$defs/Nope' } }))).not.toContain('eventType');
    expect(skipped(envelope({ version: { type: 'string', pattern: '^2\\.' } }))).not.toContain('version');
  });

  it('uses the draft the event schema declares', () => {
    const schema = envelope(
      { eventType: { $ref: '#EventType' }, version: { type: 'string', items: [{ type: 'string' }] } },
      { EventType: { $anchor: 'EventType', const: EVENT_TYPE } },
      { $schema: 'https://json-schema.org/draft/2020-12/schema' },
    );
    // why: the proof must see what the shipped validator sees: 2020-12 resolves $anchor refs, and refuses the
    // array form of `items` (draft-07 would ignore it on a string and call the version proven).
    expect(skipped(schema)).toEqual(['eventId', 'eventType', 'timestamp']);
  });
});

describe('builtSchema: what counts as skipping', () => {
  it('is undefined when the only "proven" field already is `true`', () => {
    const schema = envelope({ eventId: true, timestamp: { enum: ['x'] } });
    // why: nothing would be skipped, so no separate built validator is worth emitting.
    expect(builtSchema(contract(schema))).toBeUndefined();
  });

  it('never adds a builder-set property the schema does not declare', () => {
    const built = builtSchema(contract(envelope()))!;
    // why: adding `eventType: true` or `version: true` would change additionalProperties / property-name semantics.
    expect(Object.keys(built.properties as object)).toEqual(['eventId', 'timestamp', 'payload']);
  });
});

describe('builtValidatorsOf', () => {
  const eventPlan = (method: string, schema: Record<string, unknown>): EventPlan => ({
    contract: tinyEvent(EVENT_TYPE, { schema }),
    method,
    major: 1,
    base: method,
    eventType: `${method}Event`,
    payloadType: `${method}Payload`,
    validator: `validate${method}`,
  });
  const agentPlan = (sends: EventPlan[], producerSkipped?: string): AgentPlan => ({
    agent: 'a',
    folder: 'a',
    sends,
    receives: [],
    events: sends,
    validated: sends,
    ...(producerSkipped === undefined ? {} : { producerSkipped }),
  });

  it('gives one validator per sent event with a proven field, named after its method', () => {
    const proven = eventPlan('promptCreated', envelope());
    const unproven = eventPlan('nothingProven', { type: 'object', properties: { payload: {} } });
    const out = builtValidatorsOf(agentPlan([proven, unproven]));
    // why: events with nothing proven use the full validator; the others get `<method>BuiltValidator`.
    expect([...out.keys()]).toEqual([proven]);
    expect(out.get(proven)).toEqual({ name: 'promptCreatedBuiltValidator', schema: builtSchema(proven.contract) });
    expect(builtValidatorName(proven)).toBe('promptCreatedBuiltValidator');
  });

  it('gives none when the client has no producer', () => {
    // why: built validators serve the producer only.
    expect(builtValidatorsOf(agentPlan([eventPlan('promptCreated', envelope())], 'its events X do not use the BaseEvent envelope')).size).toBe(0);
  });
});
