/**
 * Combinators (diff-combinators.ts) on concrete schema pairs: how allOf and anyOf branches are
 * paired (equal ones first, then compatible ones, then the rest), what the old schema must fit
 * when a union appears (its own keywords with its allOf branches merged in, conflicts kept
 * apart), `not`, and if/then/else (then/else compared merged with the enclosing schema, a
 * boolean then/else compared as it is). Each case asserts kinds and pointers; claimed verdicts
 * are checked with checkCompatibility, and union additions with Ajv witnesses (every witness the
 * old schema accepts, the new one accepts too).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { diffSchemas } from './diff.ts';
import type { JsonSchema, Level, Policy } from './types.ts';

const ajv = new Ajv2020({ strict: false, validateFormats: false });
const S = { type: 'string' };
const I = { type: 'integer' };
const N = { type: 'null' };
const kinds = (a: JsonSchema, b: JsonSchema) => diffSchemas(a, b).map((c): [string, string] => [c.kind, c.path]);
const check = (before: JsonSchema, after: JsonSchema, level: Level, policy: Policy = 'STRICT') =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: before }], candidate: { schema: after }, level, policy });
const WITNESSES: unknown[] = [null, 0, 1, -1, 7, 2.5, '', 'a', 'abcd', true, [], ['a'], ['a', 'b'], ['b'], [1], ['a', 1], {}, { a: 'x' }];
/** Every witness `before` accepts, `after` accepts too (2020-12). */
const widens = (before: JsonSchema, after: JsonSchema) => WITNESSES.filter((v) => ajv.validate(before as object, v) && !ajv.validate(after as object, v));

describe('anyOf branches are paired order-insensitively', () => {
  it('an equal branch is paired first, so a looser branch is matched with the one that changed', () => {
    const before = { anyOf: [{ type: 'string', maxLength: 5 }, S] };
    const after = { anyOf: [S, { type: ['string', 'null'] }] };
    // why: S is kept as it is; the short string became "string or null" (at position 1)
    expect(kinds(before, after)).toEqual([['TYPE_EXTENDED', '/anyOf/1/type'], ['MAX_LENGTH_REMOVED', '/anyOf/1/maxLength']]);
    expect(widens(before, after)).toEqual([]);
    expect(check(before, after, 'BACKWARD').compatible).toBe(true);
  });

  it('an equal branch is found at any position, even behind a looser one', () => {
    const before = { anyOf: [S, I] };
    const after = { anyOf: [{ type: ['string', 'null'] }, S, I] };
    // why: both old branches are still there unchanged; the first new one is an extra alternative
    expect(kinds(before, after)).toEqual([['SUM_TYPE_EXTENDED', '/anyOf/0']]);
  });

  it('a compatible branch is paired with the first free one that fits, and only one', () => {
    const before = { anyOf: [{ type: 'string', maxLength: 5 }, I] };
    const after = { anyOf: [S, { type: ['string', 'null'] }, I] };
    // why: the short string fits S (position 0) and stops there; position 1 is a new alternative
    expect(kinds(before, after)).toEqual([['MAX_LENGTH_REMOVED', '/anyOf/0/maxLength'], ['SUM_TYPE_EXTENDED', '/anyOf/1']]);
    expect(check(before, after, 'FULL').compatible, 'null is new: FORWARD breaks').toBe(false);
    expect(check(before, after, 'BACKWARD').compatible).toBe(true);
  });

  it('two old branches covered by one new branch: the second is not compared with a spare one', () => {
    const before = { anyOf: [{ type: 'string', maxLength: 3 }, { type: 'string', minLength: 1 }] };
    const after = { anyOf: [S, N] };
    // why: every old string is a string: the null branch is an extra alternative, not a narrowing
    expect(kinds(before, after)).toEqual([['MAX_LENGTH_REMOVED', '/anyOf/0/maxLength'], ['SUM_TYPE_EXTENDED', '/anyOf/1']]);
    expect(widens(before, after)).toEqual([]);
    expect(check(before, after, 'BACKWARD').compatible).toBe(true);
  });

  it('an old branch no new one covers is compared with the spare new branch', () => {
    const before = { anyOf: [S, I] };
    const after = { anyOf: [S, { type: 'boolean' }] };
    // why: integer → boolean at position 1, reported there rather than as a lost + a new alternative
    expect(kinds(before, after)).toEqual([['TYPE_CHANGED', '/anyOf/1/type']]);
    expect(check(before, after, 'BACKWARD').compatible).toBe(false);
  });
});

describe('allOf branches', () => {
  const X = { type: 'object', properties: { a: S }, additionalProperties: false };
  const Y = { not: N };

  it('a changed branch that still fits is paired with its old self and compared inside', () => {
    const looser = { type: 'object', properties: { a: { type: ['string', 'null'] } }, additionalProperties: false };
    // why: Y is unchanged; X's `a` accepts null too now, reported at X's position
    expect(kinds({ allOf: [X, Y] }, { allOf: [looser, Y] })).toEqual([['TYPE_EXTENDED', '/allOf/0/properties/a/type']]);
    expect(check({ allOf: [X, Y] }, { allOf: [looser, Y] }, 'BACKWARD').compatible).toBe(true);
  });

  it('reordered branches that each changed compatibly are paired by fit, not by position', () => {
    const looser = { type: 'object', properties: { a: { type: ['string', 'null'] } }, additionalProperties: false };
    const before = { allOf: [X, { not: { type: ['null', 'boolean'] } }] };
    const after = { allOf: [{ not: N }, looser] };
    // why: new 0 is the old `not` excluding less, new 1 is the old X accepting null for a: both only widen
    expect(kinds(before, after)).toEqual([['NOT_TYPE_NARROWED', '/allOf/0/not'], ['TYPE_EXTENDED', '/allOf/1/properties/a/type']]);
    expect(widens(before, after)).toEqual([]);
    expect(check(before, after, 'BACKWARD').compatible).toBe(true);
  });

  it('a changed branch that breaks is compared with the spare old branch', () => {
    const tighter = { type: 'object', properties: { a: { type: 'string', maxLength: 3 } }, additionalProperties: false };
    // why: a narrower X is still X's successor: one change at X's position, no branch added or lost
    expect(kinds({ allOf: [X, Y] }, { allOf: [tighter, Y] })).toEqual([['MAX_LENGTH_ADDED', '/allOf/0/properties/a/maxLength']]);
    expect(check({ allOf: [X, Y] }, { allOf: [tighter, Y] }, 'BACKWARD').compatible).toBe(false);
  });

  it('allOf added: each branch is a new constraint; removed: each is one less', () => {
    // why: no old branch to pair with
    expect(kinds({ type: 'object' }, { type: 'object', allOf: [X, Y] })).toEqual([['PRODUCT_TYPE_EXTENDED', '/allOf/0'], ['PRODUCT_TYPE_EXTENDED', '/allOf/1']]);
    expect(kinds({ type: 'object', allOf: [X, Y] }, { type: 'object' })).toEqual([['PRODUCT_TYPE_NARROWED', '/allOf/0'], ['PRODUCT_TYPE_NARROWED', '/allOf/1']]);
    expect(check({ type: 'object', allOf: [X, Y] }, { type: 'object' }, 'BACKWARD').compatible).toBe(true);
    expect(check({ type: 'object', allOf: [X, Y] }, { type: 'object' }, 'FORWARD').compatible).toBe(false);
  });
});

describe('a union appears: the old schema, allOf branches merged in, must fit one alternative', () => {
  it('three allOf branches merged into one alternative: the union only adds null', () => {
    const before = { allOf: [{ type: 'array', items: S }, { type: 'array', contains: { const: 'a' } }, { type: 'array', not: { maxItems: 0 } }] };
    const after = { anyOf: [{ type: 'array', items: S, contains: { const: 'a' }, not: { maxItems: 0 } }, N] };
    // why: the first alternative says exactly what the three branches said together
    expect(widens(before, after)).toEqual([]);
    expect(ajv.validate(after, null) && !ajv.validate(before, null), 'and null is new').toBe(true);
    expect(kinds(before, after)).toEqual([['PRODUCT_TYPE_NARROWED', '/allOf/0'], ['PRODUCT_TYPE_NARROWED', '/allOf/1'], ['PRODUCT_TYPE_NARROWED', '/allOf/2'], ['SUM_TYPE_EXTENDED', '/anyOf']]);
    expect(check(before, after, 'BACKWARD').compatible).toBe(true);
    expect(check(before, after, 'FORWARD').compatible).toBe(false);
  });

  it('a branch that conflicts with what is merged already stays an allOf branch', () => {
    const C2 = { type: 'array', items: { maxLength: 3 } };
    const before = { allOf: [{ type: 'array', items: S }, C2] };
    const after = { anyOf: [{ type: 'array', items: S, allOf: [C2] }, N] };
    // why: `items` is set differently by the two branches: both still hold, so C2 is kept beside the merged one
    expect(widens(before, after)).toEqual([]);
    expect(kinds(before, after)).toEqual([['PRODUCT_TYPE_NARROWED', '/allOf/0'], ['PRODUCT_TYPE_NARROWED', '/allOf/1'], ['SUM_TYPE_EXTENDED', '/anyOf']]);
    expect(check(before, after, 'BACKWARD').compatible).toBe(true);
  });

  it.each([
    ['anyOf', [S, I], [{ minimum: 0 }, S]],
    ['oneOf', [S, I], [{ minimum: 0 }, S]],
  ])('allOf branches that are %s unions are kept as branches', (kw, u1, u2) => {
    const U1 = { [kw]: u1 };
    const U2 = { [kw]: u2 };
    const before = { allOf: [U1, U2] };
    const after = { anyOf: [{ allOf: [U1, U2] }, N] };
    // why: the first alternative is the old schema itself
    expect(widens(before, after)).toEqual([]);
    expect(kinds(before, after)).toEqual([['PRODUCT_TYPE_NARROWED', '/allOf/0'], ['PRODUCT_TYPE_NARROWED', '/allOf/1'], ['SUM_TYPE_EXTENDED', '/anyOf']]);
  });

  it('no alternative fits: the union is a new constraint', () => {
    const before = { allOf: [{ type: 'array', items: S }, { type: 'array', contains: { const: 'a' } }] };
    const after = { anyOf: [{ type: 'array', items: S, contains: { const: 'b' } }, N] };
    // why: witness ["a"]: valid before, refused by both alternatives
    expect([ajv.validate(before, ['a']), ajv.validate(after, ['a'])]).toEqual([true, false]);
    expect(kinds(before, after).at(-1)).toEqual(['COMBINED_TYPE_ADDED', '/anyOf']);
    expect(check(before, after, 'BACKWARD').compatible).toBe(false);
  });
});

describe('not', () => {
  it('an unchanged not beside another change is not reported', () => {
    // why: the not excludes "x" on both sides; only maxLength changed
    expect(kinds({ type: 'string', not: { const: 'x' } }, { type: 'string', maxLength: 5, not: { const: 'x' } })).toEqual([['MAX_LENGTH_ADDED', '/maxLength']]);
  });
});

describe('if/then/else', () => {
  const base = { type: 'object', properties: { x: S, y: I }, if: { required: ['x'] } };

  it('a then that repeats the enclosing schema adds nothing, added or removed', () => {
    // why: x is a string whatever the condition: then {x: string} accepts every instance that reaches it
    expect(kinds(base, { ...base, then: { properties: { x: S } } })).toEqual([]);
    expect(kinds({ ...base, then: { properties: { x: S } } }, base)).toEqual([]);
  });

  it('then/else added or removed with a real constraint', () => {
    // why: with x present, y becomes required (then) / without x, y becomes required (else)
    expect(kinds(base, { ...base, then: { required: ['y'] } })).toEqual([['REQUIRED_ATTRIBUTE_ADDED', '/then/required']]);
    expect(kinds({ ...base, then: { required: ['y'] } }, base)).toEqual([['REQUIRED_ATTRIBUTE_REMOVED', '/then/required']]);
    expect(kinds(base, { ...base, else: { required: ['y'] } })).toEqual([['REQUIRED_ATTRIBUTE_ADDED', '/else/required']]);
    expect([ajv.validate(base, { x: 'a' }), ajv.validate({ ...base, then: { required: ['y'] } }, { x: 'a' })], 'witness {x: "a"}').toEqual([true, false]);
    expect(check(base, { ...base, then: { required: ['y'] } }, 'BACKWARD').compatible).toBe(false);
  });

  it('an annotation changed inside if does not re-partition instances', () => {
    const a = { ...base, if: { required: ['x'], description: 'has x' } };
    const b = { ...base, if: { required: ['x'], description: 'x is there' } };
    // why: the same instances pass the condition
    expect(kinds(a, b).map(([k]) => k)).not.toContain('CONDITION_CHANGED');
    expect(check(a, b, 'FULL').compatible).toBe(true);
  });

  it('an unchanged if with a changed then is not a changed condition', () => {
    expect(kinds({ ...base, then: { required: ['y'] } }, { ...base, then: { required: ['x', 'y'] } })).toEqual([['REQUIRED_ATTRIBUTE_ADDED', '/then/required']]);
  });

  it('a changed if is reported once, at /if', () => {
    // why: a new condition sends other instances to then/else: breaks both ways
    expect(kinds(base, { ...base, if: { required: ['y'] } })).toEqual([['CONDITION_CHANGED', '/if']]);
    expect(check(base, { ...base, if: { required: ['y'] } }, 'FORWARD').compatible).toBe(false);
  });

  it.each([
    ['false → true', { then: false }, { then: true }, 'FALSE_SCHEMA_REPLACED', false, true],
    ['absent → false', {}, { then: false }, 'FALSE_SCHEMA_INTRODUCED', true, false],
    ['false → absent', { then: false }, {}, 'FALSE_SCHEMA_REPLACED', false, true],
    ['a schema → false', { then: { required: ['y'] } }, { then: false }, 'FALSE_SCHEMA_INTRODUCED', { required: ['y'] }, false],
    ['false → a schema', { then: false }, { then: { required: ['y'] } }, 'FALSE_SCHEMA_REPLACED', false, { required: ['y'] }],
  ] as const)('a boolean then is compared as it is: %s', (_why, a, b, kind, was, now) => {
    const changes = diffSchemas({ ...base, ...a }, { ...base, ...b });
    // why: `then: false` refuses every instance with x; absent then is `true`
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind, path: '/then', before: was, after: now });
  });

  it('then is merged with the enclosing schema property by property', () => {
    const ctx = { ...base, properties: { x: S, y: { type: 'integer', allOf: [{ minimum: 0 }] } } };
    // why: y's own allOf still holds under then; then's `type: number` is looser than integer, so it adds no narrowing
    expect(kinds({ ...ctx, then: { properties: { y: { type: 'number' } } } }, ctx)).toEqual([['PRODUCT_TYPE_NARROWED', '/then/properties/y/allOf/0']]);
    // why: dropping a constraint never refuses an old event
    expect(check({ ...ctx, then: { properties: { y: { type: 'number' } } } }, ctx, 'BACKWARD').compatible).toBe(true);
  });

  it('a then property that is false refuses the property whatever the enclosing schema says', () => {
    // why: with x present, y was forbidden; dropping then allows it again
    expect(kinds({ ...base, then: { properties: { y: false } } }, base)).toEqual([['FALSE_SCHEMA_REPLACED', '/then/properties/y']]);
  });

  it('a then keyword the enclosing property lacks joins it, beside the property\'s own allOf', () => {
    const ctx = { ...base, properties: { x: S, y: { type: 'integer', allOf: [{ not: { const: 13 } }] } } };
    const a = { ...ctx, then: { properties: { y: { not: { const: 7 } } } } };
    const b = { ...ctx, then: { properties: { y: { not: { enum: [7, 8] } } } } };
    // why: with x present, y = 8 was allowed and is now excluded: the not of then excludes more, at then's y
    expect([ajv.validate(a, { x: 's', y: 8 }), ajv.validate(b, { x: 's', y: 8 })]).toEqual([true, false]);
    expect(kinds(a, b)).toEqual([['NOT_TYPE_EXTENDED', '/then/properties/y/not']]);
    expect(check(a, b, 'BACKWARD').compatible).toBe(false);
  });

  it('a then property whose enclosing schema is `true` takes then\'s constraints', () => {
    const ctx = { ...base, properties: { x: S, y: true } };
    expect(kinds({ ...ctx, then: { properties: { y: { minimum: 0 } } } }, { ...ctx, then: { properties: { y: { minimum: 1 } } } })).toEqual([['MINIMUM_INCREASED', '/then/properties/y/minimum']]);
  });

  it('required lists of then and the enclosing schema add up', () => {
    const ctx = { ...base, required: ['x'] };
    // why: under then, x and y were required; now only x
    expect(kinds({ ...ctx, then: { required: ['y'] } }, { ...ctx, then: { required: ['x'] } })).toEqual([['REQUIRED_ATTRIBUTE_REMOVED', '/then/required']]);
  });

  it('an enum of then set differently from the enclosing one is intersected with it, not joined', () => {
    const ctx = { ...base, properties: { x: S, y: { enum: [1, 2, 3] } } };
    const a = { ...ctx, then: { properties: { y: { enum: [2, 3, 4] } } } };
    const b = { ...ctx, then: { properties: { y: { enum: [1, 2, 3, 4] } } } };
    // why: with x present, y was 2 or 3 (both enums hold); now 1 is allowed too: new events may carry it
    expect([ajv.validate(a, { x: 's', y: 1 }), ajv.validate(b, { x: 's', y: 1 })]).toEqual([false, true]);
    expect(kinds(a, b)).toEqual([['ENUM_ARRAY_EXTENDED', '/then/properties/y/allOf/0/enum']]);
    expect(check(a, b, 'BACKWARD').compatible).toBe(true);
    expect(check(a, b, 'FORWARD').compatible).toBe(false);
  });

  it('a then keyword set differently from the enclosing one is kept apart, as an allOf of then', () => {
    const arr = { type: 'array', items: S, if: { minItems: 1 } };
    // why: both `items` hold; then's is compared on its own
    expect(kinds({ ...arr, then: { items: { maxLength: 3 } } }, { ...arr, then: { items: { maxLength: 4 } } })).toEqual([['MAX_LENGTH_INCREASED', '/then/allOf/0/items/maxLength']]);
  });

  it('a change of the enclosing schema is reported once, at its own level, not again under then', () => {
    const after = { ...base, properties: { x: { type: ['string', 'null'] }, y: I }, then: { required: ['y'] } };
    expect(kinds({ ...base, then: { required: ['y'] } }, after)).toEqual([['TYPE_EXTENDED', '/properties/x/type']]);
  });

  it('a then keyword that reads its siblings is not merged into the enclosing object (additionalProperties)', () => {
    // The review repro: a closed then that gains x. Merged with the enclosing properties, both
    // sides looked alike and the engine reported no change; then's additionalProperties reads
    // only then's own properties.
    const ctx = { type: 'object', properties: { x: S }, if: { required: ['x'] } };
    const a = { ...ctx, then: { additionalProperties: false } };
    const b = { ...ctx, then: { properties: { x: S }, additionalProperties: false } };
    // why: {x: "s"} passes the if, so then applies: a's then refuses x, b's then declares it
    expect([ajv.validate(a, { x: 's' }), ajv.validate(b, { x: 's' })], 'witness {x: "s"}').toEqual([false, true]);
    expect(kinds(a, b)).not.toEqual([]);
    // why: old consumers (a) reject an event the new schema (b) accepts
    expect(check(a, b, 'FORWARD').compatible).toBe(false);
    expect(check(a, b, 'FULL').compatible).toBe(false);
    // why: everything a accepted, b accepts (b's then is a's then plus a declared x)
    expect(widens(a, b)).toEqual([]);
    expect(check(a, b, 'BACKWARD').compatible).toBe(true);
  });

  it('a then keyword that reads its siblings is not merged into a nested property either (items)', () => {
    const ctx = { type: 'object', properties: { list: { type: 'array', prefixItems: [S] } }, if: { required: ['list'] } };
    const a = { ...ctx, then: { properties: { list: { items: false } } } };
    const b = { ...ctx, then: { properties: { list: { prefixItems: [S], items: false } } } };
    // why: a's then-level `items: false` has no prefixItems beside it, so it refuses every item; b's allows one string
    expect([ajv.validate(a, { list: ['s'] }), ajv.validate(b, { list: ['s'] })], 'witness {list: ["s"]}').toEqual([false, true]);
    expect(check(a, b, 'FORWARD').compatible).toBe(false);
    expect(check(a, b, 'BACKWARD').compatible).toBe(true);
  });
});
