/**
 * Pact's verifier names a failing field with a JSONPath (`$.payload.requirements['max tokens']`)
 * and colours its text for terminals. evc reports it in its own words: the field as the JSON
 * pointer every other evc message uses (`/payload/requirements/max tokens`), no colour codes.
 */
import { encodePointer } from '#shared/json-pointer.ts';

/** ANSI SGR sequences (colour, bold) as terminals read them. */
export const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

/** `$.a.b[0]['c d']` → `/a/b/0/c d` (RFC 6901 escaped); anything unparseable is returned as is. */
export function pointerOfJsonPath(jsonPath: string): string {
  if (!jsonPath.startsWith('$')) return jsonPath;
  const tokens: string[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < jsonPath.length) {
    const m = re.exec(jsonPath);
    if (!m) return jsonPath;
    tokens.push(m[1] ?? m[2] ?? (m[3] ?? m[4]!).replace(/\\(.)/g, '$1'));
  }
  return encodePointer(tokens) || '/';
}

/** One verifier mismatch as evc prints it: `at /payload/priority: <what Pact found>`. */
export function describeMismatch(path: string | undefined, mismatch: string | undefined): string {
  const text = stripAnsi(mismatch ?? 'does not match').replace(/\$(?:\.[A-Za-z_][\w-]*|\[\d+\]|\['[^']*'\])+/g, (p) => pointerOfJsonPath(p));
  return path ? `at ${pointerOfJsonPath(path)}: ${text}` : text;
}
