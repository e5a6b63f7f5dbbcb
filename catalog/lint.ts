/**
 * `lintDocument`: the validator's errors and warnings (AsyncAPI spec) plus our rules (catalog/rules/), as one
 * sorted list of diagnostics. Input that cannot be read at all (missing, binary, invalid YAML,
 * alias bombs, $ref cycles...) is not a finding: it throws CatalogError (the CLI exits 2).
 */
import { CatalogError, diagnostic, type Diagnostic } from './errors.ts';
import { analyzeDocument, type LoadOptions } from './load.ts';
import type { EventContract } from './model.ts';
import { rules as defaultRules } from './rules/index.ts';
import type { Rule, RuleContext } from './rules/rule.ts';
import { readSourceText } from './source.ts';

/** Loader diagnostics that describe the document's content (findings), not unusable input. */
const FINDING_CODES = new Set(['remote-ref', 'file-ref', 'ref-unresolved', 'ref-unreadable']);

export interface LintOptions extends LoadOptions {
  /** The document text, when already read (tests, stdin). */
  text?: string;
  rules?: readonly Rule[];
}

export async function lintDocument(file: string, options: LintOptions = {}): Promise<Diagnostic[]> {
  const text = options.text ?? (await readSourceText(file));
  let analysis;
  try {
    analysis = await analyzeDocument(text, file, options);
  } catch (error) {
    if (error instanceof CatalogError && error.diagnostics.length > 0 && error.diagnostics.every((d) => FINDING_CODES.has(d.code))) {
      return sortDiagnostics(error.diagnostics);
    }
    throw error;
  }
  const { set, catalog, diagnostics } = analysis;
  if (!catalog) return sortDiagnostics(diagnostics);
  const keyOf = (display: string) => (display === set.root.file ? set.rootKey : display);
  const context: RuleContext = {
    set,
    doc: set.root.data as Record<string, unknown>,
    catalog,
    report: (pointer, message, hint, inFile) => {
      const key = inFile ?? set.rootKey;
      return diagnostic('', message, { file: set.display(key), pointer, ...set.locate(key, pointer) }, hint);
    },
    messagePointer: (event: EventContract) => ({ file: keyOf(event.source.file), pointer: event.source.pointer }),
  };
  const findings = (options.rules ?? defaultRules).flatMap((rule) => rule.check(context).map((d) => ({ ...d, code: rule.id })));
  return sortDiagnostics([...diagnostics, ...findings]);
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.code.localeCompare(b.code));
}
