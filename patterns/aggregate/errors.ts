/**
 * Typed rejections of the reference PromptAggregate. A command that would break a lifecycle
 * rule throws one of these before anything is stored; replaying a stored stream that breaks
 * one (a corrupted or hand-edited stream) throws it too, so bad history never rehydrates.
 */
export type PromptErrorCode =
  | 'PROMPT_NOT_CREATED'
  | 'PROMPT_ALREADY_CREATED'
  | 'PROMPT_ARCHIVED'
  | 'PROMPT_NOT_VALIDATED'
  | 'PROMPT_TRANSITION_NOT_ALLOWED'
  | 'PROMPT_SEQUENCE_GAP'
  | 'PROMPT_REVISION_MISMATCH'
  | 'PROMPT_ID_MISMATCH';

export class PromptTransitionError extends Error {
  constructor(
    readonly code: PromptErrorCode,
    readonly eventType: string,
    readonly status: string,
    message: string,
  ) {
    super(message);
    this.name = 'PromptTransitionError';
  }
}
