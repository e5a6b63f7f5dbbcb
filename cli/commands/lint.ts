/**
 * `evc lint [file] [--format text|json] [--allow-remote-refs] [--spectral]`: AsyncAPI spec errors
 * (the fast validator, or @asyncapi/parser's Spectral rules with --spectral) and our rules with file:line:col. Exit 0 clean (warnings allowed), 1 findings, 2 unusable input.
 */
import path from 'node:path';
import { CatalogError } from '#catalog/errors.ts';
import { formatDiagnosticsText, relativeTo } from '#catalog/format.ts';
import { lintDocument } from '#catalog/lint.ts';
import { defineCommand, EXIT_FAILED, EXIT_OK, UserError } from '../command.ts';
import { rules } from '#catalog/rules/index.ts';
import { BUNDLED_DOCUMENT } from '#catalog/bundled.ts';

export const DEFAULT_DOCUMENT = BUNDLED_DOCUMENT;

export default defineCommand({
  name: 'lint',
  summary: 'Lint an AsyncAPI document against the AsyncAPI spec and our rules',
  usage: 'evc lint [file] [--format text|json] [--allow-remote-refs] [--spectral] [--rules]',
  options: {
    format: { type: 'string', description: 'Output format: text or json', default: 'text' },
    'allow-remote-refs': { type: 'boolean', description: 'Fetch http(s) $refs instead of reporting them' },
    spectral: { type: 'boolean', description: "Validate with @asyncapi/parser's Spectral rules (slower, ~1 s) instead of the fast validator" },
    rules: { type: 'boolean', description: 'List the lint rules and exit' },
  },
  async run(args, io) {
    const format = String(args.values.format);
    if (format !== 'text' && format !== 'json') throw new UserError(`evc lint: unknown --format "${format}"; valid formats: text, json`);
    if (args.values.rules) {
      io.out(rules.map((r) => `${r.id.padEnd(20)} ${r.description}`).join('\n'));
      return EXIT_OK;
    }
    if (args.positionals.length > 1) throw new UserError(`evc lint: expected one document, got ${args.positionals.length}`, 'Run `evc lint --help`.');
    const file = path.resolve(io.cwd, args.positionals[0] ?? DEFAULT_DOCUMENT);
    const show = relativeTo(io.cwd);
    let diagnostics;
    try {
      diagnostics = await lintDocument(file, { allowRemoteRefs: args.values['allow-remote-refs'] === true, validator: args.values.spectral === true ? 'spectral' : 'fast' });
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      if (format === 'json') {
        io.out(JSON.stringify({ file: show(file), usable: false, diagnostics: error.diagnostics.map((d) => ({ ...d, file: show(d.file) })) }, null, 2));
        return 2;
      }
      const [first, ...rest] = error.diagnostics;
      throw new UserError(formatDiagnosticsText(first ? [first, ...rest] : [], show).split('\n').filter((l) => !/^\d+ problem|^No problems/.test(l) && !l.startsWith('  hint:')).join('\n'), first?.hint);
    }
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (format === 'json') {
      io.out(JSON.stringify({ file: show(file), usable: true, errors, warnings: diagnostics.length - errors, diagnostics: diagnostics.map((d) => ({ ...d, file: show(d.file) })) }, null, 2));
    } else {
      (errors > 0 ? io.err : io.out)(formatDiagnosticsText(diagnostics, show));
    }
    return errors > 0 ? EXIT_FAILED : EXIT_OK;
  },
});
