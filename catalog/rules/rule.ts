/**
 * A lint rule is data: an id (the diagnostic code), a one-line description shown by
 * `evc lint --rules`, and a pure `check` over the loaded document. Add a rule by adding a file
 * here and one line in `index.ts`, plus a failing fixture in test/fixtures/lint/.
 */
import type { Diagnostic } from '../errors.ts';
import type { Catalog, EventContract } from '../model.ts';
import type { DocumentSet } from '../refs.ts';

export interface RuleContext {
  set: DocumentSet;
  /** The root document as plain data. */
  doc: Record<string, unknown>;
  catalog: Catalog;
  /** A diagnostic for this rule at a JSON pointer in the root document (or in `file` when given). */
  report(pointer: string, message: string, hint?: string, file?: string): Diagnostic;
  /** Pointer of an event's message in its own file (components or inline in the channel). */
  messagePointer(event: EventContract): { file: string; pointer: string };
}

export interface Rule {
  id: string;
  description: string;
  check(context: RuleContext): Diagnostic[];
}

export const defineRule = (rule: Rule): Rule => rule;

/** Our extensions are opt-in: rules about them only apply to messages that use `x-event-type`. */
export const declaresEventType = (context: RuleContext, event: EventContract): boolean => {
  const { file, pointer } = context.messagePointer(event);
  const target = context.set.resolve(`#${pointer}`, file);
  const value = target?.value as Record<string, unknown> | undefined;
  return typeof value?.['x-event-type'] === 'string';
};
