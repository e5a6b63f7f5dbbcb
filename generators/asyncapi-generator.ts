/**
 * Runs the client template through the AsyncAPI Generator's Node API (React render engine,
 * local template, no install), exactly as `asyncapi generate fromTemplate` would.
 * `evc generate` does not use this path (see README: it calls the renderers directly);
 * a test proves both paths write identical files.
 */
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';
import { createRequire } from 'node:module';

export const TEMPLATE_DIR = path.join(repoRoot, 'generators', 'template');

export interface TemplateParams {
  agent?: string;
  runtimeImport?: string;
  file?: string;
}

export async function generateWithAsyncApiGenerator(documentFile: string, targetDir: string, params: TemplateParams = {}): Promise<void> {
  const require = createRequire(import.meta.url);
  const Generator = require('@asyncapi/generator') as new (
    template: string,
    target: string,
    options: Record<string, unknown>,
  ) => { generateFromFile(file: string): Promise<void> };
  const templateParams = Object.fromEntries(Object.entries({ file: path.basename(documentFile), ...params }).filter(([, v]) => v !== undefined));
  // install: false — the template is a local folder; installing would run npm (and hang offline).
  const generator = new Generator(TEMPLATE_DIR, targetDir, { install: false, forceWrite: true, templateParams });
  await generator.generateFromFile(documentFile);
}
