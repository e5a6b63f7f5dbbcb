/**
 * `evc can-i-deploy --pacticipant X --version Y --registry URL`: asks the registry
 * whether X at Y can go out (pact verification + schema check) and prints every
 * reason. Exit 0 yes, 1 no, 2 unusable input or unreachable registry.
 */
import type { CanIDeployAnswer } from '#contracts/can-i-deploy.ts';
import { RegistryCallError, registryClient } from '#contracts/registry-client.ts';
import { defineCommand, EXIT_FAILED, EXIT_OK, UserError } from '../command.ts';

export const formatAnswer = (answer: CanIDeployAnswer): string =>
  [answer.summary, ...answer.reasons.map((r) => `  ${r.ok ? 'ok ' : 'NO '} ${r.message}`)].join('\n');

export default defineCommand({
  name: 'can-i-deploy',
  summary: 'Ask a registry whether a pacticipant version can be deployed',
  usage: 'evc can-i-deploy --pacticipant AGENT --version V --registry URL [--format text|json] [--token T]',
  options: {
    pacticipant: { type: 'string', description: 'The agent to deploy' },
    version: { type: 'string', description: 'Its version (for a provider: the document version it is built from)' },
    registry: { type: 'string', description: 'Registry base URL (or EVC_REGISTRY_URL)' },
    format: { type: 'string', description: 'text or json', default: 'text' },
    token: { type: 'string', description: 'Read token when the registry requires one (or EVC_TOKEN)' },
  },
  async run(args, io) {
    const { pacticipant, version } = args.values;
    if (typeof pacticipant !== 'string' || typeof version !== 'string') {
      throw new UserError('evc can-i-deploy: --pacticipant and --version are required', 'Example: evc can-i-deploy --pacticipant prompt-studio --version 1.1.0 --registry http://localhost:8080');
    }
    const format = String(args.values.format);
    if (format !== 'text' && format !== 'json') throw new UserError(`evc can-i-deploy: unknown --format "${format}"; valid formats: text, json`);
    const url = typeof args.values.registry === 'string' ? args.values.registry : io.env.EVC_REGISTRY_URL;
    if (!url) throw new UserError('evc can-i-deploy: no registry given', 'Pass --registry URL or set EVC_REGISTRY_URL.');
    const registry = registryClient(url, typeof args.values.token === 'string' ? args.values.token : io.env.EVC_TOKEN);
    let answer: CanIDeployAnswer;
    try {
      answer = await registry.call<CanIDeployAnswer>('GET', `/v1/can-i-deploy?pacticipant=${encodeURIComponent(pacticipant)}&version=${encodeURIComponent(version)}`);
    } catch (error) {
      if (error instanceof RegistryCallError) throw new UserError(`evc can-i-deploy: ${error.message}`, error.hint);
      throw error;
    }
    io.out(format === 'json' ? JSON.stringify(answer, null, 2) : formatAnswer(answer));
    return answer.deployable ? EXIT_OK : EXIT_FAILED;
  },
});
