/**
 * Identifier rules for generated code. Every name is derived from catalog data
 * (event types, message names, agent ids) so two runs over the same document
 * always produce the same identifiers.
 */

import { isReservedWord } from './escape.ts';

/** Splits `Prompt.Creation.Requested`, `user-signed_up`, `userSignedUp` into words. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** `Prompt.Creation.Requested` → `PromptCreationRequested`; always a valid TS identifier. */
export function pascalCase(text: string): string {
  const name = splitWords(text).map(capitalise).join('');
  if (!name) return 'Unnamed';
  return /^[0-9]/.test(name) ? `T${name}` : name;
}

/** `Prompt.Creation.Requested` → `promptCreationRequested`; never a reserved word. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  const name = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  return isReservedWord(name) ? `${name}Event` : name;
}

/** Assigns `base`, `base2`, `base3`, ... so names never collide (first come, first served). */
export function uniqueNamer(): (base: string) => string {
  const used = new Set<string>();
  return (base) => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  };
}

