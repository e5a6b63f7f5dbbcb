/**
 * Property names are data, not JavaScript (issue #18): a property called `valueOf`,
 * `constructor`, `toString`, `hasOwnProperty` or `__proto__` is compared like any other.
 * `name in obj` and `obj[name]` see what every object inherits from `Object.prototype`, so
 * removing `valueOf` from a closed object looked like no change and adding `constructor`
 * looked like a type change. Every lookup of a schema key goes through `#shared/json.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { diffSchemas } from './diff.ts';
import type { JsonSchema, Level, Policy } from './types.ts';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty'] as const;
const PLAIN_NAMES = ['a', 'b', 'c', 'd', 'e'] as const;

const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): JsonSchema =>
  ({ type: 'object', properties, additionalProperties: false, ...extra }) as JsonSchema;

const check = (before: JsonSchema, after: JsonSchema, level: Level, policy: Policy) =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: before }], candidate: { schema: after }, level, policy });

describe('prototype names are ordinary property names', () => {
  it.each(PROTOTYPE_NAMES)('removing "%s" from a closed object breaks BACKWARD under STRICT and needs a major', (name) => {
    // JSON.parse makes `__proto__` an own key, as a document read from disk has it.
    const before = JSON.parse(JSON.stringify({ type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false }).replace('"id":', `"${name}":{"type":"string"},"id":`)) as JsonSchema;
    const after = closed({ id: { type: 'string' } });
    const report = check(before, after, 'BACKWARD', 'STRICT');
    expect(report.compatible, 'old events carrying the property are rejected by the new closed schema').toBe(false);
    expect(report.requiredBump, 'a backward break needs a major').toBe('major');
    expect(report.changes.map((c) => [c.kind, c.path]), 'reported as a removal at the property itself').toEqual([['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', `/properties/${name}`]]);
  });

  it.each(PROTOTYPE_NAMES)('adding optional "%s" to an open object is an added property, not a type change', (name) => {
    const after = JSON.parse(`{"type":"object","properties":{"${name}":{"type":"string"}}}`) as JsonSchema;
    const kinds = diffSchemas({ type: 'object', properties: {} }, after).map((c) => c.kind);
    expect(kinds, 'the only change is the new optional property').toEqual(['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL']);
    expect(check({ type: 'object', properties: {} }, after, 'BACKWARD', 'LENIENT').compatible, 'LENIENT accepts an optional property added to an open object').toBe(true);
  });

  it('a JSON.parse\'d "__proto__" property is an own key in then/else merged with the enclosing properties', () => {
    const doc = (type: string) => JSON.parse(`{"type":"object","properties":{"id":{"type":"string"}},"if":{"required":["k"]},"then":{"properties":{"__proto__":{"type":"${type}"}}}}`) as JsonSchema;
    const changes = diffSchemas(doc('string'), doc('integer')).map((c) => `${c.kind} ${c.path}`);
    expect(changes, 'the type change is found under the property named __proto__').toEqual(['TYPE_CHANGED /then/properties/__proto__/type']);
  });

  it('a "__proto__" property behind a $ref with siblings keeps its schema', () => {
    const doc = (type: string) => JSON.parse(`{"$defs":{"T":{"type":"object"}},"$ref":"#/$defs/T","properties":{"__proto__":{"type":"${type}"}},"required":["__proto__"]}`) as JsonSchema;
    expect(diffSchemas(doc('string'), doc('integer')).map((c) => `${c.kind} ${c.path}`), 'the sibling properties apply beside the $ref').toEqual(['TYPE_CHANGED /properties/__proto__/type']);
  });

  it('a $ref pointer segment named like a prototype member must exist as an own key', () => {
    expect(() => diffSchemas({ $ref: '#/constructor' }, {}), 'no inherited member is a $ref target').toThrow(/unresolvable \$ref/);
  });
});

/** Object schemas over the names a..e: properties, required, closed/open/partially open, nested. */
const objectSchemas = fc.letrec<{ schema: JsonSchema }>((tie) => {
  const leaf = fc.oneof(
    fc.record({ type: fc.constantFrom('string', 'integer', 'number', 'boolean') }),
    fc.record({ type: fc.constant('string'), default: fc.constant('x') }),
    fc.constant(true),
    fc.constant(false),
  );
  const object = fc.record(
    {
      type: fc.constant('object'),
      properties: fc.dictionary(fc.constantFrom(...PLAIN_NAMES), tie('schema'), { maxKeys: 4 }),
      required: fc.subarray([...PLAIN_NAMES]),
      additionalProperties: fc.oneof(fc.constant(false), fc.constant(true), fc.record({ type: fc.constantFrom('object', 'string') })),
    },
    { requiredKeys: ['type', 'properties'] },
  );
  const union = fc.array(tie('schema'), { minLength: 1, maxLength: 2 }).map((branches) => ({ anyOf: branches }));
  return { schema: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, object, object, union) as fc.Arbitrary<JsonSchema> };
}).schema;

/** Renames property names (in `properties` and `required`) everywhere, through JSON text so `__proto__` stays an own key. */
function renamed(schema: JsonSchema, rename: (name: string) => string): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        if (k === 'properties' && typeof v === 'object' && v !== null) return [k, Object.fromEntries(Object.entries(v).map(([name, sub]) => [rename(name), walk(sub)]))];
        if (k === 'required' && Array.isArray(v)) return [k, v.map((name) => (typeof name === 'string' ? rename(name) : name))];
        return [k, walk(v)];
      }),
    );
  };
  return JSON.parse(JSON.stringify(walk(schema))) as JsonSchema;
}

/** Maps the names in a change path back: `/properties/valueOf/type` → `/properties/a/type`. */
const pathBack = (path: string, back: (name: string) => string): string => path.replace(/\/properties\/([^/]+)/g, (_all, name: string) => `/properties/${back(name)}`);

describe('verdicts do not depend on what properties are called (fast-check)', () => {
  it('renaming property names to and from prototype names changes no kind, path, verdict or bump', () => {
    const targets = fc.shuffledSubarray<string>([...PROTOTYPE_NAMES, ...PLAIN_NAMES], { minLength: PLAIN_NAMES.length, maxLength: PLAIN_NAMES.length });
    fc.assert(
      fc.property(objectSchemas, objectSchemas, targets, (before, after, names) => {
        // Only compare object pairs: that is where names matter.
        const to = new Map<string, string>(PLAIN_NAMES.map((n, i) => [n, names[i]!]));
        const from = new Map([...to].map(([k, v]) => [v, k]));
        const rename = (n: string) => to.get(n) ?? n;
        const back = (n: string) => from.get(n) ?? n;
        const original = diffSchemas(before, after).map((c) => `${c.kind} ${c.path}`).sort();
        const renamedChanges = diffSchemas(renamed(before, rename), renamed(after, rename)).map((c) => `${c.kind} ${pathBack(c.path, back)}`).sort();
        expect(renamedChanges, `names ${JSON.stringify([...to])}: the same changes at the same places`).toEqual(original);
        for (const policy of ['STRICT', 'LENIENT'] as const) {
          for (const level of ['BACKWARD', 'FORWARD', 'FULL'] as const) {
            const a = check(before, after, level, policy);
            const b = check(renamed(before, rename), renamed(after, rename), level, policy);
            expect([b.compatible, b.requiredBump], `${level}/${policy} with names ${JSON.stringify([...to])}`).toEqual([a.compatible, a.requiredBump]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
