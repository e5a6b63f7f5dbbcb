/**
 * Type-checks a set of in-memory TypeScript files with the compiler API under the repo's
 * strict options, returning diagnostics as `file:line:col TScode message`. Used by tests
 * that prove generated code turns a forgotten handler into a compile error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

export interface TypeDiagnostic {
  file: string;
  line: number;
  col: number;
  code: number;
  message: string;
}

export function typecheckFiles(files: Record<string, string>): TypeDiagnostic[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'evc-typecheck-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const program = ts.createProgram(
      Object.keys(files).map((f) => path.join(dir, f)),
      {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.Preserve,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        allowImportingTsExtensions: true,
        noEmit: true,
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        lib: ['lib.es2023.d.ts'],
        types: [],
      },
    );
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1, character: -1 };
      return {
        file: d.file ? path.basename(d.file.fileName) : '',
        line: pos.line + 1,
        col: pos.character + 1,
        code: d.code,
        message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
