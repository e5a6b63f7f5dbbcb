/**
 * JSON Schema patterns are ECMA-262 regular expressions (JSON Schema validation §6.3.3), and
 * they come from whoever registers a schema. The engine therefore never runs them with a
 * backtracking engine: a pattern must compile as ECMA-262 with the `u` flag (the dialect the
 * spec names; compiling is linear in the pattern's length) AND be expressible in RE2's
 * linear-time subset (no backreferences, no lookaround), and the engine matches names with
 * re2js, a pure-JavaScript port of RE2 (no native build, no WebAssembly). `^(((.+)+)+)+!$`
 * against a 5,000-character name takes milliseconds instead of minutes.
 * An invalid or unsupported pattern is a CompatError with its pointer, never a crash.
 * RE2 and ECMA-262 agree on what schemas use (classes, anchors, quantifiers, `\d\w\s`,
 * `\p{…}`); `\uXXXX` and `\u{…}` are rewritten to RE2's `\x{…}`.
 */
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import { CompatError } from './errors.ts';

const cache = new Map<string, RE2JS | Error>();
let engine: typeof RE2JS | undefined;
/** re2js is loaded on the first pattern: most diffs compare none, and `evc diff` starts faster without it. */
const re2 = (): typeof RE2JS => (engine ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JS }).RE2JS);

/** `\uXXXX` / `\u{X…}` (ECMA-262) → `\x{…}` (RE2); an escaped backslash is kept as it is. */
const toRe2Syntax = (pattern: string): string =>
  pattern.replace(/\\\\|\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})/g, (m, braced?: string, four?: string) => (m === '\\\\' ? m : `\\x{${braced ?? four}}`));

function compile(pattern: string): RE2JS | Error {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    try {
      new RegExp(pattern, 'u'); // ECMA-262 validity only: this RegExp is never executed
      try {
        compiled = re2().compile(toRe2Syntax(pattern));
      } catch (error) {
        compiled = new Error(`it needs a backtracking engine (${(error as Error).message}); backreferences and lookaround are not allowed`);
      }
    } catch (error) {
      compiled = error as Error;
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Why `pattern` is refused, or undefined when it is valid and linear-time matchable. */
export function patternProblem(pattern: string): string | undefined {
  const compiled = compile(pattern);
  return compiled instanceof Error ? compiled.message : undefined;
}

/** Throws a CompatError when `pattern` is present and not a valid regular expression. */
export function checkPattern(pattern: unknown, at: string, side: 'before' | 'after'): void {
  if (pattern === undefined) return;
  if (typeof pattern !== 'string') {
    throw new CompatError(`pattern must be a string, got ${JSON.stringify(pattern)}`, at, 'write the pattern as an ECMA-262 regular expression string', side);
  }
  const compiled = compile(pattern);
  if (compiled instanceof Error) {
    throw new CompatError(
      `invalid regular expression ${JSON.stringify(pattern)}: ${compiled.message}`,
      at,
      'fix the pattern (JSON Schema patterns are ECMA-262 regular expressions with the u flag; escape special characters; no backreferences or lookaround)',
      side,
    );
  }
}

/** Does `name` match `pattern` (unanchored search, as ECMA `test`)? Linear time. */
export function matches(pattern: string, name: string, at: string, side: 'before' | 'after'): boolean {
  checkPattern(pattern, at, side);
  return (compile(pattern) as RE2JS).matcher(name).find();
}
