/**
 * Hostile schemas finish with a result or a clear CompatError (what, where, what next),
 * never a stack overflow or a hang. Outcomes only: speed is measured by `npm run bench:compat`.
 */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from './diff.ts';
import { CompatError } from './errors.ts';
import { MAX_DEPTH } from './diff-context.ts';
import type { JsonSchema } from './types.ts';

function nested(depth: number, leaf: JsonSchema): JsonSchema {
  let schema: JsonSchema = leaf;
  for (let i = 0; i < depth; i++) schema = { type: 'object', properties: { a: schema } };
  return schema;
}

function catchError(run: () => unknown): CompatError {
  try {
    run();
  } catch (error) {
    expect(error, 'a CompatError, not a crash').toBeInstanceOf(CompatError);
    return error as CompatError;
  }
  throw new Error('expected a CompatError');
}

describe('hostile schemas', () => {
  it('1,000-deep nesting is compared and the change found at the bottom', () => {
    const changes = diffSchemas(nested(1000, { type: 'string' }), nested(1000, { type: 'integer' }));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.kind).toBe('TYPE_CHANGED');
    expect(changes[0]!.path.split('/properties/a').length - 1, 'the pointer goes 1,000 levels down').toBe(1000);
  });

  it('1,000-deep array nesting too', () => {
    const deep = (leaf: JsonSchema) => {
      let s: JsonSchema = leaf;
      for (let i = 0; i < 1000; i++) s = { type: 'array', items: s };
      return s;
    };
    expect(diffSchemas(deep({ type: 'integer' }), deep({ type: 'number' })).map((c) => c.kind)).toEqual(['TYPE_EXTENDED']);
  });

  it('10,000-deep property nesting is walked on the heap, not the call stack', () => {
    const changes = diffSchemas(nested(10_000, { type: 'string' }), nested(10_000, { type: 'integer' }));
    expect(changes.map((c) => c.kind)).toEqual(['TYPE_CHANGED']);
  });

  it('unions nested beyond the sub-diff limit are a clear error, not a stack overflow', () => {
    const unions = (leaf: JsonSchema) => {
      let s: JsonSchema = leaf;
      for (let i = 0; i < 1000; i++) s = { anyOf: [s, { type: 'null' }] };
      return s;
    };
    const error = catchError(() => diffSchemas(unions({ type: 'string' }), unions({ type: 'integer' })));
    expect(error.message).toMatch(new RegExp(`nested deeper than ${MAX_DEPTH} levels`));
    expect(error.hint).toMatch(/\$defs/);
  });

  it('a $ref cycle that never reaches a schema is a clear error', () => {
    const cyclic: JsonSchema = { $ref: '#/$defs/A', $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } } };
    const error = catchError(() => diffSchemas(cyclic, { type: 'string' }));
    expect(error.message).toMatch(/circular \$ref chain/);
  });

  it('a root that refers to itself is a clear error', () => {
    expect(catchError(() => diffSchemas({ $ref: '#' }, {})).message).toMatch(/circular/);
  });

  it('mutually recursive schemas terminate with the real change', () => {
    const schema = (leaf: JsonSchema): JsonSchema => ({
      $ref: '#/$defs/A',
      $defs: {
        A: { type: 'object', properties: { b: { $ref: '#/$defs/B' }, v: leaf } },
        B: { type: 'object', properties: { a: { $ref: '#/$defs/A' }, list: { type: 'array', items: { anyOf: [{ $ref: '#/$defs/A' }, { $ref: '#/$defs/B' }] } } } },
      },
    });
    const changes = diffSchemas(schema({ type: 'string' }), schema({ type: 'string', maxLength: 3 }));
    expect(changes.map((c) => c.kind)).toContain('MAX_LENGTH_ADDED');
    expect(changes.every((c) => c.kind === 'MAX_LENGTH_ADDED'), 'only the real change is reported').toBe(true);
  });

  it('10,000 properties: finds the one changed and the one added', () => {
    const properties: Record<string, JsonSchema> = {};
    for (let i = 0; i < 10_000; i++) properties[`p${i}`] = { type: 'string' };
    const after = { type: 'object', properties: { ...properties, p5000: { type: 'integer' }, extra: { type: 'string' } } };
    const changes = diffSchemas({ type: 'object', properties }, after);
    expect(changes.map((c) => [c.kind, c.path]).sort()).toEqual([
      ['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', '/properties/extra'],
      ['TYPE_CHANGED', '/properties/p5000/type'],
    ]);
  });

  it('a 100,000-value enum: one value removed is a narrowing', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => `v${i}`);
    const changes = diffSchemas({ enum: values }, { enum: values.slice(1) });
    expect(changes.map((c) => c.kind)).toEqual(['ENUM_ARRAY_NARROWED']);
    expect(changes[0]!.message.length, 'the message stays one short line').toBeLessThan(300);
  });

  it.each([
    ['pattern', { type: 'object', properties: { x: { type: 'string', pattern: '([a-z' } } }, '/properties/x/pattern'],
    ['patternProperties', { type: 'object', patternProperties: { '(?<': { type: 'string' } } }, '/patternProperties/(?<'],
  ])('an invalid regular expression in %s is a clear error with its pointer', (_k, bad, pointer) => {
    const error = catchError(() => diffSchemas({ type: 'object' }, bad as JsonSchema));
    expect(error.message).toMatch(/invalid regular expression/);
    expect(error.pointer).toBe(pointer);
    expect(error.side).toBe('after');
  });

  it('matches a catastrophic-backtracking pattern against a stored property name in linear time (3.3 s with RegExp)', () => {
    const started = performance.now();
    const changes = diffSchemas(
      { type: 'object', properties: { ['a'.repeat(40)]: { type: 'string' } } },
      { type: 'object', patternProperties: { '^(((.+)+)+)+!$': { type: 'string' } } },
    );
    // why: compat/patterns.ts runs RE2 (re2js); irregexp would take longer than the age of the universe on 40 characters.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(changes.length).toBeGreaterThan(0);
  });

  it.each([
    ['a backreference', '^(a+)\\1$', /backtracking engine/],
    ['a lookahead', '^(?=a)a$', /backtracking engine/],
    ['a pattern invalid only under the u flag', '\\-[a]{', /invalid regular expression/],
  ])('refuses %s: patterns must be ECMA-262 (u) and linear-time matchable', (_name, pattern, message) => {
    const error = catchError(() => diffSchemas({ type: 'string' }, { type: 'string', pattern }));
    expect(error.message).toMatch(message);
    expect(error.pointer).toBe('/pattern');
  });

  it('matches \\uXXXX escapes as ECMA-262 does (rewritten for RE2)', () => {
    const changes = diffSchemas({ type: 'object', properties: { A: { type: 'string' } } }, { type: 'object', patternProperties: { '^\\u0041$': { type: 'string' } }, additionalProperties: false });
    // why: "A" matches ^\u0041$, so the property is still accepted with a string value.
    expect(changes.map((c) => c.kind)).not.toContain('PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL');
  });

  it('a remote $ref is refused with what to do instead', () => {
    const error = catchError(() => diffSchemas({ $ref: 'https://example.com/a.json' }, {}));
    expect(error.message).toMatch(/remote \$ref/);
    expect(error.hint).toMatch(/\$defs/);
  });

  it('an unresolvable local $ref names the missing key', () => {
    const error = catchError(() => diffSchemas({ type: 'object', properties: { a: { $ref: '#/$defs/Missing' } } }, { type: 'object', properties: { a: { type: 'string' } } }));
    expect(error.message).toMatch(/unresolvable \$ref "#\/\$defs\/Missing": no "\$defs"/);
    expect(error.pointer).toBe('/properties/a');
  });
});
