/**
 * `evc diff OLD NEW [--level L] [--policy P] [--format text|json|markdown|github]`:
 * compares two JSON Schema files or two AsyncAPI documents (detected by the top-level
 * `asyncapi` key). Reads both (the IO), builds the report with the pure engine, prints it.
 * Exit 0 compatible, 1 incompatible, 2 unusable input.
 */
import { hasOwn, isObject } from '#shared/json.ts';
import path from 'node:path';
import { CatalogError, formatDiagnostic } from '#catalog/errors.ts';
import { parseSource, readSourceText, type SourceDocument } from '#catalog/source.ts';
import { checkCompatibility } from '#compat/check.ts';
import { CompatError } from '#compat/errors.ts';
import { DEFAULT_LEVEL, DEFAULT_POLICY, LEVEL_NAMES, POLICY_NAMES } from '#compat/levels.ts';
import { renderGithub, renderMarkdown, renderText, viewOfCatalogDiff, viewOfSchemaReport, type DiffView } from '#compat/render.ts';
import type { JsonSchema, Level, Policy } from '#compat/types.ts';
import { defineCommand, EXIT_FAILED, EXIT_OK, UserError } from '../command.ts';

const FORMATS = ['text', 'json', 'markdown', 'github'] as const;
type Format = (typeof FORMATS)[number];

interface Input {
  file: string;
  text: string;
  source?: SourceDocument;
  data: unknown;
}

async function readInput(file: string, show: string): Promise<Input> {
  try {
    const text = await readSourceText(file);
    // A boolean schema file (`true` / `false`) is valid JSON Schema but not a mapping.
    if (/^\s*(true|false)\s*$/.test(text)) return { file, text, data: text.trim() === 'true' };
    const source = parseSource(text, file);
    return { file, text, source, data: source.data };
  } catch (error) {
    if (error instanceof CatalogError) throw unusable(error, show);
    throw error;
  }
}

function unusable(error: CatalogError, show: string): UserError {
  const first = error.diagnostics[0];
  const lines = error.diagnostics.slice(0, 5).map((d) => formatDiagnostic({ ...d, hint: undefined }).replace(d.file, show));
  return new UserError(`evc diff: cannot read ${show}:\n${lines.join('\n')}`, first?.hint ?? 'Pass two JSON Schema files or two AsyncAPI documents.');
}

const isAsyncApi = (data: unknown) => isObject(data) && hasOwn(data, 'asyncapi');

function choose<T extends string>(value: unknown, valid: readonly T[], what: string, plural: string): T {
  const v = String(value).toUpperCase();
  if (!(valid as readonly string[]).includes(v)) throw new UserError(`evc diff: unknown ${what} "${String(value)}"; valid ${plural}: ${valid.join(', ')}`);
  return v as T;
}

async function diffDocuments(before: Input, after: Input, level: Level, policy: Policy, show: (f: string) => string): Promise<{ view: DiffView; json: unknown }> {
  // Loaded only for documents: a diff of two schema files never needs the catalog loader (start-up time).
  const [{ parseCatalog }, { diffCatalogs }] = await Promise.all([import('#catalog/load.ts'), import('#compat/catalog-diff.ts')]);
  const load = async (input: Input) => {
    try {
      return await parseCatalog(input.text, input.file);
    } catch (error) {
      if (error instanceof CatalogError) throw unusable(error, show(input.file));
      throw error;
    }
  };
  const diff = diffCatalogs(await load(before), await load(after), { level, policy });
  diff.before.file = show(diff.before.file);
  diff.after.file = show(diff.after.file);
  return { view: viewOfCatalogDiff(diff), json: diff };
}

function diffSchemaFiles(before: Input, after: Input, level: Level, policy: Policy, show: (f: string) => string): { view: DiffView; json: unknown } {
  const versionOf = (d: unknown) => (typeof d === 'object' && d !== null && typeof (d as Record<string, unknown>)['x-version'] === 'string' ? ((d as Record<string, unknown>)['x-version'] as string) : undefined);
  const oldVersion = versionOf(before.data);
  const newVersion = versionOf(after.data);
  let report;
  try {
    report = checkCompatibility({
      history: [{ version: oldVersion ?? '1.0.0', schema: before.data as JsonSchema }],
      candidate: newVersion && newVersion !== oldVersion ? { schema: after.data as JsonSchema, version: newVersion } : { schema: after.data as JsonSchema },
      level,
      policy,
    });
  } catch (error) {
    if (error instanceof CompatError) {
      const which = error.side === 'before' ? before.file : after.file;
      throw new UserError(`evc diff: ${show(which)}: ${error.message}`, error.hint);
    }
    if (error instanceof Error && /is not a release version/.test(error.message)) throw new UserError(`evc diff: x-version: ${error.message}`);
    throw error;
  }
  if (!oldVersion) delete (report as { suggestedVersion?: string }).suggestedVersion;
  const locate = (pointer: string) => after.source?.locate(pointer).line ?? 1;
  const view = viewOfSchemaReport(show(after.file), report, locate);
  // Two bare schema files carry no versions: the verdict is all there is to say.
  return { view: oldVersion || newVersion ? view : { ...view, unversioned: true }, json: report };
}

export default defineCommand({
  name: 'diff',
  summary: 'Compare two JSON Schemas or two AsyncAPI documents',
  usage: 'evc diff OLD NEW [--level FULL_TRANSITIVE] [--policy LENIENT] [--format text|json|markdown|github]',
  options: {
    level: { type: 'string', description: `Compatibility level: ${LEVEL_NAMES.join(', ')}`, default: DEFAULT_LEVEL },
    policy: { type: 'string', description: `Policy: ${POLICY_NAMES.join(', ')}`, default: DEFAULT_POLICY },
    format: { type: 'string', description: `Output: ${FORMATS.join(', ')}`, default: 'text' },
  },
  async run(args, io) {
    const level = choose(args.values.level, LEVEL_NAMES, 'level', 'levels');
    const policy = choose(args.values.policy, POLICY_NAMES, 'policy', 'policies');
    const format = String(args.values.format).toLowerCase() as Format;
    if (!FORMATS.includes(format)) throw new UserError(`evc diff: unknown format "${String(args.values.format)}"; valid formats: ${FORMATS.join(', ')}`);
    if (args.positionals.length !== 2) {
      throw new UserError(`evc diff: expected two files (OLD NEW), got ${args.positionals.length}`, 'Example: evc diff old.schema.json new.schema.json, or evc diff main.yaml asyncapi/prompt-platform.yaml');
    }
    const [oldFile, newFile] = args.positionals.map((p) => path.resolve(io.cwd, p)) as [string, string];
    // Paths are printed as the user gave them (an absolute path stays absolute, no `../..`).
    const given = new Map(args.positionals.map((p) => [path.resolve(io.cwd, p), p]));
    const show = (f: string) => given.get(f) ?? (path.relative(io.cwd, f) || f);
    const [before, after] = await Promise.all([readInput(oldFile, show(oldFile)), readInput(newFile, show(newFile))]);
    if (isAsyncApi(before.data) !== isAsyncApi(after.data)) {
      const kind = (i: Input) => (isAsyncApi(i.data) ? 'an AsyncAPI document' : 'a JSON Schema');
      throw new UserError(`evc diff: ${show(oldFile)} is ${kind(before)} but ${show(newFile)} is ${kind(after)}`, 'Compare two JSON Schema files or two AsyncAPI documents.');
    }
    const { view, json } = isAsyncApi(after.data)
      ? await diffDocuments(before, after, level, policy, show)
      : diffSchemaFiles(before, after, level, policy, show);
    if (format === 'json') io.out(JSON.stringify(json, null, 2));
    else if (format === 'markdown') io.out(renderMarkdown(view));
    // GitHub annotations need a path relative to the workspace, whatever the user typed.
    else if (format === 'github') io.out(renderGithub(view, path.relative(io.cwd, newFile) || newFile));
    else io.out(renderText(view));
    return view.compatible ? EXIT_OK : EXIT_FAILED;
  },
});
