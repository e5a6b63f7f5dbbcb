/**
 * Diagnostics and the one error the catalog throws. Every diagnostic says what (message),
 * where (file:line:col and a JSON pointer) and, when we know it, what to do next (hint).
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable, kebab-case code, e.g. `remote-ref`, `event-type-format`, `asyncapi-schema`. */
  code: string;
  message: string;
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. a missing file). */
  line: number;
  /** 1-based; 0 when the problem has no position. */
  col: number;
  /** JSON pointer into the document ('' for the whole document). */
  pointer: string;
  hint?: string;
}

/** Thrown by `loadCatalog`/`parseCatalog` when the input cannot become a catalog. */
export class CatalogError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.length === 0 ? 'catalog could not be built' : diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'CatalogError';
  }
}

/** `file:line:col: error code: message` — the format editors and CI annotations understand. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  const text = `${where}: ${d.severity} ${d.code}: ${d.message}`;
  return d.hint ? `${text}\n  hint: ${d.hint}` : text;
}

/** Builds a diagnostic; the location defaults to "no position". */
export function diagnostic(
  code: string,
  message: string,
  at: { file: string; line?: number; col?: number; pointer?: string },
  hint?: string,
  severity: Severity = 'error',
): Diagnostic {
  return {
    severity,
    code,
    message,
    file: at.file,
    line: at.line ?? 0,
    col: at.col ?? 0,
    pointer: at.pointer ?? '',
    ...(hint ? { hint } : {}),
  };
}

/** Drops repeats of the same code, pointer and message (validators can report one mistake twice). */
export function dedupeDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.code}|${d.pointer}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
