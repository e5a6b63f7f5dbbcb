/** The UI's static files (stylesheet, progressive script, icon), read once at start from `static/`. */
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`./static/${name}`, import.meta.url), 'utf8');

export const STATIC_FILES: Record<string, { body: string; type: string }> = {
  'app.css': { body: read('app.css'), type: 'text/css; charset=utf-8' },
  'app.js': { body: read('app.js'), type: 'text/javascript; charset=utf-8' },
  'favicon.svg': { body: read('favicon.svg'), type: 'image/svg+xml' },
};
