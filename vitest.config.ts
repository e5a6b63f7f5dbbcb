import { defineConfig } from 'vitest/config';

// One config for every suite. Service-backed suites read DATABASE_URL / NATS_URL:
// without them (a laptop with no services) they skip; .ci/run sets them, so in CI
// they run and fail if the service is missing.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.evc/**', '**/generated-tmp/**', 'test/e2e/**/tmp/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
