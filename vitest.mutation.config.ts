import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The test set StrykerJS runs against each mutant (`npm run test:mutation`): the fast unit
 * suites beside the mutated folder only. Conformance, DB, NATS and browser suites live
 * elsewhere and are never included; `EVC_MUTATION_TARGET` (compat | render) picks the folder.
 */
const target = process.env.EVC_MUTATION_TARGET === 'compat' ? 'compat' : 'render';
const include: Record<typeof target, string[]> = {
  compat: ['compat/**/*.test.ts', 'registry/domain/decide.test.ts'],
  render: ['generators/render/**/*.test.ts'],
};
// escape.property.test.ts runs every generator and the TypeScript compiler over fast-check
// documents (~20 s): an end-to-end proof, not a unit test to repeat for each of ~1,400 mutants.
// compat/properties.test.ts (fast-check soundness against Ajv, ~10 s) covers nearly every compat
// line, so perTest coverage would run it for almost every mutant: left out for the same reason,
// and so is compat/hostile.test.ts (10,000-deep nesting, 100,000-value enums: ~4.6 s of stress).
// All three stay in `npm test`.
const slow = ['generators/render/escape.property.test.ts', 'compat/properties.test.ts', 'compat/hostile.test.ts'];

// Not mergeConfig: it concatenates arrays, and `include` must replace the base list.
export default defineConfig({
  ...base,
  test: { ...base.test, include: include[target], exclude: [...(base.test?.exclude ?? []), ...slow], reporters: ['default'] },
});
