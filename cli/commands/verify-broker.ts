/**
 * `evc verify --registry URL`: the provider verification against the registry's broker
 * with Pact's own verifier (pacts-for-verification with consumer version selectors,
 * pending and WIP pacts; results published by pact_ffi with `--publish`). Exit 0 when
 * every non-pending pact verified, 1 otherwise, 2 for unusable input.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '#catalog/model.ts';
import type { BuildMessage } from '#contracts/message-builders.ts';
import { verifyFromBroker, type BrokerSource } from '#contracts/verify.ts';
import { EXIT_FAILED, EXIT_OK, UserError } from '../command.ts';
import type { Io } from '../command.ts';

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parseSelectors(raw: Values['selector']): NonNullable<BrokerSource['consumerVersionSelectors']> {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((text, i) => {
    try {
      const parsed = JSON.parse(String(text)) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as NonNullable<BrokerSource['consumerVersionSelectors']>[number];
    } catch (error) {
      throw new UserError(`evc verify: --selector #${i + 1} is not a JSON object: ${(error as Error).message}`, 'Example: --selector \'{"mainBranch":true}\' --selector \'{"deployedOrReleased":true}\'');
    }
  });
}

export async function verifyAgainstBroker(values: Values, io: Io, ctx: { catalog: Catalog; provider: string; build: BuildMessage; registryUrl: string; token: string | undefined; format: string }): Promise<number> {
  const wip = typeof values['include-wip-pacts-since'] === 'string' ? values['include-wip-pacts-since'] : undefined;
  if (wip && Number.isNaN(Date.parse(wip))) throw new UserError(`evc verify: --include-wip-pacts-since "${wip}" is not a date`, 'Example: --include-wip-pacts-since 2024-01-01');
  const publish = values.publish === true;
  const providerVersion = typeof values['provider-version'] === 'string' ? values['provider-version'] : ctx.catalog.version;
  const branch = typeof values.branch === 'string' ? values.branch : undefined;
  const result = await verifyFromBroker(ctx.catalog, ctx.provider, ctx.build, {
    pactBrokerUrl: ctx.registryUrl,
    ...(ctx.token ? { pactBrokerToken: ctx.token } : {}),
    consumerVersionSelectors: parseSelectors(values.selector),
    enablePending: values['no-pending'] !== true,
    ...(wip ? { includeWipPactsSince: wip } : {}),
    publishVerificationResult: publish,
    providerVersion,
    ...(branch ? { providerVersionBranch: branch } : {}),
  });
  if (result.pacts.length === 0 && !result.success) {
    const said = result.output.join('\n') || result.interactions.flatMap((i) => i.mismatches).join('\n');
    throw new UserError(`evc verify: the broker at ${ctx.registryUrl} gave no pacts to verify for "${ctx.provider}"${said ? `: ${said.slice(0, 500)}` : ''}`, 'Publish pacts with `evc publish-pacts` or `pact-broker publish`, or check --selector.', EXIT_FAILED);
  }
  if (publish) io.err(`Recorded ${result.pacts.length} verification result(s) for ${ctx.provider} ${providerVersion}.`);
  const json = JSON.stringify({ provider: ctx.provider, success: result.success, pacts: result.pacts, interactions: result.interactions }, null, 2);
  if (typeof values.output === 'string') writeFileSync(path.resolve(io.cwd, values.output), `${json}\n`);
  const lines = [
    ...result.pacts.map((p) => `pact ${p}`),
    ...result.interactions.map((i) => `  ${i.success ? 'ok  ' : i.pending ? 'PEND' : 'FAIL'} ${i.description}${i.mismatches.length ? `\n         ${i.mismatches.join('\n         ')}` : ''}`),
    `${result.success ? 'verified' : 'FAILED'}: ${result.interactions.filter((i) => i.success).length} of ${result.interactions.length} interactions passed${result.interactions.some((i) => i.pending) ? ' (pending failures do not fail the build)' : ''}.`,
  ];
  io.out(ctx.format === 'json' ? json : lines.join('\n'));
  return result.success ? EXIT_OK : EXIT_FAILED;
}
