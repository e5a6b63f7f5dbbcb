/**
 * Source text inlined into `validators.js` so the precompiled validators need no Ajv, no
 * ajv-formats and no fast-deep-equal at run time. Ajv's standalone output `require`s a few
 * runtime modules and the function-valued formats; each one it can emit is replaced by a
 * helper below. Anything else is reported as unsupported instead of shipped half-working.
 */

import { FAST_PATTERN_SOURCE } from './fast-patterns.ts';

/** Replacements for `require("ajv/dist/runtime/<name>").default`. */
export const RUNTIME_HELPERS: Record<string, { name: string; source: string }> = {
  // Not an Ajv module: the `code.regExp` of our Ajv (fast-patterns.ts) names itself this way.
  evcPattern: { name: 'evcPattern', source: FAST_PATTERN_SOURCE },
  // Ajv counts string length in Unicode code points (JSON Schema §6.3.1), not UTF-16 units.
  // A string without a high surrogate has one code point per unit, and the native regexp
  // scan finds that far faster than a charCodeAt loop on long strings (minLength/maxLength
  // run on every payload string). Same result as Ajv's ucs2length: standalone-helpers.test.ts.
  ucs2length: {
    name: 'evcUcs2length',
    source: `const evcHighSurrogate = /[\\uD800-\\uDBFF]/;
function evcUcs2length(str) {
  const units = str.length;
  if (units > 16 && !evcHighSurrogate.test(str)) return units;
  let length = 0;
  for (let i = 0; i < units; i++) {
    length++;
    const code = str.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < units) {
      const next = str.charCodeAt(i + 1);
      if ((next & 0xfc00) === 0xdc00) i++;
    }
  }
  return length;
}`,
  },
  // Structural equality of JSON values, for const, enum and uniqueItems.
  equal: {
    name: 'evcEqual',
    source: `function evcEqual(a, b) {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!evcEqual(a[i], b[i])) return false;
      return true;
    }
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(b, key) || !evcEqual(a[key], b[key])) return false;
    }
    return true;
  }
  return a !== a && b !== b;
}`,
  },
};

/**
 * Function-valued formats of ajv-formats ("fast" mode), re-implemented as inlinable source.
 * Regex-valued formats need no entry: Ajv inlines regular expressions itself.
 */
export const FUNCTION_FORMATS: Record<string, { type: 'string' | 'number'; source: string; check: (v: never) => boolean }> = {
  regex: {
    type: 'string',
    source: `(str) => { if (/[^\\\\]\\\\Z/.test(str)) return false; try { new RegExp(str, 'u'); return true; } catch { return false; } }`,
    check: (str: string) => {
      if (/[^\\]\\Z/.test(str)) return false;
      try {
        new RegExp(str, 'u');
        return true;
      } catch {
        return false;
      }
    },
  },
  byte: {
    type: 'string',
    source: `(str) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(str)`,
    check: (str: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(str),
  },
  int32: {
    type: 'number',
    source: `(n) => Number.isInteger(n) && n <= 2147483647 && n >= -2147483648`,
    check: (n: number) => Number.isInteger(n) && n <= 2147483647 && n >= -2147483648,
  },
  // JSON numbers above 2^53 lose precision anyway, so any safe-or-not integer is an int64.
  int64: { type: 'number', source: `(n) => Number.isInteger(n)`, check: (n: number) => Number.isInteger(n) },
  float: { type: 'number', source: `() => true`, check: () => true },
  double: { type: 'number', source: `() => true`, check: () => true },
};

/** Formats that constrain nothing (OpenAPI's `password`, `binary`). */
export const NO_OP_FORMATS = ['password', 'binary'];

/**
 * Guards Ajv's minLength/maxLength checks with the string's UTF-16 length, which bounds its
 * code-point count: `units / 2 ≤ ucs2length(s) ≤ units`. So `ucs2length(s) > N` is false
 * when `units ≤ N`, and `ucs2length(s) < N` is true when `units < N` and false when
 * `units ≥ 2N`; only strings near a limit are counted. Exactly Ajv's verdicts (proof:
 * standalone-helpers.test.ts). Rewrites only the shape Ajv emits, `funcK(dataJ) > N`,
 * where `funcK` is bound to evcUcs2length; anything else is left as it is.
 */
export function guardLengthChecks(code: string): string {
  const aliases = new Set([...code.matchAll(/\bconst (func\d+) = evcUcs2length;/g)].map((m) => m[1]!));
  if (aliases.size === 0) return code;
  return code.replace(/\b(func\d+)\((data\d*)\) ([<>]) (\d+)(?![\w.])/g, (match, fn: string, data: string, op: string, n: string) => {
    if (!aliases.has(fn)) return match;
    const limit = Number(n);
    return op === '>'
      ? `(${data}.length > ${limit} && ${fn}(${data}) > ${limit})`
      : `(${data}.length < ${limit} || (${data}.length < ${2 * limit} && ${fn}(${data}) < ${limit}))`;
  });
}
