/**
 * `npm run generate:patterns [-- --check] [document] [--out DIR]`: renders the saga and
 * aggregate modules of a document into `generated/patterns/` (default: the seed), or with
 * `--check` fails (exit 1) listing every file that differs from what would be generated.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '#catalog/load.ts';
import { defaultPatternsDir, renderPatterns } from './codegen/render.ts';
import { PatternGenerationError } from './codegen/errors.ts';

export async function generatePatterns(options: { document: string; out: string; check: boolean; root: string }): Promise<{ changed: string[]; written: string[] }> {
  const catalog = await loadCatalog(options.document);
  const files = await renderPatterns(catalog, options.out);
  const changed: string[] = [];
  const written: string[] = [];
  for (const file of files) {
    const target = path.resolve(options.root, file.path);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === file.contents) continue;
    changed.push(file.path);
    if (!options.check) {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
      written.push(file.path);
    }
  }
  return { changed, written };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { check: { type: 'boolean', default: false }, out: { type: 'string', default: defaultPatternsDir } }, allowPositionals: true });
  const document = positionals[0] ?? 'asyncapi/prompt-platform.yaml';
  try {
    const { changed } = await generatePatterns({ document, out: values.out!, check: values.check!, root: process.cwd() });
    if (values.check) {
      if (changed.length === 0) return console.log(`generated pattern code is up to date with ${document}`), 0;
      console.error(`generated pattern code is out of date with ${document}:\n${changed.map((f) => `  ${f}`).join('\n')}\nhint: run \`npm run generate:patterns\` and commit the result`);
      return 1;
    }
    console.log(changed.length ? `wrote ${changed.join(', ')}` : 'nothing to write: generated pattern code is up to date');
    return 0;
  } catch (error) {
    if (error instanceof PatternGenerationError) {
      console.error(`error: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
