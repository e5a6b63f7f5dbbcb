import { describe, expect, it } from 'vitest';
import { constraintsOf, fieldRows, typeOf } from './fields.ts';

const schema = {
  type: 'object',
  required: ['id', 'priority'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'The id.' },
    priority: { $ref: '#/$defs/Priority' },
    tags: { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 10 },
    owner: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } },
  },
  $defs: { Priority: { type: 'string', enum: ['low', 'high'], description: 'How urgent.' } },
};

describe('fieldRows', () => {
  const rows = fieldRows(schema, { id: 'a1', priority: 'low', owner: { name: 'ana' } });
  const row = (pointer: string) => rows.find((r) => r.pointer === pointer);
  it.each([
    ['a required scalar with its format and example', '/id', { type: 'string', required: true, constraints: ['format uuid'], example: '"a1"', description: 'The id.' }],
    ['a $ref into $defs is followed for type, constraints and description', '/priority', { type: 'string (Priority)', constraints: ['one of "low", "high"'], description: 'How urgent.' }],
    ['an optional array names its item type', '/tags', { type: 'array of string', required: false, constraints: ['items ≤ 10'] }],
    ['nested object fields are flattened with their depth', '/owner/name', { depth: 1, required: true, constraints: ['length ≥ 1'], example: '"ana"' }],
  ])('%s', (_why, pointer, expected) => {
    expect(row(pointer)).toMatchObject(expected);
  });
  it('leaves out names the caller omits (the envelope table omits payload)', () => {
    expect(fieldRows(schema, undefined, ['owner'], 0).map((r) => r.name)).toEqual(['id', 'priority', 'tags']);
  });
  it('survives a $ref cycle and unknown refs', () => {
    const cyclic = { type: 'object', properties: { a: { $ref: '#/$defs/A' }, b: { $ref: '#/$defs/Missing' } }, $defs: { A: { $ref: '#/$defs/A' } } };
    expect(fieldRows(cyclic).map((r) => r.name)).toEqual(['a', 'b']);
  });
  it('describes unions and booleans', () => {
    expect(typeOf({ oneOf: [{ type: 'string' }, { type: 'null' }] })).toBe('string | null');
    expect(typeOf(true)).toBe('any');
    expect(constraintsOf({ additionalProperties: false, uniqueItems: false })).toEqual(['no other properties']);
  });
});
