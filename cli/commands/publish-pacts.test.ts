/**
 * The pact CI gate through the CLI against a registry on a real port:
 * publish-pacts → can-i-deploy (no: unverified) → verify --registry --publish →
 * can-i-deploy (yes), with the exit codes CI relies on. PGlite, or Postgres with DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';
import { openTestRegistry, type TestRegistry } from '#registry/testing/harness.ts';

let registry: TestRegistry;
let url: string;

beforeAll(async () => {
  registry = await openTestRegistry();
  const server = await registry.listen();
  url = server.url;
});
afterAll(async () => registry?.close());

describe('evc publish-pacts / verify / can-i-deploy', () => {
  it('gates a provider on its consumers\' pacts, with exit codes 0/1/2', async () => {
    const publish = await runCli(['publish-pacts', '--registry', url, '--consumer-version', '1.0.0', '--token', registry.tokens.publish]);
    expect(publish.code, publish.stderr).toBe(0);
    expect(publish.stdout, 'every committed pact is published').toMatch(/(\d+) of \1 pacts published as version 1\.0\.0/);

    const before = await runCli(['can-i-deploy', '--pacticipant', 'prompt-studio', '--version', '1.0.0', '--registry', url]);
    expect(before.code, 'unverified pacts block the deploy').toBe(1);
    expect(before.stdout, 'the broker names the missing verification').toContain('There is no verified pact between the version of domain-modeller latest (1.0.0) and version 1.0.0 of prompt-studio');

    const verify = await runCli(['verify', '--provider', 'prompt-studio', '--registry', url, '--publish', '--provider-version', '1.0.0', '--token', registry.tokens.publish]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stderr, 'results are recorded in the registry').toMatch(/Recorded \d+ verification result/);

    const after = await runCli(['can-i-deploy', '--pacticipant', 'prompt-studio', '--version', '1.0.0', '--registry', url, '--format', 'json']);
    expect(after.code, after.stdout).toBe(0);
    expect(JSON.parse(after.stdout).deployable).toBe(true);
  }, 120_000);

  it.each([
    { argv: ['verify', '--provider', 'nobody'], text: /publishes no event.*Publishing agents: /s, why: 'an unknown provider lists the valid ones' },
    { argv: ['can-i-deploy', '--pacticipant', 'x', '--version', '1', '--registry', 'http://127.0.0.1:9'], text: /cannot reach the registry/, why: 'an unreachable registry is unusable input, not a "no"' },
    { argv: ['can-i-deploy', '--pacticipant', 'x'], text: /--version are required/, why: 'missing options' },
    { argv: ['publish-pacts', 'no/such/dir', '--registry', 'http://127.0.0.1:9', '--consumer-version', '1'], text: /does not exist/, why: 'a missing folder' },
  ])('exits 2: $why', async ({ argv, text }) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toMatch(text);
  }, 120_000);
});
