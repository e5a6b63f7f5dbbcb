/**
 * guardLengthChecks on the names Ajv actually emits: the root value is `data` (no digit),
 * nested values `data1`, `data12`, ..., and after ten scope values the alias is `func10`+.
 */
import { describe, expect, it } from 'vitest';
import { guardLengthChecks } from './standalone-helpers.ts';

describe('guardLengthChecks with multi-digit and root names', () => {
  it('rewrites checks on the root `data` and on multi-digit data and func names', () => {
    const code = 'const func12 = evcUcs2length;\nif(func12(data) > 5){}\nif(func12(data23) < 2){}';
    // why: a root string schema ({type: "string", maxLength: 5}) and big schemas use exactly these names; skipping them loses the fast path.
    expect(guardLengthChecks(code)).toBe(
      'const func12 = evcUcs2length;\nif((data.length > 5 && func12(data) > 5)){}\nif((data23.length < 2 || (data23.length < 4 && func12(data23) < 2))){}',
    );
  });

  it('leaves calls of another funcN alone even when it shares a prefix with the alias', () => {
    const code = 'const func1 = evcUcs2length;\nif(func12(data0) > 5){}\nif(func1(data0) > 5){}';
    // why: only the function bound to evcUcs2length counts code points; func12 is something else.
    expect(guardLengthChecks(code)).toBe('const func1 = evcUcs2length;\nif(func12(data0) > 5){}\nif((data0.length > 5 && func1(data0) > 5)){}');
  });
});
