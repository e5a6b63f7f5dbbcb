/**
 * Shared body of `evc publish` and `evc check`: read the document, send it, print the
 * report in the chosen format. Exit 0 ok, 1 rejected, 2 unusable input or registry.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT_FAILED, EXIT_OK, UserError, type Io, type OptionSpec, type ParsedArgs } from '#cli/command.ts';
import { FORMATS, formatReport, type Format } from './format.ts';
import { submitDocument } from './submit.ts';
import { BUNDLED_DOCUMENT } from '#catalog/bundled.ts';

export const DEFAULT_DOCUMENT = BUNDLED_DOCUMENT;

export const documentOptions: Record<string, OptionSpec> = {
  registry: { type: 'string', description: 'registry base URL (env EVC_REGISTRY_URL)' },
  token: { type: 'string', description: 'API token (env EVC_TOKEN)' },
  format: { type: 'string', description: `output format: ${FORMATS.join(', ')}`, default: 'text' },
  verbose: { type: 'boolean', description: 'list unchanged events one per line too (text format)' },
};

export async function runDocumentCommand(name: 'publish' | 'check', args: ParsedArgs, io: Io, dryRun: boolean): Promise<number> {
  const format = String(args.values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UserError(`evc ${name}: unknown --format ${format}. Valid formats: ${FORMATS.join(', ')}.`);
  const registry = (args.values.registry as string | undefined) ?? io.env.EVC_REGISTRY_URL;
  if (!registry) throw new UserError(`evc ${name}: no registry given.`, 'Pass --registry http://host:8080 or set EVC_REGISTRY_URL.');
  const token = (args.values.token as string | undefined) ?? io.env.EVC_TOKEN;
  if (!dryRun && !token) throw new UserError(`evc ${name}: publishing needs a token.`, 'Pass --token or set EVC_TOKEN (create one with `evc token create --role publish`).');
  if (args.positionals.length > 1) throw new UserError(`evc ${name}: expected one document, got ${args.positionals.length}.`);
  const file = args.positionals[0] ?? DEFAULT_DOCUMENT;
  const absolute = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new UserError(`evc ${name}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, 'Pass the path of an AsyncAPI document.');
  }
  // Report locations relative to the working directory: what GitHub annotations expect.
  const shown = path.relative(io.cwd, absolute) || file;
  const result = await submitDocument({ registry, text, file: shown, dryRun, ...(token ? { token } : {}) });
  if (result.kind === 'error') throw new UserError(`evc ${name}: ${result.message}`, result.hint);
  io.out(formatReport(result.report, format, { verbose: Boolean(args.values.verbose) }));
  return result.report.ok ? EXIT_OK : EXIT_FAILED;
}
