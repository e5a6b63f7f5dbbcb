/**
 * can-i-deploy: one answer for "may pacticipant X at version Y go out?", combining the
 * pact verification matrix and the schema check of the pacts against X's document.
 * Pure: the registry route gathers the rows, this decides. Every reason is listed, the
 * passing ones too, so a "no" shows everything that is already fine.
 */
import type { SchemaFinding } from './pact-vs-schema.ts';
import type { InteractionResult } from './verify.ts';

export interface PactRecord {
  id: number;
  provider: string;
  consumer: string;
  consumerVersion: string;
}

export interface VerificationRecord {
  pactId: number;
  providerVersion: string;
  success: boolean;
  interactions: InteractionResult[];
  createdAt: Date | string;
}

export type ReasonKind = 'pact-verified' | 'pact-failed' | 'pact-unverified' | 'schema-incompatible' | 'schema-compatible' | 'schema-unchecked' | 'unknown-version';

export interface Reason {
  ok: boolean;
  kind: ReasonKind;
  message: string;
  consumer?: string;
  provider?: string;
  interaction?: string;
  field?: string;
}

export interface CanIDeployInput {
  pacticipant: string;
  version: string;
  /** Pacts where the pacticipant is the provider: the latest per consumer. */
  providerPacts: PactRecord[];
  /** Pacts where the pacticipant is the consumer at `version`. */
  consumerPacts: PactRecord[];
  /** Newest first. */
  verifications: VerificationRecord[];
  /** The schema check of the provider pacts against X's document `version` (`registered: false` when the registry has no such document). */
  schema?: { document: string; registered: boolean; findings: SchemaFinding[] };
}

export interface CanIDeployAnswer {
  pacticipant: string;
  version: string;
  deployable: boolean;
  summary: string;
  reasons: Reason[];
}

function verdictFor(pact: PactRecord, verification: VerificationRecord | undefined, who: string): Reason[] {
  const pair = { consumer: pact.consumer, provider: pact.provider };
  if (!verification) {
    return [{ ok: false, kind: 'pact-unverified', ...pair, message: `the pact ${pact.consumer} → ${pact.provider} (consumer ${pact.consumerVersion}) has no verification result ${who}; run \`evc verify --provider ${pact.provider} --registry URL --publish\`` }];
  }
  if (verification.success) {
    return [{ ok: true, kind: 'pact-verified', ...pair, message: `the pact ${pact.consumer} → ${pact.provider} (consumer ${pact.consumerVersion}) was verified by ${pact.provider} ${verification.providerVersion}` }];
  }
  const failed = verification.interactions.filter((i) => !i.success);
  if (failed.length === 0) {
    return [{ ok: false, kind: 'pact-failed', ...pair, message: `the pact ${pact.consumer} → ${pact.provider} failed verification by ${pact.provider} ${verification.providerVersion}` }];
  }
  return failed.map((i) => ({
    ok: false,
    kind: 'pact-failed' as const,
    ...pair,
    interaction: i.description,
    message: `interaction "${i.description}" of the pact ${pact.consumer} → ${pact.provider} failed verification by ${pact.provider} ${verification.providerVersion}${i.mismatches.length ? `: ${i.mismatches.join('; ')}` : ''}`,
  }));
}

export function decideCanIDeploy(input: CanIDeployInput): CanIDeployAnswer {
  const { pacticipant, version } = input;
  const reasons: Reason[] = [];
  for (const pact of input.providerPacts) {
    const latest = input.verifications.find((v) => v.pactId === pact.id && v.providerVersion === version);
    reasons.push(...verdictFor(pact, latest, `for ${pacticipant} ${version}`));
  }
  for (const pact of input.consumerPacts) {
    const latest = input.verifications.find((v) => v.pactId === pact.id);
    reasons.push(...verdictFor(pact, latest, 'from any provider version'));
  }
  if (input.schema && !input.schema.registered && input.providerPacts.length > 0) {
    reasons.push({ ok: true, kind: 'schema-unchecked', provider: pacticipant, message: `document ${input.schema.document} is not registered, so the schema half was not checked; publish it with \`evc publish\`` });
  } else if (input.schema) {
    for (const f of input.schema.findings) {
      reasons.push({ ok: false, kind: 'schema-incompatible', consumer: f.consumer, provider: f.provider, interaction: f.interaction, field: f.field, message: `document ${input.schema.document}: ${f.message}` });
    }
    if (input.schema.findings.length === 0 && input.providerPacts.length > 0) {
      reasons.push({ ok: true, kind: 'schema-compatible', provider: pacticipant, message: `every field the consumers of ${pacticipant} read is still in document ${input.schema.document} with a type they accept` });
    }
  }
  if (input.providerPacts.length === 0 && input.consumerPacts.length === 0) {
    reasons.push({ ok: false, kind: 'unknown-version', message: `no pact involves ${pacticipant} ${version}: it is neither a provider with published pacts nor a consumer that published pacts at this version` });
  }
  const deployable = reasons.every((r) => r.ok);
  const failing = reasons.filter((r) => !r.ok).length;
  const summary = deployable
    ? `yes: ${pacticipant} ${version} can be deployed (${reasons.length} check${reasons.length === 1 ? '' : 's'} passed)`
    : `no: ${pacticipant} ${version} cannot be deployed (${failing} of ${reasons.length} checks failed)`;
  return { pacticipant, version, deployable, summary, reasons };
}
