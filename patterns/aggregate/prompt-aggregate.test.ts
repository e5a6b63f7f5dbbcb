import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { createMemoryTransport, createProducerRuntime } from '#runtime/index.ts';
import type { PromptAggregateEvent } from '../../generated/patterns/prompt-aggregate.ts';
import { catalogContracts } from '../catalog-contracts.ts';
import { PromptTransitionError } from './errors.ts';
import { applyPromptEvent, initialPromptState, rehydratePrompt, type PromptState } from './prompt-aggregate.ts';
import { decidePrompt, type PromptCommand } from './prompt-commands.ts';

const catalog = await loadCatalog('asyncapi/prompt-platform.yaml');
const agent = catalog.events.find((e) => e.eventType === 'Prompt.Lifecycle.Created')!.publishers[0]!;
const producer = createProducerRuntime({
  transport: createMemoryTransport(),
  agent,
  tenantId: 'acme',
  contracts: catalogContracts(catalog, catalog.aggregates[0]!.events),
});

/** Decides a command and wraps it in a contract-validated envelope, as the repository does. */
function step(state: PromptState, id: string, command: PromptCommand): { state: PromptState; event: PromptAggregateEvent } {
  const d = decidePrompt(state, id, command);
  return { state: d.state, event: producer.build(d.event.eventType, d.event.payload) as PromptAggregateEvent };
}

function history(id: string, commands: PromptCommand[]) {
  let state = initialPromptState;
  const events: PromptAggregateEvent[] = [];
  for (const c of commands) {
    const r = step(state, id, c);
    state = r.state;
    events.push(r.event);
  }
  return { state, events };
}

const create: PromptCommand = { type: 'create', name: 'Summariser', template: 'Summarise {{text}}', variables: ['text'], by: 'u1' };
const validate: PromptCommand = { type: 'validate', issues: [] };
const invalid: PromptCommand = { type: 'validate', issues: [{ severity: 'error', message: 'unknown variable' }] };
const publish: PromptCommand = { type: 'publish', version: '1.0.0', by: 'u1' };
const update: PromptCommand = { type: 'update', changes: { template: 'Summarise briefly {{text}}' }, by: 'u2' };
const archive: PromptCommand = { type: 'archive', reason: 'superseded', by: 'u1' };

describe('PromptAggregate lifecycle', () => {
  it('runs create → validate → publish → update → validate → publish → archive, and rehydrates to the same state', () => {
    const id = 'prm_lifecycle';
    const { state, events } = history(id, [create, validate, publish, update, validate, publish, archive]);
    expect(state).toMatchObject({ status: 'archived', version: 7, revision: 2, published: { revision: 2, version: '1.0.0' } });
    expect(rehydratePrompt(events), 'replaying the stored events gives the incrementally built state').toEqual(state);
  });

  const rejected: { why: string; before: PromptCommand[]; command: PromptCommand; code: string }[] = [
    { why: 'no update after archive', before: [create, archive], command: update, code: 'PROMPT_ARCHIVED' },
    { why: 'no publish after archive', before: [create, validate, archive], command: publish, code: 'PROMPT_ARCHIVED' },
    { why: 'publish requires validated', before: [create], command: publish, code: 'PROMPT_NOT_VALIDATED' },
    { why: 'a failed validation leaves the prompt unpublishable', before: [create, invalid], command: publish, code: 'PROMPT_NOT_VALIDATED' },
    { why: 'an update invalidates the earlier validation', before: [create, validate, update], command: publish, code: 'PROMPT_NOT_VALIDATED' },
    { why: 'a prompt is created once', before: [create], command: create, code: 'PROMPT_ALREADY_CREATED' },
    { why: 'nothing happens to a prompt that does not exist', before: [], command: update, code: 'PROMPT_NOT_CREATED' },
    { why: 'a prompt is archived once', before: [create, archive], command: archive, code: 'PROMPT_ARCHIVED' },
    { why: 'publishing twice without a change is refused', before: [create, validate, publish], command: publish, code: 'PROMPT_TRANSITION_NOT_ALLOWED' },
  ];
  it.each(rejected)('rejects with a typed error: $why', ({ before, command, code }) => {
    const { state } = history('prm_x', before);
    const error = (() => {
      try {
        decidePrompt(state, 'prm_x', command);
      } catch (e) {
        return e;
      }
    })();
    expect(error, 'the command is refused before any event exists').toBeInstanceOf(PromptTransitionError);
    expect((error as PromptTransitionError).code).toBe(code);
  });

  const corrupt: { why: string; edit: (events: PromptAggregateEvent[]) => PromptAggregateEvent[]; code: string }[] = [
    { why: 'a missing event (sequence gap)', edit: (e) => [e[0]!, e[2]!], code: 'PROMPT_SEQUENCE_GAP' },
    { why: 'events of another prompt', edit: (e) => [e[0]!, { ...e[1]!, payload: { ...e[1]!.payload, promptId: 'other' } } as PromptAggregateEvent], code: 'PROMPT_ID_MISMATCH' },
    { why: 'a validation of a stale revision', edit: (e) => [e[0]!, { ...e[1]!, payload: { ...e[1]!.payload, revision: 7 } } as PromptAggregateEvent], code: 'PROMPT_REVISION_MISMATCH' },
  ];
  it.each(corrupt)('refuses to rehydrate $why', ({ edit, code }) => {
    const { events } = history('prm_c', [create, validate, publish]);
    expect(() => rehydratePrompt(edit(events))).toThrow(expect.objectContaining({ code }));
  });

  it('rejects an event type the generated reducer does not know, naming the known ones', () => {
    const bogus = { ...history('prm_b', [create]).events[0]!, eventType: 'Prompt.Lifecycle.Exploded' } as unknown as PromptAggregateEvent;
    expect(() => applyPromptEvent(initialPromptState, bogus)).toThrow(/no handler for event type "Prompt\.Lifecycle\.Exploded"; known: Prompt\.Lifecycle\.Created/);
  });

  it('builds events that satisfy the contract (validated envelope, sequence = version)', () => {
    const { events } = history(randomUUID().slice(0, 8), [create, validate]);
    expect(events.map((e) => e.payload.sequence)).toEqual([1, 2]);
    expect(events[0]!.metadata.source).toBe(agent);
  });
});
