/**
 * JSON Schema patterns are ECMA-262 regular expressions (JSON Schema validation §6.3.3).
 * Compiled once and cached; an invalid one is a clear CompatError, never a crash.
 */
import { CompatError } from './errors.ts';

const cache = new Map<string, RegExp | Error>();

function compile(pattern: string): RegExp | Error {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(pattern, 'u');
    } catch {
      try {
        compiled = new RegExp(pattern);
      } catch (error) {
        compiled = error as Error;
      }
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Throws a CompatError when `pattern` is present and not a valid regular expression. */
export function checkPattern(pattern: unknown, at: string, side: 'before' | 'after'): void {
  if (pattern === undefined) return;
  if (typeof pattern !== 'string') {
    throw new CompatError(`pattern must be a string, got ${JSON.stringify(pattern)}`, at, 'write the pattern as an ECMA-262 regular expression string', side);
  }
  const compiled = compile(pattern);
  if (compiled instanceof Error) {
    throw new CompatError(`invalid regular expression ${JSON.stringify(pattern)}: ${compiled.message}`, at, 'fix the pattern (JSON Schema patterns are ECMA-262 regular expressions; escape special characters)', side);
  }
}

/** Does `name` match `pattern`? The pattern must have passed `checkPattern`. */
export function matches(pattern: string, name: string, at: string, side: 'before' | 'after'): boolean {
  checkPattern(pattern, at, side);
  return (compile(pattern) as RegExp).test(name);
}
