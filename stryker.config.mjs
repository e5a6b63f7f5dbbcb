// @ts-check
/**
 * Mutation testing (issue #18): `npm run test:mutation` runs both targets, one after the
 * other; `npm run test:mutation:compat` / `:render` run one. Not part of `npm test` or CI
 * (a run takes tens of minutes on the 2-core machine). Results: reports/mutation/<target>/
 * and the summary in test/bench/results/mutation.md.
 */
const target = process.env.EVC_MUTATION_TARGET === 'compat' ? 'compat' : 'render';
const folder = target === 'compat' ? 'compat' : 'generators/render';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: [`${folder}/**/*.ts`, `!${folder}/**/*.test.ts`],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level code: rule tables, constants) run the whole suite each; on the
  // shared 2-core machine that is ~50 min for compat alone. They are reported as "Ignored" and
  // not counted in the score: `EVC_MUTATION_STATIC=1` measures them (on a quiet machine, or
  // with `--mutate` on a few files: compat/levels.ts is all static).
  ignoreStatic: process.env.EVC_MUTATION_STATIC !== '1',
  concurrency: 2,
  timeoutMS: 60_000,
  thresholds: { high: target === 'compat' ? 85 : 75, low: 60, break: null },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${target}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${target}/mutation.json` },
  tempDirName: `.stryker-tmp/${target}`,
  cleanTempDir: 'always',
  // Reuses the results of the previous run of the same target for mutants whose code and
  // covering tests did not change (`--force` re-tests everything). The file is kept beside the
  // reports (gitignored: it describes this checkout, not the project).
  incremental: true,
  incrementalFile: `reports/mutation/${target}/stryker-incremental.json`,
};
