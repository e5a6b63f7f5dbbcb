import { describe, expect, it } from 'vitest';
import { compilePointer, readPointer } from './json-pointer.ts';

const doc = { payload: { promptId: 'p-1', 'a/b': 1, 'm~n': 2, list: ['x', 'y'], deep: { er: { est: 3 } } } };

describe('readPointer (RFC 6901)', () => {
  it.each([
    { pointer: '', expected: doc, why: 'empty pointer is the whole document' },
    { pointer: '/payload/promptId', expected: 'p-1', why: 'two-token fast path' },
    { pointer: '/payload/a~1b', expected: 1, why: '~1 decodes to /' },
    { pointer: '/payload/m~0n', expected: 2, why: '~0 decodes to ~' },
    { pointer: '/payload/list/1', expected: 'y', why: 'array index' },
    { pointer: '/payload/deep/er/est', expected: 3, why: 'deep path' },
    { pointer: '/payload/missing/x', expected: undefined, why: 'missing path is undefined, not an error' },
    { pointer: '/payload/promptId/x', expected: undefined, why: 'cannot descend into a string' },
  ])('$pointer: $why', ({ pointer, expected }) => expect(readPointer(doc, pointer)).toEqual(expected));

  it('rejects a pointer that does not start with /', () => {
    expect(() => compilePointer('payload/promptId')).toThrow(/must be empty or start with "\/"/);
  });
});
