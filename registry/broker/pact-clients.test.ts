/**
 * The broker driven by Pact's own clients, against `evc serve` as a process, on PGlite and
 * on PostgreSQL: the `pact-broker` binary of @pact-foundation/pact-cli, and pact-js's
 * verifier (MessageProviderPact → pact_ffi) with pactBrokerUrl, consumer version
 * selectors, pending, WIP and result publishing, verifying the seed's generated producers.
 * Then the broker workflow as one scenario.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '#catalog/model.ts';
import { producerBuilderFor } from '#contracts/message-builders.ts';
import { PACTS_DIR } from '#contracts/names.ts';
import { loadCatalogCached } from '#contracts/seed.ts';
import { messageProvidersFor, verifyFromBroker } from '#contracts/verify.ts';
import { repoRoot } from '#catalog/bundled.ts';
import { needsPostgres, skipWithout } from '#test/support/requirements.ts';
import { pactBroker, startServeProcess, type ServeProcess } from '../testing/serve-process.ts';

const PROVIDER = 'prompt-studio'; // only a provider in the seed, so its deploy depends on its consumers only
const pactsOf = (provider: string) =>
  readdirSync(path.join(repoRoot, PACTS_DIR))
    .filter((f) => f.endsWith(`-${provider}.json`))
    .map((f) => JSON.parse(readFileSync(path.join(repoRoot, PACTS_DIR, f), 'utf8')) as { consumer: { name: string }; provider: { name: string }; interactions: { description: string }[] });

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalogCached();
}, 120_000);

const databases = [
  { database: 'pglite' as const, skip: false },
  { database: 'postgres' as const, skip: skipWithout(needsPostgres) },
];

for (const { database, skip } of databases) {
  describe.skipIf(skip)(`Pact's own clients against evc serve (${database})`, () => {
    let server: ServeProcess;
    beforeAll(async () => {
      server = await startServeProcess({ database });
    }, 240_000);
    afterAll(async () => server?.stop(), 120_000);

    it('pact-broker: publish --branch main, create-environment, record-deployment, can-i-deploy 1 before verification and 0 after, describe-version', async () => {
      const publish = pactBroker(server, ['publish', PACTS_DIR, '--consumer-app-version', '1.0.0', '--branch', 'main']);
      expect(publish.status, `publish succeeds (the HAL index has pb:publish-contracts):\n${publish.out}`).toBe(0);
      expect(publish.out, 'every committed pact is reported published').toContain(`Pact successfully published for domain-modeller version 1.0.0 and branch main and provider ${PROVIDER}`);

      const version = pactBroker(server, ['create-or-update-version', '--pacticipant', PROVIDER, '--version', '1.0.0', '--branch', 'main']);
      expect(version.status, `the provider's version is recorded before it is deployed:\n${version.out}`).toBe(0);
      const env = pactBroker(server, ['create-environment', '--name', 'production', '--production']);
      expect(env.status, env.out).toBe(0);
      for (const name of [PROVIDER, ...pactsOf(PROVIDER).map((p) => p.consumer.name)]) {
        const r = pactBroker(server, ['record-deployment', '--pacticipant', name, '--version', '1.0.0', '--environment', 'production']);
        expect(r.status, `record-deployment ${name}:\n${r.out}`).toBe(0);
      }

      const before = pactBroker(server, ['can-i-deploy', '--pacticipant', PROVIDER, '--version', '1.0.0', '--to-environment', 'production']);
      expect(before.status, `no verification yet, so can-i-deploy says no:\n${before.out}`).toBe(1);
      expect(before.out, 'the reason names the missing verification').toContain(`There is no verified pact between the version of domain-modeller currently in production (1.0.0) and version 1.0.0 of ${PROVIDER}`);

      const verified = await verifyFromBroker(catalog, PROVIDER, await producerBuilderFor(catalog, PROVIDER), {
        pactBrokerUrl: server.url,
        pactBrokerToken: server.token,
        consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
        enablePending: true,
        includeWipPactsSince: '2020-01-01',
        publishVerificationResult: true,
        providerVersion: '1.0.0',
        providerVersionBranch: 'main',
      });
      expect(verified.success, `the generated producer satisfies every consumer pact:\n${verified.output.join('\n')}`).toBe(true);
      expect(verified.output.join('\n'), 'the broker said why each pact was selected').toContain("latest version of domain-modeller from the main branch 'main' (1.0.0)");

      const after = pactBroker(server, ['can-i-deploy', '--pacticipant', PROVIDER, '--version', '1.0.0', '--to-environment', 'production']);
      expect(after.status, `all verified, so can-i-deploy says yes:\n${after.out}`).toBe(0);
      expect(after.out).toContain('Computer says yes');

      const described = pactBroker(server, ['describe-version', '--pacticipant', 'domain-modeller', '--version', '1.0.0']);
      expect(described.status, described.out).toBe(0);
      expect(described.out, 'describe-version shows the version').toContain('1.0.0');

      const release = pactBroker(server, ['record-release', '--pacticipant', 'domain-modeller', '--version', '1.0.0', '--environment', 'production']);
      expect(release.status, `record-release:\n${release.out}`).toBe(0);
      const ended = pactBroker(server, ['record-support-ended', '--pacticipant', 'domain-modeller', '--version', '1.0.0', '--environment', 'production']);
      expect(ended.status, `record-support-ended finds the release through the environment's links:\n${ended.out}`).toBe(0);
      const undeployed = pactBroker(server, ['record-undeployment', '--pacticipant', 'domain-modeller', '--environment', 'production']);
      expect(undeployed.status, `record-undeployment finds the deployment through the environment's links:\n${undeployed.out}`).toBe(0);
      const gone = pactBroker(server, ['can-i-deploy', '--pacticipant', PROVIDER, '--version', '1.0.0', '--to-environment', 'production']);
      expect(gone.out, 'an undeployed consumer is no longer part of the production check').not.toContain('domain-modeller currently in production');
    }, 300_000);
  });
}

describe('the broker workflow (issue #14 scenario, PGlite)', () => {
  let server: ServeProcess;
  let dir: string;
  beforeAll(async () => {
    server = await startServeProcess({ database: 'pglite' });
    dir = mkdtempSync(path.join(tmpdir(), 'evc-workflow-'));
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('v1 on main verified and deployed; v2 on a feature branch is pending and WIP, no until verified, then yes; identical v3 yes at once', async () => {
    const [pact] = pactsOf(PROVIDER).filter((p) => p.consumer.name === 'domain-modeller');
    const consumer = pact!.consumer.name;
    const write = (name: string, content: unknown) => {
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify(content));
      return file;
    };
    const build = await producerBuilderFor(catalog, PROVIDER);
    const verify = (providerVersion: string, extra?: Record<string, () => Promise<unknown>>) =>
      verifyFromBroker(catalog, PROVIDER, build, {
        pactBrokerUrl: server.url,
        pactBrokerToken: server.token,
        consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
        enablePending: true,
        includeWipPactsSince: '2020-01-01',
        publishVerificationResult: true,
        providerVersion,
        providerVersionBranch: 'main',
        ...(extra ? { extraMessageProviders: extra } : {}),
      });
    const run = (args: string[]) => pactBroker(server, args);
    const canIDeploy = (version: string) => run(['can-i-deploy', '--pacticipant', consumer, '--version', version, '--to-environment', 'production']);

    expect(run(['publish', write('v1.json', pact), '--consumer-app-version', '1', '--branch', 'main']).status).toBe(0);
    expect((await verify('p1')).success, 'the provider verifies v1').toBe(true);
    expect(run(['create-environment', '--name', 'production', '--production']).status).toBe(0);
    expect(run(['record-deployment', '--pacticipant', consumer, '--version', '1', '--environment', 'production']).status).toBe(0);
    expect(run(['record-deployment', '--pacticipant', PROVIDER, '--version', 'p1', '--environment', 'production']).status).toBe(0);
    expect(canIDeploy('1').status, 'v1 is verified by the provider in production').toBe(0);

    // v2 on a feature branch adds an interaction the provider does not produce yet.
    const original = pact!.interactions[0]!;
    const added = { ...original, description: `${original.description} with feature-x` };
    const v2 = { ...pact, interactions: [...pact!.interactions, added] };
    expect(run(['publish', write('v2.json', v2), '--consumer-app-version', '2', '--branch', 'feature-x']).status).toBe(0);
    const no = canIDeploy('2');
    expect(no.status, `v2's pact was never verified: no\n${no.out}`).toBe(1);
    expect(no.out, 'the answer names the missing verification').toContain(`There is no verified pact between version 2 of ${consumer} and the version of ${PROVIDER} currently in production (p1)`);

    const pendingBuild = await verify('p1');
    const text = pendingBuild.output.join('\n');
    expect(text, 'the WIP pact is included').toContain("'work in progress' pact");
    expect(text, 'and it is pending').toContain('pending state');
    expect(pendingBuild.interactions.some((i) => !i.success), 'the new interaction fails against the old producer').toBe(true);
    expect(pendingBuild.success, "a failing pending pact does not fail the provider's build").toBe(true);

    // The provider's next build produces the new message: it verifies v1 (main) and v2 (WIP) and is deployed.
    const providers = messageProvidersFor(catalog, PROVIDER, build).messageProviders;
    const fixed = await verify('p2', { [added.description]: providers[original.description]! });
    expect(fixed.success && fixed.interactions.every((i) => i.success), `p2 verifies everything:\n${fixed.output.join('\n')}`).toBe(true);
    expect(run(['record-deployment', '--pacticipant', PROVIDER, '--version', 'p2', '--environment', 'production']).status).toBe(0);
    const yes = canIDeploy('2');
    expect(yes.status, `v2 verified by the provider in production: yes\n${yes.out}`).toBe(0);

    expect(run(['publish', write('v3.json', v2), '--consumer-app-version', '3', '--branch', 'feature-x']).status).toBe(0);
    const v3 = canIDeploy('3');
    expect(v3.status, `identical content reuses v2's verification: yes at once\n${v3.out}`).toBe(0);
  }, 300_000);
});
