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

/**
 * Extra advice for catalog errors that matter to code generation: a remote `$ref` to an Avro
 * schema would not become generatable even if fetched, so say so instead of suggesting a fetch.
 */
export function generationNotes(diagnostics: { code: string; message: string }[]): string[] {
  const avro = diagnostics.filter((d) => d.code === 'remote-ref' && /\.(avsc|avro)\b/i.test(d.message));
  return avro.length > 0
    ? [`note: ${avro.length} of the remote schemas are Avro (.avsc); the TypeScript generator supports only JSON Schema and AsyncAPI Schema payloads, so fetching them would not help. Convert them to JSON Schema.`]
    : [];
}
