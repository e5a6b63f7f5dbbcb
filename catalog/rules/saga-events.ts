import type { Diagnostic } from '../errors.ts';
import { defineRule } from './rule.ts';

export default defineRule({
  id: 'saga-events',
  description: 'x-saga steps and compensations name events of this document',
  check({ catalog, report }) {
    const known = new Set(catalog.events.map((e) => e.eventType));
    const hint = (name: string) => `Use an x-event-type declared in this document${nearest(name, [...known])}.`;
    const found: Diagnostic[] = [];
    for (const saga of catalog.sagas) {
      const at = saga.source.pointer;
      if (saga.steps.length === 0) found.push(report(at, `saga ${saga.name} has no steps`, 'List the step events in order under steps.'));
      saga.steps.forEach((step, i) => {
        if (!known.has(step.eventType)) found.push(report(`${at}/steps/${i}`, `saga ${saga.name} step ${step.order} names unknown event "${step.eventType}"`, hint(step.eventType)));
      });
      saga.compensations.forEach((c, i) => {
        for (const field of ['onFailure', 'compensation', 'step'] as const) {
          const name = c[field];
          if (name !== undefined && !known.has(name)) {
            found.push(report(`${at}/compensations/${i}/${field}`, `saga ${saga.name} compensation ${field} names unknown event "${name}"`, hint(name)));
          }
        }
      });
    }
    return found;
  },
});

/** ", did you mean X?" for the closest known name by edit distance, when it is close. */
export function nearest(name: string, options: string[]): string {
  let best = '';
  let bestDistance = Infinity;
  for (const option of options) {
    const d = distance(name.toLowerCase(), option.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [option, d];
  }
  return best && bestDistance <= Math.max(3, name.length / 4) ? ` (did you mean ${best}?)` : '';
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
