import { describe, expect, it } from 'vitest';
import { schemaAtDataPointer } from './schema-path.ts';

const schema = {
  type: 'object',
  required: ['payload'],
  properties: {
    payload: { $ref: '#/$defs/P' },
    meta: { type: 'object', properties: { user: { type: 'string' } } },
  },
  $defs: {
    P: {
      allOf: [{ type: 'object', required: ['id'], properties: { id: { type: 'string' } } }],
      properties: { items: { type: 'array', items: { $ref: '#/$defs/Item' } }, tags: { type: 'object', additionalProperties: { type: 'string' } } },
    },
    Item: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } },
  },
};

describe('schemaAtDataPointer', () => {
  it.each([
    { pointer: '/payload/id', expected: { found: true, required: true }, why: 'through a $ref and an allOf member, required at every step' },
    { pointer: '/meta/user', expected: { found: true, required: false }, why: 'declared but optional' },
    { pointer: '/payload/items/0/sku', expected: { found: true, required: false }, why: 'array index steps into items; items itself is optional' },
    { pointer: '/payload/tags/any', expected: { found: true, required: false }, why: 'a map value via additionalProperties' },
    { pointer: '/payload/nope', expected: { found: false, required: false, missing: 'nope' }, why: 'names the first undeclared segment' },
    { pointer: '', expected: { found: true, required: true }, why: 'the root is the whole event' },
  ])('$pointer: $why', ({ pointer, expected }) => {
    expect(schemaAtDataPointer(schema, pointer)).toEqual(expected);
  });
});
