import { describe, expect, it } from 'vitest';
import { describeMismatch, pointerOfJsonPath } from './pact-path.ts';

describe('Pact verifier paths in evc words', () => {
  it.each([
    ['$', '/', 'the whole message'],
    ['$.payload.priority', '/payload/priority', 'dotted members'],
    ['$.payload.testCases[0].input', '/payload/testCases/0/input', 'array indices'],
    ["$.payload['max tokens']", '/payload/max tokens', 'bracketed names with spaces'],
    ["$.payload['a/b~c']", '/payload/a~1b~0c', 'RFC 6901 escapes for / and ~'],
    ['payload.x', 'payload.x', 'not a JSONPath: left as is'],
  ])('%s → %s (%s)', (jsonPath, pointer) => {
    expect(pointerOfJsonPath(jsonPath)).toBe(pointer);
  });

  it('says where and what, with no colour codes', () => {
    const line = describeMismatch('$.payload.priority', "\u001b[31mExpected 3 (Integer) to be a String\u001b[0m at $.payload.priority");
    // why: a CI log is not a terminal; escape codes there are noise, and evc names fields by pointer everywhere else.
    expect(line).toBe('at /payload/priority: Expected 3 (Integer) to be a String at /payload/priority');
    expect(line).not.toMatch(/\u001b/);
  });
});
