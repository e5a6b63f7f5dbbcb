/**
 * The UI's static files (stylesheet, progressive script, icon), read once at start from
 * `registry/ui/static/` under the package root (the same folder from the sources and from the
 * bundled dist/, which is why it is found through `repoRoot`; package.json `files` ships it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';

const read = (name: string) => readFileSync(path.join(repoRoot, 'registry/ui/static', name), 'utf8');

export const STATIC_FILES: Record<string, { body: string; type: string }> = {
  'app.css': { body: read('app.css'), type: 'text/css; charset=utf-8' },
  'app.js': { body: read('app.js'), type: 'text/javascript; charset=utf-8' },
  'favicon.svg': { body: read('favicon.svg'), type: 'image/svg+xml' },
};
