/** Loads a document for the pact commands, turning catalog errors into a user-facing message. */
import path from 'node:path';
import { UserError } from '#cli/command.ts';
import type { Catalog } from '#catalog/model.ts';
import { loadCatalogCached, SEED_DOCUMENT } from './seed.ts';

export async function loadDocumentForCli(command: string, cwd: string, file?: string): Promise<Catalog> {
  const resolved = path.resolve(cwd, file ?? SEED_DOCUMENT);
  try {
    return await loadCatalogCached(resolved);
  } catch (error) {
    const diagnostics = (error as { diagnostics?: { file: string; line: number; col: number; message: string }[] }).diagnostics;
    if (!diagnostics) throw error;
    const lines = diagnostics.slice(0, 10).map((d) => `  ${path.relative(cwd, d.file) || d.file}:${d.line}:${d.col} ${d.message}`);
    throw new UserError(`evc ${command}: ${path.relative(cwd, resolved)} cannot be read into a catalog:\n${lines.join('\n')}`, 'Run `evc lint` on the document for every finding.');
  }
}
