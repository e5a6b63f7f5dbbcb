import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

// One config for every suite. Service-backed suites read DATABASE_URL / NATS_URL:
// without them (a laptop with no services) they skip; .ci/run sets them, so in CI
// they run and fail if the service is missing.
export default defineConfig({
  // Generated clients import the runtime by package name; here (self-reference) that is the
  // TypeScript source, the same module instance the tests import as #runtime/index.ts.
  resolve: {
    alias: [
      { find: /^event-contracts\/runtime$/, replacement: source('./runtime/index.ts') },
      { find: /^event-contracts$/, replacement: source('./index.ts') },
    ],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.evc/**', '.stryker-tmp/**', 'reports/**', '**/generated-tmp/**', 'test/e2e/**/tmp/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
