/**
 * The reference PromptAggregate: its state, one handler per generated event type (the
 * generated `PromptAggregateHandlers` makes a missing one a compile error) and the seed's
 * `rehydrate(events) = events.reduce(applyEvent, initialState)`. Every handler checks the
 * lifecycle table and the stream invariants (sequence, revision, id) before applying.
 */
import {
  definePromptAggregateReducer,
  type PromptAggregateEvent,
  type PromptAggregateEventOf,
  type PromptAggregateEventType,
  type PromptAggregateHandlers,
} from '../../generated/patterns/prompt-aggregate.ts';
import { PromptTransitionError } from './errors.ts';
import { checkTransition, type PromptStatus } from './transitions.ts';

export interface PromptState {
  promptId: string | null;
  status: PromptStatus;
  /** Sequence of the last applied event = the stream version (0 before creation). */
  version: number;
  /** Template revision: 1 at creation, +1 per update. */
  revision: number;
  name: string;
  description: string | null;
  template: string;
  variables: string[];
  createdBy: string | null;
  validation: { revision: number; valid: boolean; errors: number; warnings: number } | null;
  published: { revision: number; version: string; by: string } | null;
  archived: { reason: string; by: string } | null;
}

export const initialPromptState: PromptState = Object.freeze({
  promptId: null,
  status: 'none',
  version: 0,
  revision: 0,
  name: '',
  description: null,
  template: '',
  variables: [],
  createdBy: null,
  validation: null,
  published: null,
  archived: null,
}) as PromptState;

/** Stream invariants every event must keep, then the lifecycle rule for its type. */
type InvariantCode = 'PROMPT_SEQUENCE_GAP' | 'PROMPT_ID_MISMATCH' | 'PROMPT_REVISION_MISMATCH';
const reject = (code: InvariantCode, state: PromptState, eventType: string, message: string): never => {
  throw new PromptTransitionError(code, eventType, state.status, message);
};

/** Stream invariants every event must keep, then the lifecycle rule for its type. Hot path of rehydrate: no allocation. */
function guard<T extends PromptAggregateEventType>(state: PromptState, event: PromptAggregateEventOf<T>): void {
  const { promptId, sequence } = event.payload;
  if (state.promptId !== null && promptId !== state.promptId) {
    reject('PROMPT_ID_MISMATCH', state, event.eventType, `${event.eventType} ${event.eventId} is for prompt ${promptId}, not ${state.promptId}`);
  }
  if (sequence !== state.version + 1) {
    reject('PROMPT_SEQUENCE_GAP', state, event.eventType, `${event.eventType} ${event.eventId} has sequence ${sequence}, expected ${state.version + 1}: events are missing or out of order`);
  }
  checkTransition(event.eventType, state.status, state.promptId);
  const revision = (event.payload as { revision?: number }).revision;
  if (revision !== undefined) {
    const next = event.eventType === 'Prompt.Lifecycle.Updated';
    const expected = next ? state.revision + 1 : state.revision;
    if (revision !== expected) {
      reject('PROMPT_REVISION_MISMATCH', state, event.eventType, `${event.eventType} names revision ${revision}, but the prompt's ${next ? 'next' : 'current'} revision is ${expected}`);
    }
  }
}

const handlers: PromptAggregateHandlers<PromptState> = {
  'Prompt.Lifecycle.Created': (state, event) => {
    guard(state, event);
    const p = event.payload;
    return {
      ...state,
      promptId: p.promptId,
      status: 'draft',
      version: p.sequence,
      revision: 1,
      name: p.name,
      description: p.description ?? null,
      template: p.template,
      variables: p.variables ?? [],
      createdBy: p.createdBy,
    };
  },
  'Prompt.Lifecycle.Updated': (state, event) => {
    guard(state, event);
    const { changes, sequence, revision } = event.payload;
    return {
      ...state,
      status: 'draft', // a new revision must be validated again before it is published
      version: sequence,
      revision,
      name: changes.name ?? state.name,
      description: changes.description ?? state.description,
      template: changes.template ?? state.template,
      variables: changes.variables ?? state.variables,
      validation: null,
    };
  },
  'Prompt.Lifecycle.Validated': (state, event) => {
    guard(state, event);
    const { valid, issues, sequence, revision } = event.payload;
    const errors = issues.filter((i) => i.severity === 'error').length;
    return {
      ...state,
      status: valid ? 'validated' : 'draft',
      version: sequence,
      validation: { revision, valid, errors, warnings: issues.length - errors },
    };
  },
  'Prompt.Lifecycle.Published': (state, event) => {
    guard(state, event);
    const { sequence, revision, publishedVersion, publishedBy } = event.payload;
    return { ...state, status: 'published', version: sequence, published: { revision, version: publishedVersion, by: publishedBy } };
  },
  'Prompt.Lifecycle.Archived': (state, event) => {
    guard(state, event);
    const { sequence, reason, archivedBy } = event.payload;
    return { ...state, status: 'archived', version: sequence, archived: { reason, by: archivedBy } };
  },
};

export const promptReducer = definePromptAggregateReducer<PromptState>(handlers, initialPromptState);
export const applyPromptEvent = promptReducer.applyEvent;
export const rehydratePrompt = (events: readonly PromptAggregateEvent[]): PromptState => promptReducer.rehydrate(events);
