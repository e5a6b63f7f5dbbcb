/**
 * RFC 6901 JSON pointers, read-only. Pointers are compiled once per contract so the
 * per-event read is a loop over pre-split tokens.
 */
import { unescapeToken } from '../shared/json-pointer.ts';
export type PointerReader = (value: unknown) => unknown;

export function compilePointer(pointer: string): PointerReader {
  if (pointer === '') return (value) => value;
  if (!pointer.startsWith('/')) {
    throw new Error(`invalid JSON pointer "${pointer}": it must be empty or start with "/" (RFC 6901)`);
  }
  const tokens = pointer.slice(1).split('/').map(unescapeToken);
  if (tokens.length === 2) {
    const [a, b] = tokens as [string, string];
    return (value) => {
      const first = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[a] : undefined;
      return first !== null && typeof first === 'object' ? (first as Record<string, unknown>)[b] : undefined;
    };
  }
  return (value) => {
    let current: unknown = value;
    for (const token of tokens) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[token];
    }
    return current;
  };
}

export function readPointer(value: unknown, pointer: string): unknown {
  return compilePointer(pointer)(value);
}
