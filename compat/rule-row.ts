/**
 * The shape of one row of the rules table, and the tiny helpers that build a row.
 * Kept apart from the table so the table reads as data.
 */
import type { Policy } from './types.ts';

export interface ChangeFacts {
  path: string;
  before: unknown;
  after: unknown;
}

export interface Rule {
  /** Annotations never change the accepted set: they need a patch release at most. */
  category: 'annotation' | 'constraint';
  /** Is a reader of `after` still able to read data written with `before`? Per policy. */
  backward: Record<Exclude<Policy, 'CONSUMER_AWARE'>, boolean>;
  message(facts: ChangeFacts): string;
  /** Fix hint; empty for changes that never break. */
  hint(facts: ChangeFacts): string;
}

/** Short JSON for messages: long values are cut so a message stays one line. */
export function fmt(value: unknown): string {
  if (value === undefined) return '(absent)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `${path}`, `${before}` and `${after}` in a hint template are filled from the change. */
function fillHint(template: string, facts: ChangeFacts): string {
  return template
    .replaceAll('${path}', facts.path || '/')
    .replaceAll('${before}', fmt(facts.before))
    .replaceAll('${after}', fmt(facts.after));
}

export function ruleRow(
  category: Rule['category'],
  strict: boolean,
  lenient: boolean,
  message: (facts: ChangeFacts) => string,
  hint: string,
): Rule {
  if (strict && !lenient) throw new Error('a LENIENT verdict is never stricter than the STRICT one');
  return {
    category,
    backward: { STRICT: strict, LENIENT: lenient },
    message: (facts) => message({ ...facts, path: facts.path || '/' }),
    hint: (facts) => fillHint(hint, facts),
  };
}
