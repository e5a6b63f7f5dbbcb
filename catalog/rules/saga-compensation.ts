import type { Diagnostic } from '../errors.ts';
import { deriveSagaDefinition } from '#patterns/codegen/saga-definition.ts';
import { defineRule } from './rule.ts';

/**
 * Saga structure the orchestrator relies on (owner: patterns): every step has a compensation,
 * every request is followed by an outcome, every compensation belongs to a step. Unknown
 * event names are the saga-events rule's job and are not repeated here.
 */
export default defineRule({
  id: 'saga-compensation',
  description: 'every x-saga step has a compensation and an outcome event, and every compensation belongs to a step',
  check({ catalog, report }) {
    const found: Diagnostic[] = [];
    for (const saga of catalog.sagas) {
      for (const p of deriveSagaDefinition(catalog, saga).problems) {
        if (p.kind === 'SAGA_STEP_EVENT_UNKNOWN' || p.kind === 'SAGA_COMPENSATION_EVENT_UNKNOWN') continue;
        found.push(report(`${saga.source.pointer}${p.pointer}`, `saga ${p.message}`, `${p.hint[0]!.toUpperCase()}${p.hint.slice(1)}.`));
      }
    }
    return found;
  },
});
