import type { SourceLocation } from '#catalog/model.ts';

/**
 * A document the generators cannot turn into code (e.g. an Avro payload). It says what,
 * where (file:line and JSON pointer) and what to do next; `evc generate` prints it and exits 2.
 */
export class GenerationError extends Error {
  constructor(
    message: string,
    readonly where: SourceLocation | undefined,
    readonly hint: string,
  ) {
    super(where ? `${where.file}:${where.line}:${where.col} (${where.pointer}): ${message}` : message);
    this.name = 'GenerationError';
  }
}
