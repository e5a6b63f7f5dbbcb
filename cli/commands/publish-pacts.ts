/**
 * `evc publish-pacts [DIR|FILE...] --registry URL [--consumer-version V] [--branch B] [--tag T] [--token T]`:
 * publishes pact files through the broker API (`POST /contracts/publish`, what `pact-broker
 * publish` sends), one request per consumer with the version's branch and tags.
 * Exit 0 all published, 1 the registry refused one, 2 unusable input or no registry.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadDocumentForCli } from '#contracts/load-document.ts';
import { PACTS_DIR } from '#contracts/names.ts';
import { readPact, type PactFile } from '#contracts/pact-file.ts';
import { RegistryCallError, registryClient } from '#contracts/registry-client.ts';
import { defineCommand, EXIT_FAILED, EXIT_OK, UserError } from '../command.ts';

function pactFiles(cwd: string, inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs.length > 0 ? inputs : [PACTS_DIR]) {
    const full = path.resolve(cwd, input);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      throw new UserError(`evc publish-pacts: ${input} does not exist`, 'Pass the folder of pact files (default contracts/pacts) or pact files.');
    }
    if (stat.isDirectory()) out.push(...readdirSync(full).filter((n) => n.endsWith('.json')).sort().map((n) => path.join(full, n)));
    else out.push(full);
  }
  return out;
}

export default defineCommand({
  name: 'publish-pacts',
  summary: 'Publish pact files to a registry',
  usage: 'evc publish-pacts [DIR|FILE...] --registry URL [--consumer-version V] [--branch B] [--tag T]... [--document FILE] [--token T]',
  options: {
    registry: { type: 'string', description: 'Registry base URL (or EVC_REGISTRY_URL)' },
    'consumer-version': { type: 'string', description: "Version the pacts are published for (default: the document's info.version)" },
    document: { type: 'string', description: 'AsyncAPI document whose info.version is the default consumer version' },
    token: { type: 'string', description: 'Publish token (or EVC_TOKEN)' },
    branch: { type: 'string', description: 'The consumer version\'s branch (e.g. main)' },
    tag: { type: 'string', multiple: true, description: 'A tag for the consumer version (repeatable)' },
  },
  async run(args, io) {
    const url = typeof args.values.registry === 'string' ? args.values.registry : io.env.EVC_REGISTRY_URL;
    if (!url) throw new UserError('evc publish-pacts: no registry given', 'Pass --registry URL or set EVC_REGISTRY_URL.');
    const files = pactFiles(io.cwd, args.positionals);
    if (files.length === 0) throw new UserError('evc publish-pacts: no pact files found', 'Generate them with `npm run pacts:generate`.');
    const version =
      typeof args.values['consumer-version'] === 'string'
        ? args.values['consumer-version']
        : (await loadDocumentForCli('publish-pacts', io.cwd, typeof args.values.document === 'string' ? args.values.document : undefined)).version;
    const registry = registryClient(url, typeof args.values.token === 'string' ? args.values.token : io.env.EVC_TOKEN);
    let failed = 0;
    for (const file of files) {
      let pact: PactFile;
      try {
        pact = readPact(file);
      } catch (error) {
        throw new UserError(`evc publish-pacts: ${path.relative(io.cwd, file)} is not a pact file: ${(error as Error).message}`);
      }
      const branch = typeof args.values.branch === 'string' ? args.values.branch : undefined;
      const tags = Array.isArray(args.values.tag) ? (args.values.tag as string[]) : [];
      const body = {
        pacticipantName: pact.consumer.name,
        pacticipantVersionNumber: version,
        ...(branch ? { branch } : {}),
        ...(tags.length ? { tags } : {}),
        contracts: [{ consumerName: pact.consumer.name, providerName: pact.provider.name, specification: 'pact', contentType: 'application/json', content: Buffer.from(JSON.stringify(pact)).toString('base64') }],
      };
      try {
        const res = await registry.call<{ notices: { type: string; text: string }[] }>('POST', '/contracts/publish', body);
        const said = res.notices.find((n) => n.type === 'success')?.text ?? '';
        io.out(`${/unchanged/.test(said) ? 'unchanged' : /republished/.test(said) ? 'replaced ' : 'published'} ${pact.consumer.name} → ${pact.provider.name} ${version}${branch ? ` (branch ${branch})` : ''}`);
      } catch (error) {
        if (!(error instanceof RegistryCallError)) throw error;
        if (error.status === undefined || error.status === 401 || error.status === 403) throw new UserError(`evc publish-pacts: ${error.message}`, error.hint);
        failed++;
        io.err(`refused   ${pact.consumer.name} → ${pact.provider.name}: ${error.message}`);
      }
    }
    io.out(`${files.length - failed} of ${files.length} pacts published as version ${version}.`);
    return failed === 0 ? EXIT_OK : EXIT_FAILED;
  },
});
