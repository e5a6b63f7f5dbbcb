import type { SourceLocation } from '#catalog/model.ts';

/**
 * The catalog cannot be turned into pattern code (e.g. an aggregate event without the
 * aggregate id). Carries the document location so the CLI can print `file:line:col`.
 */
export class PatternGenerationError extends Error {
  constructor(
    message: string,
    readonly source?: SourceLocation,
    readonly hint?: string,
  ) {
    super(source ? `${source.file}:${source.line}:${source.col}: ${message}` : message);
    this.name = 'PatternGenerationError';
  }
}
