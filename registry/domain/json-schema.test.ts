import { describe, expect, it } from 'vitest';
import { RegistryError } from '../errors.ts';
import { canonicalize } from './canonical.ts';
import { assertValidJsonSchema, findRemoteRefs } from './json-schema.ts';

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
