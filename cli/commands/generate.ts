/**
 * `evc generate [file] --out DIR [--agent NAME] [--check]`: typed clients per agent.
 * Reads the document into a catalog, renders (pure), then writes or drift-checks.
 */
import path from 'node:path';
import { BUNDLED_DOCUMENT } from '#catalog/bundled.ts';
import { CatalogError } from '#catalog/errors.ts';
import { loadCatalog } from '#catalog/load.ts';
import { DEFAULT_RUNTIME_IMPORT, GenerationError, checkClients, generationNotes, hasDrift, renderClients, writeClients } from '#generators/index.ts';
import { defineCommand, EXIT_FAILED, EXIT_OK, UserError } from '../command.ts';

export const DEFAULT_DOCUMENT = BUNDLED_DOCUMENT;

export default defineCommand({
  name: 'generate',
  summary: 'Generate typed producers and consumers per agent',
  usage: 'evc generate [file] --out DIR [--agent NAME] [--check] [--runtime-import SPEC]',
  options: {
    out: { type: 'string', description: 'Output folder, one sub-folder per agent', default: 'generated' },
    agent: { type: 'string', description: 'Generate only this agent' },
    check: { type: 'boolean', description: 'Compare with the files on disk; list drifted files and exit 1 on drift' },
    'allow-remote-refs': { type: 'boolean', description: 'Fetch remote $refs (http/https) while reading the document' },
    'runtime-import': { type: 'string', description: 'Module specifier generated code imports the runtime from', default: DEFAULT_RUNTIME_IMPORT },
  },
  async run(args, io) {
    if (args.positionals.length > 1) throw new UserError(`evc generate: expected at most one document, got ${args.positionals.length}`, 'Run `evc generate --help`.');
    const file = path.resolve(io.cwd, args.positionals[0] ?? DEFAULT_DOCUMENT);
    const outDir = path.resolve(io.cwd, String(args.values.out));
    const agent = typeof args.values.agent === 'string' ? args.values.agent : undefined;
    let files;
    try {
      const catalog = await loadCatalog(file, { allowRemoteRefs: Boolean(args.values['allow-remote-refs']) });
      files = await renderClients(catalog, { ...(agent !== undefined ? { agent } : {}), runtimeImport: String(args.values['runtime-import']) });
    } catch (error) {
      if (error instanceof CatalogError) {
        const notes = generationNotes(error.diagnostics);
        throw new UserError(
          `evc generate: ${path.relative(io.cwd, file) || file} is not a usable AsyncAPI document:\n${[error.message, ...notes].join('\n')}`,
          'Run `evc lint` on the document for details.',
        );
      }
      if (error instanceof GenerationError) throw new UserError(`evc generate: ${error.message}`, error.hint);
      throw error;
    }
    const shown = path.relative(io.cwd, outDir) || '.';
    if (args.values.check) {
      const drift = await checkClients(files, outDir);
      if (!hasDrift(drift)) {
        io.out(`${files.length} generated files in ${shown} are up to date.`);
        return EXIT_OK;
      }
      for (const f of drift.changed) io.err(`drifted: ${path.join(shown, f)} differs from the generator's output`);
      for (const f of drift.missing) io.err(`missing: ${path.join(shown, f)} is not generated yet`);
      for (const f of drift.extra) io.err(`extra:   ${path.join(shown, f)} is no longer generated`);
      io.err(`hint: run \`evc generate ${args.positionals[0] ?? ''} --out ${shown}${agent ? ` --agent ${agent}` : ''}\` and commit the result.`.replace('  ', ' '));
      return EXIT_FAILED;
    }
    const { written, removed } = await writeClients(files, outDir);
    const agents = new Set(files.map((f) => f.path.split('/')[0]));
    io.out(`Generated ${agents.size} client(s) in ${shown}: ${written.length} file(s) written, ${files.length - written.length} unchanged, ${removed.length} removed.`);
    return EXIT_OK;
  },
});
