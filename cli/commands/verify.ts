/**
 * `evc verify --provider AGENT [--pacts DIR | --registry URL]`: verifies every consumer
 * pact of a provider agent with Pact's verifier (MessageProviderPact + pact_ffi), the
 * messages built by the agent's generated producer from the contract's examples.
 * With --registry the pacts come from the registry and the results are recorded there.
 * Exit 0 all verified, 1 a pact failed, 2 unusable input.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDocumentForCli } from '#contracts/load-document.ts';
import { producerBuilderFor } from '#contracts/message-builders.ts';
import { PACTS_DIR } from '#contracts/names.ts';
import { readPact } from '#contracts/pact-file.ts';
import { RegistryCallError, registryClient } from '#contracts/registry-client.ts';
import { verifyProvider, type VerificationResult } from '#contracts/verify.ts';
import { defineCommand, EXIT_FAILED, EXIT_OK, UserError } from '../command.ts';

interface ProviderPacts {
  pacts: { consumer: string; consumerVersion: string; content: unknown }[];
}

export function formatResults(results: VerificationResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.success ? 'PASS' : 'FAIL'} ${r.consumer} → ${r.provider}`);
    for (const i of r.interactions) {
      lines.push(`  ${i.success ? 'ok  ' : 'FAIL'} ${i.description}`);
      for (const m of i.mismatches) lines.push(`         ${m}`);
    }
  }
  const failed = results.filter((r) => !r.success).length;
  lines.push(`${results.length - failed} of ${results.length} pacts verified${failed ? `, ${failed} failed` : ''}.`);
  return lines.join('\n');
}

export default defineCommand({
  name: 'verify',
  summary: 'Verify the pacts of a provider agent with the Pact verifier',
  usage: 'evc verify [file] --provider AGENT [--pacts DIR | --registry URL [--publish --provider-version V --token T]] [--format text|json] [--output FILE]',
  options: {
    provider: { type: 'string', description: 'The publishing agent to verify' },
    pacts: { type: 'string', description: `Folder (or one file) of pact files (default ${PACTS_DIR})` },
    registry: { type: 'string', description: 'Fetch the latest pacts of the provider from this registry instead' },
    publish: { type: 'boolean', description: 'Record the results in the registry (with --registry)' },
    'provider-version': { type: 'string', description: "Provider version the results are recorded for (default: the document's info.version)" },
    token: { type: 'string', description: 'API token for --publish (or EVC_TOKEN)' },
    producer: { type: 'string', description: 'Message source: generated (generated/<agent>/ producer) or catalog (runtime + Ajv)', default: 'auto' },
    format: { type: 'string', description: 'text or json', default: 'text' },
    output: { type: 'string', description: "Also write the JSON results to this file (pact_ffi prints its own report on stdout, so stdout is not pure JSON)" },
  },
  async run(args, io) {
    const provider = args.values.provider;
    if (typeof provider !== 'string' || !provider) throw new UserError('evc verify: --provider AGENT is required', 'Example: evc verify --provider prompt-studio');
    const format = String(args.values.format);
    if (format !== 'text' && format !== 'json') throw new UserError(`evc verify: unknown --format "${format}"; valid formats: text, json`);
    const registryUrl = typeof args.values.registry === 'string' ? args.values.registry : undefined;
    if (registryUrl && typeof args.values.pacts === 'string') throw new UserError('evc verify: give either --pacts or --registry, not both');
    const catalog = await loadDocumentForCli('verify', io.cwd, args.positionals[0]);
    const publishers = [...new Set(catalog.events.flatMap((e) => e.publishers))].sort();
    if (!publishers.includes(provider)) {
      throw new UserError(`evc verify: "${provider}" publishes no event in ${catalog.title} ${catalog.version}`, `Publishing agents: ${publishers.join(', ')}.`);
    }
    const source = String(args.values.producer);
    if (!['auto', 'generated', 'catalog'].includes(source)) throw new UserError(`evc verify: unknown --producer "${source}"; valid: auto, generated, catalog`);
    const build = await producerBuilderFor(catalog, provider, source === 'auto' ? {} : { source: source as 'generated' | 'catalog' });
    const token = typeof args.values.token === 'string' ? args.values.token : io.env.EVC_TOKEN;
    const registry = registryUrl ? registryClient(registryUrl, token) : undefined;

    let files: string[];
    let scratch: string | undefined;
    const versions = new Map<string, string>();
    try {
      if (registry) {
        const listed = await registry.call<ProviderPacts>('GET', `/v1/pacts/provider/${encodeURIComponent(provider)}/latest`);
        scratch = mkdtempSync(path.join(tmpdir(), 'evc-verify-'));
        files = listed.pacts.map((p) => {
          const file = path.join(scratch!, `${p.consumer}-${provider}.json`);
          writeFileSync(file, JSON.stringify(p.content));
          versions.set(p.consumer, p.consumerVersion);
          return file;
        });
      } else {
        const where = path.resolve(io.cwd, typeof args.values.pacts === 'string' ? args.values.pacts : PACTS_DIR);
        let names: string[];
        try {
          names = where.endsWith('.json') ? [path.basename(where)] : readdirSync(where).filter((n) => n.endsWith('.json')).sort();
        } catch {
          throw new UserError(`evc verify: cannot read pacts from ${path.relative(io.cwd, where) || where}`, 'Pass --pacts DIR with the pact files, or run `npm run pacts:generate`.');
        }
        const dir = where.endsWith('.json') ? path.dirname(where) : where;
        files = names.map((n) => path.join(dir, n)).filter((f) => readPact(f).provider?.name === provider);
      }
      if (files.length === 0) throw new UserError(`evc verify: no pacts found for provider "${provider}"`, 'No consumer has published a pact for it yet; nothing to verify.', EXIT_FAILED);

      const results = await verifyProvider(catalog, provider, files, build);
      if (registry && args.values.publish === true) {
        const providerVersion = typeof args.values['provider-version'] === 'string' ? args.values['provider-version'] : catalog.version;
        for (const r of results) {
          const consumerVersion = versions.get(r.consumer)!;
          await registry.call('POST', `/v1/pacts/provider/${encodeURIComponent(provider)}/consumer/${encodeURIComponent(r.consumer)}/version/${encodeURIComponent(consumerVersion)}/verification-results`, {
            providerApplicationVersion: providerVersion,
            success: r.success,
            interactions: r.interactions,
          });
        }
        io.err(`Recorded ${results.length} verification result(s) for ${provider} ${providerVersion}.`);
      }
      const json = JSON.stringify(results.map(({ output: _o, ...r }) => r), null, 2);
      if (typeof args.values.output === 'string') writeFileSync(path.resolve(io.cwd, args.values.output), `${json}\n`);
      io.out(format === 'json' ? json : formatResults(results));
      return results.every((r) => r.success) ? EXIT_OK : EXIT_FAILED;
    } catch (error) {
      if (error instanceof RegistryCallError) throw new UserError(`evc verify: ${error.message}`, error.hint);
      throw error;
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  },
});
