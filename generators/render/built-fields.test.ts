/**
 * The proofs behind built-event validators (built-fields.ts): every string the runtime's
 * builder can produce passes every format and pattern listed in PRODUCED_STRINGS, and
 * builtSchema skips a field only when that, or a constant check, proves it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeUuidsV4, uuidV4 } from '#runtime/uuid.ts';
import { utcNow } from '#runtime/envelope.ts';
import { addFormats, newAjv } from './ajv-instance.ts';
import { BUILT_FIELDS, PRODUCED_STRINGS, builtSchema } from './built-fields.ts';

const ajv = newAjv([]);
addFormats(ajv as never);
const formatCheck = (format: string) => ajv.compile({ type: 'string', format });

const checks = Object.fromEntries(
  Object.entries(PRODUCED_STRINGS).map(([kind, table]) => [
    kind,
    [...table.formats.map((f) => [`format ${f}`, formatCheck(f)] as const), ...table.patterns.map((p) => [`pattern ${p}`, (v: string) => new RegExp(p, 'u').test(v)] as const)],
  ]),
);

/** Asserts `value` has the table's length and passes all its formats and patterns (as Ajv compiles them: `u` flag). */
function passesTable(value: string, kind: keyof typeof PRODUCED_STRINGS): void {
  const failed = [
    ...(value.length === PRODUCED_STRINGS[kind].length ? [] : ['length']),
    ...(/^[\x20-\x7e]*$/.test(value) ? [] : ['ASCII only (code points = length)']),
    ...checks[kind]!.filter(([, check]) => !check(value)).map(([name]) => name),
  ];
  if (failed.length > 0) expect.fail(`${JSON.stringify(value)} fails ${failed.join(', ')}`);
}

describe('PRODUCED_STRINGS holds for everything the builder produces', () => {
  it('uuid-v4: any 16 random bytes, encoded as runtime/uuid.ts encodes them', () => {
    // why: the producer trusts eventId; encodeUuidsV4 is the only code that makes it, over CSPRNG bytes.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        passesTable(encodeUuidsV4(Uint8Array.from(bytes), Buffer.alloc(36), 1), 'uuid-v4');
      }),
      { numRuns: 5000 },
    );
    for (const fill of [0x00, 0xff]) passesTable(encodeUuidsV4(new Uint8Array(16).fill(fill), Buffer.alloc(36), 1), 'uuid-v4');
    passesTable(uuidV4(), 'uuid-v4');
  });

  it('utc-timestamp: Date#toISOString of any instant in years 0000–9999', () => {
    // why: utcNow() is `new Date(Date.now()).toISOString()`; outside 0000–9999 toISOString switches to ±YYYYYY (a clock that far off is not trusted).
    const first = new Date(-62167219200000);
    expect(first.toISOString(), 'the first instant of year 0000').toBe('0000-01-01T00:00:00.000Z');
    fc.assert(
      fc.property(fc.integer({ min: first.getTime(), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        passesTable(new Date(ms).toISOString(), 'utc-timestamp');
      }),
      { numRuns: 5000 },
    );
    for (const edge of [first.getTime(), 0, Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(2024, 1, 29, 23, 59, 59, 999)]) passesTable(new Date(edge).toISOString(), 'utc-timestamp');
    const stamp = utcNow();
    expect(stamp, 'utcNow is Date#toISOString of an instant').toBe(new Date(Date.parse(stamp)).toISOString());
  });
});

const defs = {
  EventId: { type: 'string', format: 'uuid', pattern: PRODUCED_STRINGS['uuid-v4'].patterns[0] },
  TraceId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' },
};
const envelope = (properties: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['eventId', 'eventType', 'timestamp', 'version', 'payload'],
  properties: {
    eventId: { $ref: '#/$defs/EventId' },
    eventType: { type: 'string', const: 'Prompt.Creation.Requested', pattern: '^[A-Z][A-Za-z0-9]*\\.[A-Z][A-Za-z0-9]*\\.[A-Z][A-Za-z0-9]*$' },
    timestamp: { type: 'string', format: 'date-time', pattern: PRODUCED_STRINGS['utc-timestamp'].patterns[0] },
    version: { type: 'string', pattern: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$' },
    correlationId: { $ref: '#/$defs/TraceId' },
    payload: { type: 'object' },
    ...properties,
  },
  $defs: defs,
});
const contract = (schema: unknown, overrides: Partial<{ eventType: string; version: string; enveloped: boolean }> = {}) => ({
  eventType: 'Prompt.Creation.Requested',
  version: '1.0.0',
  enveloped: true,
  schema: schema as never,
  ...overrides,
});
const skipped = (schema: Record<string, unknown> | undefined) =>
  schema === undefined ? [] : BUILT_FIELDS.map((f) => f.property).filter((p) => (schema.properties as Record<string, unknown>)[p] === true);

describe('builtSchema', () => {
  it.each([
    { description: 'the seed envelope: all four builder-set fields proven', schema: envelope(), options: {}, skips: ['eventId', 'eventType', 'timestamp', 'version'] },
    { description: 'an eventType const the contract does not have is not skipped', schema: envelope(), options: { eventType: 'Other.Thing.Done' }, skips: ['eventId', 'timestamp', 'version'] },
    { description: 'a version the schema rejects is not skipped', schema: envelope(), options: { version: 'v1' }, skips: ['eventId', 'eventType', 'timestamp'] },
    { description: 'a pattern outside the table keeps eventId validated', schema: envelope({ eventId: { type: 'string', pattern: '^[0-9A-F-]{36}$' } }), options: {}, skips: ['eventType', 'timestamp', 'version'] },
    { description: 'an unknown keyword (enum) keeps the field validated', schema: envelope({ timestamp: { type: 'string', enum: ['2024-01-01T00:00:00.000Z'] } }), options: {}, skips: ['eventId', 'eventType', 'version'] },
    { description: 'maxLength below the produced length keeps it validated', schema: envelope({ eventId: { type: 'string', maxLength: 35 } }), options: {}, skips: ['eventType', 'timestamp', 'version'] },
    { description: 'a remote $ref keeps it validated', schema: envelope({ eventId: { $ref: 'https://example.com/id.json' } }), options: {}, skips: ['eventType', 'timestamp', 'version'] },
    { description: 'a nested $id (changes $ref resolution) keeps it validated', schema: envelope({ eventId: { $id: 'x', type: 'string' } }), options: {}, skips: ['eventType', 'timestamp', 'version'] },
    { description: 'allOf of proven parts is proven', schema: envelope({ eventId: { allOf: [{ $ref: '#/$defs/EventId' }, { $ref: '#/$defs/TraceId' }], description: 'x' } }), options: {}, skips: ['eventId', 'eventType', 'timestamp', 'version'] },
  ])('$description', ({ schema, options, skips }) => {
    const built = builtSchema(contract(schema, options));
    // why: a field may only be skipped when it is proven; everything else must stay validated.
    expect(skipped(built)).toEqual(skips);
    // why: nothing but the skipped property schemas changes (payload, ids, metadata, required stay).
    expect({ ...built, properties: undefined }).toEqual({ ...schema, properties: undefined });
    for (const [key, value] of Object.entries(schema.properties)) if (!skips.includes(key)) expect(built!.properties).toHaveProperty([key], value);
  });

  it('returns undefined when nothing is proven or the event is not enveloped', () => {
    // why: then the producer falls back to the full validator (no built validator is emitted).
    expect(builtSchema(contract(envelope(), { enveloped: false }))).toBeUndefined();
    expect(builtSchema(contract({ type: 'object', properties: { payload: {} } }))).toBeUndefined();
    expect(builtSchema(contract({ allOf: [envelope()] }))).toBeUndefined();
  });
});
