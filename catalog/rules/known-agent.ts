import { encodePointer } from '#shared/json-pointer.ts';
import { defineRule } from './rule.ts';
import { nearest } from './saga-events.ts';

/** When a document declares `x-agents`, every publisher, subscriber and orchestrator must be one of them. */
export default defineRule({
  id: 'known-agent',
  description: 'every x-agent of an operation and every saga orchestrator is declared in x-agents',
  check({ doc, catalog, report }) {
    const declared = doc['x-agents'];
    if (declared === null || typeof declared !== 'object') return [];
    const known = Object.keys(declared);
    const options = `Known agents: ${known.join(', ')}.`;
    const found = [];
    const operations = (doc.operations ?? {}) as Record<string, Record<string, unknown>>;
    for (const [id, op] of Object.entries(operations)) {
      const agent = op?.['x-agent'];
      if (agent === undefined) {
        found.push(report(encodePointer(['operations', id]), `operation ${id} names no agent (x-agent)`, `Add x-agent. ${options}`));
      } else if (typeof agent !== 'string' || !known.includes(agent)) {
        found.push(report(encodePointer(['operations', id, 'x-agent']), `operation ${id}: unknown agent ${JSON.stringify(agent)}`, `Declare it under x-agents or fix the id${typeof agent === 'string' ? nearest(agent, known) : ''}. ${options}`));
      }
    }
    for (const saga of catalog.sagas) {
      if (saga.orchestrator !== undefined && !known.includes(saga.orchestrator)) {
        found.push(report(`${saga.source.pointer}/orchestrator`, `saga ${saga.name}: unknown orchestrator agent "${saga.orchestrator}"`, options));
      }
    }
    return found;
  },
});
