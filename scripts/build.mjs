#!/usr/bin/env node
/**
 * `npm run build` (also run by `prepare`, so installing from a git URL builds it): compiles
 * the TypeScript sources into dist/ for the published package.
 *
 * - JavaScript: esbuild bundles three entries (dist/cli.js, dist/index.js, dist/runtime.js)
 *   with code splitting, so every lazy `import()` of a command stays a chunk loaded only by
 *   that command; npm packages stay external imports (Spectral, the AsyncAPI generator, Pact,
 *   PGlite and the NATS client load only where a command imports them). Bundling resolves our
 *   `.ts` import extensions and `#alias/*` package imports, which tsc would not rewrite.
 *   Every output file sits directly in dist/, one level below the package root, exactly like
 *   each source file's folder, so `catalog/bundled.ts`'s root (`..` of the module) holds for both.
 * - Types: tsc emits declarations of the two public entries (`noCheck`: `npm run typecheck`
 *   is the type check), then this script rewrites their `.ts` and `#alias/` specifiers into
 *   relative `.js` ones so a user's `tsc --strict` (without skipLibCheck) reads them.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const started = Date.now();
rmSync(dist, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'cli/main.ts', index: 'index.ts', runtime: 'runtime/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: '[name]-[hash]',
  sourcemap: false,
  logLevel: 'warning',
});

const tsc = path.join(path.dirname(fileURLToPath(import.meta.resolve('typescript'))), '..', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

// `#runtime/x.ts` → relative `../runtime/x.js`; `./x.ts` → `./x.js` (declarations only).
const aliases = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).imports;
const typesDir = path.join(dist, 'types');
const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
for (const file of walk(typesDir).filter((f) => f.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8').replace(/(from\s+|import\()(['"])([^'"]+)\2/g, (all, lead, quote, spec) => {
    let target = spec;
    const alias = Object.keys(aliases).find((a) => spec.startsWith(a.replace('*', '')));
    if (alias) {
      const abs = path.join(typesDir, aliases[alias].replace('*', spec.slice(alias.length - 1)));
      target = path.relative(path.dirname(file), abs).split(path.sep).join('/');
      if (!target.startsWith('.')) target = `./${target}`;
    }
    if (target.startsWith('.')) target = target.replace(/\.ts$/, '.js');
    return `${lead}${quote}${target}${quote}`;
  });
  writeFileSync(file, text);
}
console.log(`evc build: dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
