/** `evc catalog [file] [--format table|json]`: events, versions, publisher → subscribers. */
import path from 'node:path';
import { CatalogError } from '#catalog/errors.ts';
import { formatCatalogTable, formatDiagnosticsText, relativeTo } from '#catalog/format.ts';
import { loadCatalog } from '#catalog/load.ts';
import { defineCommand, EXIT_OK, UserError } from '../command.ts';
import { DEFAULT_DOCUMENT } from './lint.ts';

export default defineCommand({
  name: 'catalog',
  summary: 'Print the events, versions, publishers and subscribers of a document',
  usage: 'evc catalog [file] [--format table|json] [--allow-remote-refs]',
  options: {
    format: { type: 'string', description: 'Output format: table or json (the full catalog model)', default: 'table' },
    'allow-remote-refs': { type: 'boolean', description: 'Fetch http(s) $refs instead of refusing them' },
  },
  async run(args, io) {
    const format = String(args.values.format);
    if (format !== 'table' && format !== 'json') throw new UserError(`evc catalog: unknown --format "${format}"; valid formats: table, json`);
    if (args.positionals.length > 1) throw new UserError(`evc catalog: expected one document, got ${args.positionals.length}`, 'Run `evc catalog --help`.');
    const file = path.resolve(io.cwd, args.positionals[0] ?? DEFAULT_DOCUMENT);
    const show = relativeTo(io.cwd);
    let catalog;
    try {
      catalog = await loadCatalog(file, { allowRemoteRefs: args.values['allow-remote-refs'] === true });
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      const text = formatDiagnosticsText(error.diagnostics, show).split('\n').slice(0, -1).join('\n');
      throw new UserError(`evc catalog: ${show(file)} cannot be read into a catalog:\n${text}`, 'Run `evc lint` on the document for every finding.');
    }
    io.out(format === 'json' ? JSON.stringify(catalog, null, 2) : formatCatalogTable(catalog));
    return EXIT_OK;
  },
});
