import { describe, expect, it } from 'vitest';
import { RegistryError } from '../errors.ts';
import { canonicalize } from './canonical.ts';
import { assertProcessableSchema, assertValidJsonSchema, findRemoteRefs } from './json-schema.ts';

describe('assertValidJsonSchema', () => {
  it.each([
    ['a draft-07 object schema', { type: 'object', properties: { a: { type: 'string' } } }],
    ['a 2020-12 schema with local $defs refs', { $schema: 'https://json-schema.org/draft/2020-12/schema', $defs: { A: { type: 'string' } }, $ref: '#/$defs/A' }],
    ['the boolean schema', true],
  ])('accepts %s', (_name, schema) => {
    expect(assertValidJsonSchema(schema)).toBe(schema);
  });

  it.each([
    ['an unknown type', { type: 'nonsense' }, /Invalid JSON Schema/],
    ['an array', [1, 2], /object or a boolean/],
    ['a remote $ref', { properties: { a: { $ref: 'https://example.com/a.json' } } }, /\/properties\/a\/\$ref/],
    ['a relative file $ref', { $ref: 'other.json#/A' }, /Remote \$ref/],
  ])('refuses %s with 42201 and where', (_name, schema, message) => {
    try {
      assertValidJsonSchema(schema);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).code).toBe(42201);
      expect((error as RegistryError).message).toMatch(message);
    }
  });

  it('finds every remote $ref with a JSON pointer (escaping ~ and /)', () => {
    expect(findRemoteRefs({ properties: { 'a/b': { $ref: 'http://x/y' }, c: { $ref: '#/local' } } })).toEqual([{ pointer: '/properties/a~1b/$ref', ref: 'http://x/y' }]);
  });
});

describe('assertProcessableSchema: nothing is stored that a later check, bundle or lookup cannot process', () => {
  it.each<[string, unknown, number, string, RegExp]>([
    ['an invalid regex', { properties: { x: { type: 'string', pattern: '([a-z' } } }, 422, '/properties/x/pattern', /invalid regular expression/],
    ['a pattern needing backtracking', { patternProperties: { '^(?!x)': {} } }, 422, '/patternProperties/^(?!x)', /backtracking engine/],
    ['a $ref cycle', { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' }, 422, '', /circular \$ref/],
    ['a dangling $ref', { properties: { a: { $ref: '#/$defs/nope' } } }, 422, '/properties/a', /unresolvable \$ref/],
    ['an unknown $schema', { $schema: 'http://example.com/x' }, 422, '/$schema', /Unknown \$schema/],
    ['a remote $dynamicRef', { $schema: 'https://json-schema.org/draft/2020-12/schema', $dynamicRef: 'https://evil.example/x#meta' }, 422, '/$dynamicRef', /not allowed/],
    ['a 100,000-value enum', { enum: Array.from({ length: 100_000 }, (_, i) => i) }, 422, '/enum', /limit enum-values/],
  ])('refuses %s with its status and pointer', (_name, schema, status, pointer, message) => {
    let error: unknown;
    try {
      assertProcessableSchema(schema);
    } catch (e) {
      error = e;
    }
    // why: each of these was stored before, and every later request on the subject answered 500.
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).status).toBe(status);
    expect((error as RegistryError).message).toMatch(message);
    expect((error as RegistryError).details?.pointer).toBe(pointer);
  });

  it.each([
    ['a recursive schema (a $ref back to an ancestor through properties)', { $defs: { n: { type: 'object', properties: { next: { $ref: '#/$defs/n' } } } }, $ref: '#/$defs/n' }],
    ['a catastrophic-backtracking pattern (matched by RE2 here, never by irregexp)', { patternProperties: { '^(((.+)+)+)+!$': { type: 'string' } } }],
    ['a 2019-09 schema with $anchor', { $schema: 'https://json-schema.org/draft/2019-09/schema', $defs: { a: { $anchor: 'A', type: 'string' } }, $ref: '#A' }],
    ['draft-07 named with a trailing #', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'string', pattern: '^\\u0041+$' }],
  ])('accepts %s', (_name, schema) => {
    expect(assertProcessableSchema(schema)).toBe(schema);
  });
});

describe('canonicalize', () => {
  it('gives the same hash for the same schema in any key order and formatting', () => {
    const a = canonicalize(JSON.parse('{"type":"object","properties":{"b":{"type":"string"},"a":{"type":"number"}}}'));
    const b = canonicalize(JSON.parse('{ "properties": { "a": { "type": "number" }, "b": { "type": "string" } }, "type": "object" }'));
    expect(a).toEqual(b);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps array order (it is significant in JSON Schema, e.g. prefixItems)', () => {
    expect(canonicalize({ enum: ['a', 'b'] }).hash).not.toBe(canonicalize({ enum: ['b', 'a'] }).hash);
  });
});
