/**
 * `evc can-i-deploy --pacticipant X --version Y [--to-environment ENV | --to TAG] --registry URL`:
 * asks the broker (`GET /can-i-deploy`, the same answer `pact-broker can-i-deploy` gets
 * from `/matrix`) whether X at Y can go out, and prints every notice, including evc's
 * schema check (`--no-schema` leaves it out). Exit 0 yes, 1 no, 2 unusable input or
 * unreachable registry.
 */
import { RegistryCallError, registryClient } from '#contracts/registry-client.ts';
import { defineCommand, EXIT_FAILED, EXIT_OK, UserError } from '../command.ts';

export interface BrokerAnswer {
  summary: { deployable: boolean | null; reason: string; success: number; failed: number; unknown: number };
  notices: { type: string; text: string }[];
  matrix: unknown[];
}

export const formatAnswer = (pacticipant: string, version: string, target: string, answer: BrokerAnswer): string =>
  [
    `${answer.summary.deployable === true ? 'yes' : 'no'}: ${pacticipant} ${version} ${answer.summary.deployable === true ? 'can' : 'cannot'} be deployed to ${target} (${answer.summary.success} verified, ${answer.summary.failed} failed, ${answer.summary.unknown} unverified)`,
    ...answer.notices.map((n) => `  ${n.type === 'success' ? 'ok ' : n.type === 'error' ? 'NO ' : '-- '} ${n.text}`),
  ].join('\n');

export default defineCommand({
  name: 'can-i-deploy',
  summary: 'Ask the broker whether a pacticipant version can be deployed',
  usage: 'evc can-i-deploy --pacticipant AGENT --version V [--to-environment ENV | --to TAG] [--no-schema] --registry URL [--format text|json] [--token T]',
  options: {
    pacticipant: { type: 'string', description: 'The agent to deploy' },
    version: { type: 'string', description: 'Its version (for a provider: the document version it is built from)' },
    'to-environment': { type: 'string', description: 'Check against the versions currently deployed / released there' },
    to: { type: 'string', description: 'Check against the latest versions with this tag' },
    'no-schema': { type: 'boolean', description: "Leave out evc's schema check (the Pact answer only)" },
    registry: { type: 'string', description: 'Registry base URL (or EVC_REGISTRY_URL)' },
    format: { type: 'string', description: 'text or json', default: 'text' },
    token: { type: 'string', description: 'Read token when the registry requires one (or EVC_TOKEN)' },
  },
  async run(args, io) {
    const { pacticipant, version } = args.values;
    if (typeof pacticipant !== 'string' || typeof version !== 'string') {
      throw new UserError('evc can-i-deploy: --pacticipant and --version are required', 'Example: evc can-i-deploy --pacticipant prompt-studio --version 1.1.0 --to-environment production --registry http://localhost:8080');
    }
    const format = String(args.values.format);
    if (format !== 'text' && format !== 'json') throw new UserError(`evc can-i-deploy: unknown --format "${format}"; valid formats: text, json`);
    const environment = typeof args.values['to-environment'] === 'string' ? args.values['to-environment'] : undefined;
    const tag = typeof args.values.to === 'string' ? args.values.to : undefined;
    if (environment && tag) throw new UserError('evc can-i-deploy: give --to-environment or --to, not both');
    const url = typeof args.values.registry === 'string' ? args.values.registry : io.env.EVC_REGISTRY_URL;
    if (!url) throw new UserError('evc can-i-deploy: no registry given', 'Pass --registry URL or set EVC_REGISTRY_URL.');
    const registry = registryClient(url, typeof args.values.token === 'string' ? args.values.token : io.env.EVC_TOKEN);
    const query = new URLSearchParams({ pacticipant, version, ...(environment ? { environment } : {}), ...(tag ? { tag } : {}), ...(args.values['no-schema'] === true ? { schema: 'false' } : {}) });
    let answer: BrokerAnswer;
    try {
      answer = await registry.call<BrokerAnswer>('GET', `/can-i-deploy?${query}`);
    } catch (error) {
      if (error instanceof RegistryCallError) throw new UserError(`evc can-i-deploy: ${error.message}`, error.hint);
      throw error;
    }
    const deployable = answer.summary.deployable === true;
    const target = environment ?? (tag ? `the latest versions tagged ${tag}` : 'the latest versions of its integrations');
    io.out(format === 'json' ? JSON.stringify({ deployable, ...answer }, null, 2) : formatAnswer(pacticipant, version, target, answer));
    return deployable ? EXIT_OK : EXIT_FAILED;
  },
});
