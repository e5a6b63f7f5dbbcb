#!/usr/bin/env node
// The `evc` entry point. An installed package runs the compiled dist/cli.js (`npm run build`,
// run by `prepare`). A development checkout (a .git beside package.json) runs the TypeScript
// sources through tsx, so what you edit is what runs and a stale dist/ can never answer;
// EVC_DIST=1 runs dist/ there too (the benchmarks do).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const at = (p) => fileURLToPath(new URL(p, import.meta.url));
const compiled = at('../dist/cli.js');
const useDist = existsSync(compiled) && (process.env.EVC_DIST === '1' || !existsSync(at('../.git')));
let main;
if (useDist) {
  ({ main } = await import('../dist/cli.js'));
} else {
  if (!existsSync(at('../cli/main.ts'))) {
    process.stderr.write('evc: dist/cli.js is missing; run `npm run build` in the event-contracts package.\n');
    process.exit(2);
  }
  // The "source" export condition makes `event-contracts/runtime` (imported by generated/)
  // resolve to runtime/index.ts, the module the sources themselves use.
  const { register: registerHooks } = await import('node:module');
  registerHooks('data:text/javascript,export const resolve = (s, c, next) => next(s, { ...c, conditions: [...c.conditions, "source"] });');
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
