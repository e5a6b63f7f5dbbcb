/**
 * Commands on a PromptAggregate, decided purely: `decidePrompt(state, promptId, command)`
 * returns the one event the command produces, after proving it applies (same reducer,
 * same transition table), so an illegal command throws a typed PromptTransitionError and
 * nothing is built or stored.
 */
import type { PromptAggregateEventType, PromptAggregatePayloads } from '../../generated/patterns/prompt-aggregate.ts';
import { applyPromptEvent, type PromptState } from './prompt-aggregate.ts';

type Changes = PromptAggregatePayloads['Prompt.Lifecycle.Updated']['changes'];
type Issues = PromptAggregatePayloads['Prompt.Lifecycle.Validated']['issues'];

export type PromptCommand =
  | { type: 'create'; name: string; template: string; description?: string; variables?: string[]; by: string }
  | { type: 'update'; changes: Changes; by: string }
  | { type: 'validate'; issues: Issues }
  | { type: 'publish'; version: string; by: string }
  | { type: 'archive'; reason: string; by: string };

export type PendingPromptEvent = {
  [T in PromptAggregateEventType]: { eventType: T; payload: PromptAggregatePayloads[T] };
}[PromptAggregateEventType];

function pending(state: PromptState, promptId: string, command: PromptCommand): PendingPromptEvent {
  const sequence = state.version + 1;
  switch (command.type) {
    case 'create':
      return {
        eventType: 'Prompt.Lifecycle.Created',
        payload: {
          promptId,
          sequence,
          name: command.name,
          template: command.template,
          createdBy: command.by,
          ...(command.description !== undefined ? { description: command.description } : {}),
          ...(command.variables !== undefined ? { variables: command.variables } : {}),
        },
      };
    case 'update':
      return { eventType: 'Prompt.Lifecycle.Updated', payload: { promptId, sequence, revision: state.revision + 1, changes: command.changes, updatedBy: command.by } };
    case 'validate':
      return {
        eventType: 'Prompt.Lifecycle.Validated',
        payload: { promptId, sequence, revision: state.revision, valid: !command.issues.some((i) => i.severity === 'error'), issues: command.issues },
      };
    case 'publish':
      return { eventType: 'Prompt.Lifecycle.Published', payload: { promptId, sequence, revision: state.revision, publishedVersion: command.version, publishedBy: command.by } };
    case 'archive':
      return { eventType: 'Prompt.Lifecycle.Archived', payload: { promptId, sequence, reason: command.reason, archivedBy: command.by } };
  }
}

/** The event `command` produces on `state`, and the state after it. Throws PromptTransitionError. */
export function decidePrompt(state: PromptState, promptId: string, command: PromptCommand): { event: PendingPromptEvent; state: PromptState } {
  const event = pending(state, promptId, command);
  const probe = {
    eventId: '(pending)',
    timestamp: '',
    version: '',
    correlationId: '',
    causationId: '',
    metadata: { source: '', tenantId: '' },
    ...event,
  } as Parameters<typeof applyPromptEvent>[1];
  return { event, state: applyPromptEvent(state, probe) };
}
