/**
 * Edges of the small modules the diff stands on: numbering of nodes in pair keys
 * (diff-context.ts), the ECMA-262 `u` dialect and the non-string pattern hint (patterns.ts),
 * which names validatePatterns reads as patterns (validate.ts), null leaves in the `$ref`
 * analysis (schema-view.ts), and the messages and hints of limit changes (rules.ts).
 */
import { describe, expect, it } from 'vitest';
import { createContext, pairKey } from './diff-context.ts';
import { diffSchemas } from './diff.ts';
import { CompatError } from './errors.ts';
import { checkPattern, patternProblem } from './patterns.ts';
import { createResolver } from './refs.ts';
import { refKindOf } from './schema-view.ts';
import { validatePatterns } from './validate.ts';

describe('pair keys', () => {
  it('no node gets the number of false (the empty schema side of a pair)', () => {
    const ctx = createContext(createResolver({}, 'before'), createResolver({}, 'after'), false, 'STRICT');
    const a = {};
    const b = {};
    const c = {};
    const ab = pairKey(ctx, a, b);
    const ac = pairKey(ctx, a, c);
    // why: the pair (a, false) compares a with a schema that accepts nothing, never (a, b) or (a, c)
    expect(pairKey(ctx, a, false)).not.toBe(ab);
    expect(pairKey(ctx, a, false)).not.toBe(ac);
    expect(pairKey(ctx, false, a)).not.toBe(pairKey(ctx, b, a));
    expect(ac).not.toBe(ab);
  });
});

describe('patterns are read as ECMA-262 with the u flag', () => {
  it.each(['\\a', '\\-', '\\q', 'a{', ']', '{'])('%s is refused (valid only without u)', (pattern) => {
    // why: JSON Schema patterns follow ECMA-262 with u, where identity escapes and lone brackets are syntax errors
    expect(patternProblem(pattern)).toMatch(/^Invalid regular expression: .*\/u: /);
  });

  it('a non-string pattern is refused with a hint', () => {
    let error: unknown;
    try {
      checkPattern({ regex: 'a' }, '/properties/a/pattern', 'before');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompatError);
    expect((error as CompatError).message).toBe('pattern must be a string, got {"regex":"a"} (at /properties/a/pattern in the old schema)');
    expect((error as CompatError).hint).toBe('write the pattern as an ECMA-262 regular expression string');
  });
});

describe('validatePatterns reads only patterns', () => {
  const refused = (schema: unknown): string | undefined => {
    try {
      validatePatterns(schema, 'after');
    } catch (error) {
      if (error instanceof CompatError) return error.pointer;
      throw error;
    }
    return undefined;
  };

  it('property, $defs and dependency names are names, not patterns', () => {
    // why: "(" is a fine property name; only patternProperties keys are regular expressions
    expect(refused({ properties: { '(': { type: 'string' } }, $defs: { '[': {} }, dependentSchemas: { ')': {} } })).toBeUndefined();
    expect(refused({ patternProperties: { '(': {} } })).toBe('/patternProperties/(');
  });

  it('a pattern keyword whose value is not a string is not a regular expression to check here', () => {
    expect(refused({ properties: { a: { pattern: 42 } } })).toBeUndefined();
    expect(refused({ properties: { a: { pattern: null } } })).toBeUndefined();
  });
});

describe('refKindOf', () => {
  it('walks past null and scalar values', () => {
    expect(refKindOf({ enum: [null, 1, 'a'], default: null, const: null })).toBe(0);
    expect(refKindOf({ default: null, properties: { a: { $ref: '#/$defs/A' } } })).toBe(1);
  });
});

describe('messages of limit changes', () => {
  const change = (before: object, after: object) => {
    const [c, ...rest] = diffSchemas({ type: 'string', ...before }, { type: 'string', ...after });
    expect(rest).toEqual([]);
    return [c!.kind, c!.message, c!.hint];
  };

  it('added, removed, increased and decreased each say what happened, and breaking ones how to avoid it', () => {
    expect(change({}, { maxLength: 5 })).toEqual(['MAX_LENGTH_ADDED', 'maxLength 5 added at /maxLength', 'drop maxLength at /maxLength, or release it as a new major version']);
    expect(change({ maxLength: 5 }, {})).toEqual(['MAX_LENGTH_REMOVED', 'maxLength 5 removed at /maxLength', '']);
    expect(change({ maxLength: 5 }, { maxLength: 7 })).toEqual(['MAX_LENGTH_INCREASED', 'maxLength increased from 5 to 7 at /maxLength', '']);
    expect(change({ maxLength: 5 }, { maxLength: 3 })).toEqual(['MAX_LENGTH_DECREASED', 'maxLength decreased from 5 to 3 at /maxLength', 'keep maxLength at 5 at /maxLength, or release it as a new major version']);
    expect(change({ minLength: 2 }, { minLength: 4 })).toEqual(['MIN_LENGTH_INCREASED', 'minLength increased from 2 to 4 at /minLength', 'keep minLength at 2 at /minLength, or release it as a new major version']);
  });
});
