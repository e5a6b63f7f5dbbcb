/**
 * `evc verify --provider AGENT [--pacts DIR | --registry URL]`: verifies every consumer
 * pact of a provider agent with Pact's verifier (MessageProviderPact + pact_ffi), the
 * messages built by the agent's generated producer from the contract's examples.
 * With --registry the pacts come from the registry and the results are recorded there.
 * Exit 0 all verified, 1 a pact failed, 2 unusable input.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDocumentForCli } from '#contracts/load-document.ts';
import { producerBuilderFor } from '#contracts/message-builders.ts';
import { PACTS_DIR } from '#contracts/names.ts';
import { readPact } from '#contracts/pact-file.ts';
import { verifyProvider, type VerificationResult } from '#contracts/verify.ts';
import { defineCommand, EXIT_FAILED, EXIT_OK, UserError } from '../command.ts';
import { verifyAgainstBroker } from './verify-broker.ts';

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
  usage: 'evc verify [file] --provider AGENT [--pacts DIR | --registry URL [--selector JSON]... [--branch B] [--include-wip-pacts-since DATE] [--publish --provider-version V --token T]] [--format text|json] [--output FILE]',
  options: {
    provider: { type: 'string', description: 'The publishing agent to verify' },
    pacts: { type: 'string', description: `Folder (or one file) of pact files (default ${PACTS_DIR})` },
    registry: { type: 'string', description: "Verify the pacts this registry's broker selects (pacts-for-verification) instead" },
    publish: { type: 'boolean', description: 'Publish the results to the broker (with --registry)' },
    selector: { type: 'string', multiple: true, description: 'Consumer version selector as JSON, e.g. \'{"mainBranch":true}\' (repeatable; default: the latest pact of each consumer)' },
    branch: { type: 'string', description: "The provider version's branch (decides which pacts are pending)" },
    'include-wip-pacts-since': { type: 'string', description: 'Also verify work-in-progress pacts published since this date (implies pending)' },
    'no-pending': { type: 'boolean', description: 'Fail the build on pending pacts too' },
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

    if (registryUrl) return verifyAgainstBroker(args.values, io, { catalog, provider, build, registryUrl, token, format });

    let files: string[];
    const where = path.resolve(io.cwd, typeof args.values.pacts === 'string' ? args.values.pacts : PACTS_DIR);
    let names: string[];
    try {
      names = where.endsWith('.json') ? [path.basename(where)] : readdirSync(where).filter((n) => n.endsWith('.json')).sort();
    } catch {
      throw new UserError(`evc verify: cannot read pacts from ${path.relative(io.cwd, where) || where}`, 'Pass --pacts DIR with the pact files, or run `npm run pacts:generate`.');
    }
    const dir = where.endsWith('.json') ? path.dirname(where) : where;
    files = names.map((n) => path.join(dir, n)).filter((f) => readPact(f).provider?.name === provider);
    if (files.length === 0) throw new UserError(`evc verify: no pacts found for provider "${provider}"`, 'No consumer has published a pact for it yet; nothing to verify.', EXIT_FAILED);
    const results = await verifyProvider(catalog, provider, files, build);
    const json = JSON.stringify(results.map(({ output: _o, ...r }) => r), null, 2);
    if (typeof args.values.output === 'string') writeFileSync(path.resolve(io.cwd, args.values.output), `${json}\n`);
    io.out(format === 'json' ? json : formatResults(results));
    return results.every((r) => r.success) ? EXIT_OK : EXIT_FAILED;
  },
});
