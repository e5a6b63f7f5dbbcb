/**
 * Assembles test/bench/RESULTS.md from the per-benchmark reports in test/bench/results/
 * (each `npm run bench:*` writes or updates its own file there, with its command and date).
 * Run: `npm run bench:results`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '#test/support/conformance.ts';

const order = ['compat', 'registry', 'runtime', 'saga', 'pacts', 'cli', 'broker', 'scale', 'ui', 'mutation'];
const dir = path.join(repoRoot, 'test/bench/results');
const sections = order
  .map((name) => path.join(dir, `${name}.md`))
  .filter((file) => existsSync(file))
  .map((file) => readFileSync(file, 'utf8').trim().replace(/^(#+) /gm, '#$1 '));

const header = `# Benchmark results

Every figure below was produced by the \`npm run bench:*\` command named in its section, on the
project's 2-core machine, with its baseline (raw Hono, bare Ajv, the raw NATS client,
@asyncapi/diff) measured in the same run. Each section keeps its own date, load and command;
this file is assembled from \`test/bench/results/*.md\` by \`npm run bench:results\`.
`;
writeFileSync(path.join(repoRoot, 'test/bench/RESULTS.md'), `${header}\n${sections.join('\n\n')}\n`);
