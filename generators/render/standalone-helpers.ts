/**
 * Source text inlined into `validators.js` so the precompiled validators need no Ajv, no
 * ajv-formats and no fast-deep-equal at run time. Ajv's standalone output `require`s a few
 * runtime modules and the function-valued formats; each one it can emit is replaced by a
 * helper below, written here from the specifications each cites (not ported from those
 * libraries; why own code rather than a run-time dependency: generators/README.md).
 * Anything else is reported as unsupported instead of shipped half-working.
 */

import { RFC3339_FORMATS, RFC3339_SOURCES } from '#catalog/string-formats.ts';
import { FAST_PATTERN_SOURCE } from './fast-patterns.ts';

/** Replacements for `require("ajv/dist/runtime/<name>").default`. */
export const RUNTIME_HELPERS: Record<string, { name: string; source: string }> = {
  // Not an Ajv module: the `code.regExp` of our Ajv (fast-patterns.ts) names itself this way.
  evcPattern: { name: 'evcPattern', source: FAST_PATTERN_SOURCE },
  // JSON Schema §6.3.1: a string's length is its number of characters (Unicode code points,
  // RFC 8259 §8.1), i.e. UTF-16 units minus one per surrogate pair (a lone surrogate counts
  // as one). A string with no high surrogate has one code point per unit, which the native
  // regexp scan finds much faster than a loop on long strings (minLength/maxLength run on
  // every payload string). Same result as Ajv's ucs2length: standalone-helpers.test.ts.
  ucs2length: {
    name: 'evcUcs2length',
    source: `const evcHighSurrogate = /[\\uD800-\\uDBFF]/;
function evcUcs2length(text) {
  const units = text.length;
  if (units > 16 && !evcHighSurrogate.test(text)) return units;
  let pairs = 0;
  for (let i = 0; i + 1 < units; i++) {
    const high = text.charCodeAt(i);
    if (high < 0xd800 || high > 0xdbff) continue;
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      pairs++;
      i++;
    }
  }
  return units - pairs;
}`,
  },
  // JSON Schema 2020-12 §4.2.2 instance equality, for const, enum and uniqueItems: same type;
  // arrays of equal length with equal items in order; objects with the same property names
  // and equal values. (NaN equals NaN, as in Ajv; JSON has no NaN.)
  equal: {
    name: 'evcEqual',
    source: `function evcEqual(left, right) {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return left !== left && right !== right;
  const isArray = Array.isArray(left);
  if (isArray !== Array.isArray(right)) return false;
  if (isArray) return left.length === right.length && left.every((item, i) => evcEqual(item, right[i]));
  const names = Object.keys(left);
  return names.length === Object.keys(right).length && names.every((name) => Object.prototype.hasOwnProperty.call(right, name) && evcEqual(left[name], right[name]));
}`,
  },
};

type FormatDef = { type: 'string' | 'number'; source: string; check: (v: never) => boolean };

/** A function format whose compile-time check is its own shipped source, so both are the same code. */
const shipped = (type: 'string' | 'number', source: string): FormatDef => ({ type, source, check: new Function(`return (${source});`)() as (v: never) => boolean });

/**
 * Function-valued formats. Regex-valued ones (uuid, email, uri, hostname, ipv4, ...) are
 * ajv-formats' own "fast" definitions, used as data at generation time; Ajv inlines them.
 */
export const FUNCTION_FORMATS: Record<string, FormatDef> = {
  // JSON Schema 2020-12 §7.3.8: an ECMA-262 regular expression. Compiled with the `u` flag
  // because Ajv compiles `pattern` with it: a value valid only without `u` could not be used as one.
  regex: shipped('string', `(text) => { try { new RegExp(text, 'u'); return true; } catch { return false; } }`),
  // OpenAPI 3 `byte`: base64 (RFC 4648 §4): groups of 4 alphabet characters, '=' padding only at the end.
  byte: shipped('string', `(text) => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text)`),
  // OpenAPI 3 `int32`: a signed 32-bit integer.
  int32: shipped('number', `(value) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31`),
  // OpenAPI 3 `int64`: JSON numbers above 2^53 have lost precision already, so every integer is accepted.
  int64: shipped('number', `(value) => Number.isInteger(value)`),
  // OpenAPI 3 `float`/`double`: any JSON number (a JSON number is always finite).
  float: shipped('number', `(value) => typeof value === 'number'`),
  double: shipped('number', `(value) => typeof value === 'number'`),
  // RFC 3339 with a calendar check (catalog/string-formats.ts), shared with lint and the registry.
  ...Object.fromEntries(Object.entries(RFC3339_SOURCES).map(([name, source]) => [name, { type: 'string' as const, source, check: RFC3339_FORMATS[name as keyof typeof RFC3339_FORMATS] as (v: never) => boolean }])),
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
