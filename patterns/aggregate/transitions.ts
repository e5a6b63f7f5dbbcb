/**
 * The PromptAggregate lifecycle as data: for each event, the statuses it may follow, the
 * status it leads to, and the error code when it comes at the wrong time. The reducer and
 * the commands both go through `checkTransition`, so the rules live in exactly one table.
 *
 *   none ─Created→ draft ─Validated(valid)→ validated ─Published→ published
 *                    ↑ Updated (from draft, validated or published: a new revision is a draft)
 *   draft | validated | published ─Archived→ archived (terminal: nothing follows)
 */
import type { PromptAggregateEventType } from '../../generated/patterns/prompt-aggregate.ts';
import { PromptTransitionError, type PromptErrorCode } from './errors.ts';

export type PromptStatus = 'none' | 'draft' | 'validated' | 'published' | 'archived';

interface TransitionRule {
  from: readonly PromptStatus[];
  /** Rejection code per status the event may not follow; others get PROMPT_TRANSITION_NOT_ALLOWED. */
  rejected: Partial<Record<PromptStatus, PromptErrorCode>>;
  why: string;
}

const afterArchive = { archived: 'PROMPT_ARCHIVED', none: 'PROMPT_NOT_CREATED' } as const;

/** One row per event type; a mapped type, so a new aggregate event without a rule does not compile. */
export const promptTransitions: { readonly [T in PromptAggregateEventType]: TransitionRule } = {
  'Prompt.Lifecycle.Created': {
    from: ['none'],
    rejected: { draft: 'PROMPT_ALREADY_CREATED', validated: 'PROMPT_ALREADY_CREATED', published: 'PROMPT_ALREADY_CREATED', archived: 'PROMPT_ALREADY_CREATED' },
    why: 'a prompt is created once',
  },
  'Prompt.Lifecycle.Updated': { from: ['draft', 'validated', 'published'], rejected: afterArchive, why: 'an archived prompt is read-only' },
  'Prompt.Lifecycle.Validated': {
    from: ['draft', 'validated'],
    rejected: { ...afterArchive, published: 'PROMPT_TRANSITION_NOT_ALLOWED' },
    why: 'only a draft is validated; update a published prompt first',
  },
  'Prompt.Lifecycle.Published': {
    from: ['validated'],
    rejected: { ...afterArchive, draft: 'PROMPT_NOT_VALIDATED', published: 'PROMPT_TRANSITION_NOT_ALLOWED' },
    why: 'publishing requires a successful validation of the current revision',
  },
  'Prompt.Lifecycle.Archived': { from: ['draft', 'validated', 'published'], rejected: afterArchive, why: 'a prompt is archived once' },
};

export function checkTransition(eventType: PromptAggregateEventType, status: PromptStatus, promptId: string | null): void {
  const rule = promptTransitions[eventType];
  if (rule.from.includes(status)) return;
  const code = rule.rejected[status] ?? 'PROMPT_TRANSITION_NOT_ALLOWED';
  throw new PromptTransitionError(
    code,
    eventType,
    status,
    `${eventType} is not allowed on ${promptId ? `prompt ${promptId}` : 'a prompt that does not exist'} in status "${status}" (${code}): ${rule.why}. Allowed from: ${rule.from.join(', ')}.`,
  );
}
