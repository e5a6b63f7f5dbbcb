/**
 * validators.js / validators.d.ts (validators.ts, compiled with ajv-instance.ts) on tiny
 * catalogs: the emitted module is evaluated and run on valid and invalid events, so what is
 * judged is what a client ships: formats, drafts, built-event validators, the declarations,
 * and the generation errors for schemas that cannot become standalone code.
 */
import { describe, expect, it } from 'vitest';
import type { EventContract, JsonSchema } from '#catalog/model.ts';
import { tinyAgent, tinyCatalog, tinyEvent } from '#generators/fixtures/tiny-catalog.ts';
import { generationErrorOf } from '#generators/fixtures/plans.ts';
import { planCatalog, type AgentPlan, type EventPlan } from './plan.ts';
import { renderValidators } from './validators.ts';

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string }[] | null };

const HEADER = '// header';
const COMMENT = '// Precompiled Ajv standalone validators; self-contained (no Ajv at run time).';

/** Evaluates validators.js (an ES module with only `export const` exports) as strict code. */
function load(js: string): Record<string, Validate> {
  const exports: Record<string, Validate> = {};
  new Function('exports', `"use strict";\n${js.replace(/^export const (\w+) = /gm, 'exports.$1 = ')}`)(exports);
  return exports;
}

/** A non-enveloped event whose whole schema is `schema` (so the test controls every keyword). */
const raw = (eventType: string, schema: JsonSchema, over: Partial<EventContract> = {}): EventContract =>
  tinyEvent(eventType, { enveloped: false, schema, payloadSchema: schema, ...over });

/** The built-event validator input for `e` (built-fields.ts decides this; here it is given): eventId skipped. */
const builtFor = (e: EventPlan): Map<EventPlan, { name: string; schema: Record<string, unknown> }> => {
  const schema = e.contract.schema as { properties: Record<string, unknown> };
  return new Map([[e, { name: `${e.method}BuiltValidator`, schema: { ...schema, properties: { ...schema.properties, eventId: true } } }]]);
};

const planOf = (events: EventContract[], sends = events.map((e) => e.eventType)): AgentPlan => planCatalog(tinyCatalog(events, [tinyAgent('a', sends)])).agents[0]!;

function render(events: EventContract[]): { js: string; dts: string; validators: Record<string, Validate> } {
  const [js, dts] = renderValidators(planOf(events), HEADER);
  return { js: js!.contents, dts: dts!.contents, validators: load(js!.contents) };
}

const generationError = generationErrorOf;

/** Which keys of `invalid` the validator rejects (each tried alone on top of `valid`), with Ajv's pointer. */
const rejected = (validate: Validate, valid: Record<string, unknown>, invalid: Record<string, unknown>): string[] =>
  Object.entries(invalid)
    .filter(([key, value]) => validate({ ...valid, [key]: value }) === false && validate.errors?.[0]?.instancePath === `/${key}`)
    .map(([key]) => key);

const rich: JsonSchema = {
  type: 'object',
  required: ['id', 'n'],
  additionalProperties: false,
  properties: {
    n: { type: 'integer', format: 'int32' },
    b: { type: 'string', format: 'byte' },
    at: { type: 'string', format: 'date-time' },
    id: { type: 'string', format: 'uuid' },
    when: { type: 'string', format: 'iso-date-time' },
    mail: { type: 'string', format: 'email' },
    code: { type: 'string', pattern: '^[A-Z]{3}$' },
    name: { type: 'string', minLength: 2, maxLength: 4 },
    tags: { type: 'array', uniqueItems: true },
    kind: { enum: [{ k: 1 }, 'plain'] },
    secret: { type: 'string', format: 'password' },
    link: { type: 'string', format: 'iri-reference' },
  },
};
const richValid = {
  n: 2147483647,
  b: 'aGk=',
  at: '2024-02-29T10:00:00.5+01:00',
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  when: '2024-01-01T10:00:00',
  mail: 'a@b.co',
  code: 'ABC',
  name: '😀😀😀😀',
  tags: [[1], [2]],
  kind: { k: 1 },
  secret: 'anything',
  link: 'not even a URI',
};

describe('validators.js: what the shipped validators accept', () => {
  it('checks types, formats, patterns, lengths (in code points), enums and uniqueItems', () => {
    const validate = render([raw('Rich.Thing', rich)]).validators.validateRichThing!;
    // why: a well-formed event passes, with every inlined helper and format in play.
    expect(validate(richValid), JSON.stringify(validate.errors)).toBe(true);
    const invalid = {
      n: 2147483648,
      b: 'aGk',
      at: '2024-02-30T10:00:00Z',
      id: 'not-a-uuid',
      when: 'yesterday',
      mail: 'nobody',
      code: 'AB',
      name: '😀😀😀😀😀',
      tags: [[1], [1]],
      kind: { k: 2 },
    };
    // why: each violation is caught by the right keyword and reported at the offending field.
    expect(rejected(validate, richValid, invalid)).toEqual(Object.keys(invalid));
    expect(validate({ ...richValid, name: 'a' }), 'minLength counts characters').toBe(false);
    // why: password / unknown formats (iri-reference) constrain nothing, so any string passes.
    expect(validate({ ...richValid, secret: '', link: '' })).toBe(true);
  });

  it('inlines every helper once, each on its own lines, with the function formats in name order', () => {
    const { js } = render([raw('Rich.Thing', rich), raw('Rich.Other', { type: 'object', properties: { s: { type: 'string', minLength: 1 } } })]);
    // why: readable, diff-stable output: one declaration per helper, at the start of a line, and no second copy.
    for (const start of ['function evcPattern(', 'const evcHighSurrogate = ', 'function evcEqual(', 'const evcFormats = {', 'export const validateRichOther = ']) {
      expect(js.split('\n').filter((line) => line.startsWith(start)), start).toHaveLength(1);
    }
    const formats = [...js.matchAll(/^ {2}'([^']+)': \{ type: '(?:string|number)', validate: /gm)].map((m) => m[1]);
    // why: the formats object lists what the validators use (int32 is used first), sorted so output does not depend on schema order.
    expect(formats).toEqual(['byte', 'date-time', 'int32']);
  });

  it('emits no helpers a schema does not need', () => {
    const { js, validators } = render([raw('Plain.Thing', { type: 'object', required: ['a'], properties: { a: { type: 'number' } } })]);
    // why: no unused code (and no empty formats object) ships in every client.
    expect(js).not.toMatch(/evcFormats|evcEqual|evcUcs2length|use strict/);
    expect(js.startsWith(`${HEADER}\n${COMMENT}\nexport const validatePlainThing = `)).toBe(true);
    expect([validators.validatePlainThing!({ a: 1 }), validators.validatePlainThing!({ a: '1' })]).toEqual([true, false]);
    // why: generated files are committed; a trailing blank line or a missing newline is a drift.
    expect(js).toMatch(/[^\n]\n$/);
  });

  it('an agent with nothing to validate gets a module with no code', () => {
    const plan = planCatalog(tinyCatalog([tinyEvent('A.B')], [tinyAgent('idle'), tinyAgent('other', ['A.B'])]), { agent: 'idle' }).agents[0]!;
    const [js, dts] = renderValidators(plan, HEADER);
    // why: nothing to compile means nothing emitted (not even Ajv's "use strict").
    expect(js).toEqual({ path: 'idle/validators.js', contents: `${HEADER}\n${COMMENT}\n\n` });
    expect(dts!.path).toBe('idle/validators.d.ts');
    expect(dts!.contents).not.toContain('declare const');
  });

  it('compiles with the draft the schemas declare (draft-07 when none does)', () => {
    const s2020 = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }] };
    const s2019 = { $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'object', dependentRequired: { a: ['b'] }, properties: { list: { type: 'array', items: [{ type: 'string' }] } } };
    const s07 = { type: 'object', dependentRequired: { a: ['b'] }, properties: { list: { type: 'array', items: [{ type: 'string' }] } } };
    // why: one client, one Ajv: a 2020-12 document anywhere in it enforces 2020-12 keywords (prefixItems) for it.
    const v2020 = render([raw('A.Plain', { type: 'object' }), raw('B.Modern', s2020)]).validators.validateBModern!;
    expect([v2020(['x', 1]), v2020([1])]).toEqual([true, false]);
    // why: 2019-09 has dependentRequired and still allows the array form of items (which 2020-12 refuses).
    const v2019 = render([raw('A.Plain', { type: 'object' }), raw('B.Mid', s2019)]).validators.validateBMid!;
    expect([v2019({ a: 1, b: 2, list: ['x', 3] }), v2019({ a: 1 }), v2019({ list: [3] })]).toEqual([true, false, false]);
    // why: in a draft-07 document dependentRequired is an unknown keyword (an annotation); items arrays are tuples.
    const v07 = render([raw('B.Old', s07)]).validators.validateBOld!;
    expect([v07({ a: 1 }), v07({ list: [3] })]).toEqual([true, false]);
  });

  it('registers each schema under its validator name only, so shared $id and $schema do not clash', () => {
    const schema = (required: string[]) => ({ $id: 'https://example.com/event.json', $schema: 'http://json-schema.org/draft-04/schema#', id: 'legacy', type: 'object', required });
    const { validators } = render([raw('A.One', schema(['a'])), raw('B.Two', schema(['b']))]);
    // why: documents often reuse one $id (or a draft-04 $schema Ajv does not know); each event must still get its own validator.
    expect([validators.validateAOne!({ a: 1 }), validators.validateAOne!({ b: 1 }), validators.validateBTwo!({ b: 1 }), validators.validateBTwo!({ a: 1 })]).toEqual([true, false, true, false]);
  });
});

describe('schema text that looks like a format reference', () => {
  it('is data, not a reference: an enum value "evcFormats.uuid" and a description naming evcFormats.constructor', () => {
    const schema: JsonSchema = {
      type: 'object',
      additionalProperties: false,
      description: 'uses evcFormats.constructor and evcFormats["toString"]',
      properties: { kind: { type: 'string', enum: ['evcFormats.uuid', 'evcFormats.int32', 'other'] } },
    };
    // why: before, generation failed on "uuid" and crashed (TypeError) on the inherited "constructor"
    const { js, validators } = render([raw('Look.Alike', schema)]);
    // why: no format keyword anywhere, so no format table is shipped
    expect(js).not.toContain('const evcFormats');
    const validate = Object.values(validators)[0]!;
    expect([validate({ kind: 'evcFormats.uuid' }), validate({ kind: 'other' }), validate({ kind: 'x' })]).toEqual([true, true, false]);
  });
});

describe('boolean schemas', () => {
  it('keep their meaning: `false` rejects every event, `true` accepts any', () => {
    const { validators } = render([raw('Never.Valid', false), raw('Any.Thing', true)]);
    // why: a boolean payload schema is valid JSON Schema; `false` must not turn into the empty (accept-all) schema.
    expect([validators.validateNeverValid!({}), validators.validateNeverValid!(1), validators.validateAnyThing!({ x: 1 })]).toEqual([false, false, true]);
  });
});

describe('built-event validators', () => {
  it('are exported next to the full ones, compiled from their own schema', () => {
    const plan = planOf([tinyEvent('Task.Done')]);
    const [js] = renderValidators(plan, HEADER, builtFor(plan.sends[0]!));
    const { validateTaskDone: full, taskDoneBuiltValidator: fast } = load(js!.contents);
    const event = { eventId: '0f8fad5b-d9cb-469f-a165-70867728950e', eventType: 'Task.Done', timestamp: '2024-01-01T00:00:00.000Z', version: '1.0.0', payload: {} };
    // why: both judge a builder-made event the same way.
    expect([full!(event), fast!(event)]).toEqual([true, true]);
    // why: the built validator's schema has eventId skipped, the full one checks it.
    expect([full!({ ...event, eventId: 'x' }), fast!({ ...event, eventId: 'x' })]).toEqual([false, true]);
    // why: everything else (payload, correlationId) is still validated by both.
    expect([full!({ ...event, correlationId: '' }), fast!({ ...event, correlationId: '' }), fast!({ ...event, payload: 1 })]).toEqual([false, false, false]);
  });
});

describe('validators.d.ts', () => {
  it('declares the error shape and one ValidateFunction per event and per built validator', () => {
    const plan = planOf([tinyEvent('Task.Done'), raw('Raw.Note', { type: 'object' }, { version: '2.1.0' })], ['Task.Done', 'Raw.Note']);
    const [js, dts] = renderValidators(plan, HEADER, builtFor(plan.validated.find((e) => e.contract.eventType === 'Task.Done')!));
    // why: this is the typed API clients import; every name must match an export of validators.js.
    expect(dts!.contents).toBe(
      [
        HEADER,
        '/** One Ajv error: `instancePath` is the JSON pointer of the offending value. */',
        'export interface ValidationError {',
        '  instancePath: string;',
        '  schemaPath: string;',
        '  keyword: string;',
        '  params: Record<string, unknown>;',
        '  message?: string;',
        '}',
        '',
        '/** A precompiled validator: returns whether `data` is valid and leaves the first error in `errors`. */',
        'export interface ValidateFunction {',
        '  (data: unknown): boolean;',
        '  errors?: ValidationError[] | null;',
        '}',
        '',
        '/** Validates a whole Raw.Note 2.1.0 event. */',
        'export declare const validateRawNote: ValidateFunction;',
        '/** Validates a whole Task.Done 1.0.0 event. */',
        'export declare const validateTaskDone: ValidateFunction;',
        "/** Validates a Task.Done 1.0.0 event built by the runtime's envelope builder: skips the builder-set fields proven valid. Not for events from elsewhere. */",
        'export declare const taskDoneBuiltValidator: ValidateFunction;',
        '',
      ].join('\n'),
    );
    const declared = [...dts!.contents.matchAll(/^export declare const (\w+)/gm)].map((m) => m[1]);
    expect(Object.keys(load(js!.contents)).sort()).toEqual([...declared].sort());
  });
});

describe('generation errors', () => {
  it('a schema Ajv cannot compile names the event, the Ajv message and where it is', () => {
    const error = generationError(() => render([raw('Bad.Schema', { type: 'object', properties: { a: { $ref: '#/$defs/Missing' } } }, { name: 'BadSchema' })]));
    // why: the user must learn which message to fix and where, not get an Ajv stack trace.
    expect(error.message).toMatch(/^tiny\.yaml:7:3 \(\/components\/messages\/M\): the schema of "Bad\.Schema" \(BadSchema\) cannot be compiled: can't resolve reference #\/\$defs\/Missing/);
    expect(error.hint).toBe('fix the schema so it is valid JSON Schema; `evc lint` points at the offending keyword');
    expect(generationError(() => render([raw('Bad.Type', { type: 'nope' })])).message).toContain('cannot be compiled: schema is invalid');
  });

  it('a schema whose code would need a module at run time is refused, naming the module', () => {
    const error = generationError(() => render([raw('Async.Thing', { $async: true, type: 'object' })]));
    // why: validators.js must load without Ajv; shipping a require() would fail only in production.
    expect(error.message).toBe('the validators of agent "a" need the module "ajv/dist/runtime/validation_error" at run time, which cannot be inlined');
    expect(error.hint).toBe('simplify the schema keyword that needs it (e.g. $async or custom keywords), or report this as a generator bug');
  });
});
