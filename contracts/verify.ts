/**
 * Provider verification with Pact's own verifier: `MessageProviderPact` serves the
 * provider's messages (one message provider per interaction description, built from
 * the agent's producer) and pact_ffi matches them against each consumer pact. We only
 * read pact_ffi's JSON results back; no matching happens here.
 */
import { MessageProviderPact, providerWithMetadata } from '@pact-foundation/pact';
import type { Catalog } from '#catalog/model.ts';
import type { BuildMessage } from './message-builders.ts';
import { interactionDescription, providerStateName } from './names.ts';
import { readPact } from './pact-file.ts';
import { describeMismatch, stripAnsi } from './pact-path.ts';

export interface InteractionResult {
  description: string;
  success: boolean;
  /** `$.payload.priority -> Expected 'urgent' to match '^(low|medium|high|critical)$'`. */
  mismatches: string[];
}

export interface VerificationResult {
  consumer: string;
  provider: string;
  pactFile: string;
  success: boolean;
  interactions: InteractionResult[];
  /** The verifier's own report lines (ANSI stripped). */
  output: string[];
}

interface FfiResults {
  result: boolean;
  output?: string[];
  errors?: { interaction: string; mismatch?: { type?: string; message?: string; mismatches?: { path?: string; mismatch?: string }[] } }[];
  /** Failures of pending pacts (they do not fail the run). */
  pendingErrors?: FfiResults['errors'];
  interactionResults?: { description: string; result: string }[];
}


function parseFfi(raw: unknown): FfiResults {
  const text = raw instanceof Error ? raw.message : String(raw);
  try {
    return JSON.parse(text) as FfiResults;
  } catch {
    return { result: false, errors: [{ interaction: '(verifier)', mismatch: { message: text } }] };
  }
}

/** The message providers and state handlers of one agent, keyed by the shared names. */
export function messageProvidersFor(catalog: Catalog, provider: string, build: BuildMessage) {
  const messageProviders: Record<string, () => Promise<unknown>> = {};
  const stateHandlers: Record<string, () => Promise<void>> = {};
  for (const event of catalog.events.filter((e) => e.publishers.includes(provider))) {
    const metadata = { contentType: 'application/json', eventType: event.eventType };
    messageProviders[interactionDescription(event.eventType, event.version)] = providerWithMetadata(() => build(event), metadata) as () => Promise<unknown>;
    // The state names the pact's `given`; the producer needs no setup beyond its example.
    stateHandlers[providerStateName(provider, event.eventType)] = async () => {};
  }
  return { messageProviders, stateHandlers };
}

export async function verifyPactFile(catalog: Catalog, provider: string, pactFile: string, build: BuildMessage): Promise<VerificationResult> {
  const pact = readPact(pactFile);
  if (pact.provider.name !== provider) {
    throw new Error(`${pactFile} is a pact with provider "${pact.provider.name}", not "${provider}"`);
  }
  const { messageProviders, stateHandlers } = messageProvidersFor(catalog, provider, build);
  const verifier = new MessageProviderPact({
    provider,
    pactUrls: [pactFile],
    messageProviders: messageProviders as never,
    stateHandlers: stateHandlers as never,
    logLevel: 'error',
  });
  const ffi = parseFfi(await verifier.verify().then((ok) => ok, (error: unknown) => error));
  const interactions = pact.interactions.map((interaction): InteractionResult => {
    const errors = (ffi.errors ?? []).filter((e) => e.interaction.endsWith(` - ${interaction.description}`) || e.interaction === '(verifier)');
    const listed = ffi.interactionResults?.find((r) => r.description === interaction.description);
    const mismatches = errors.flatMap((e) =>
      e.mismatch?.mismatches?.length ? e.mismatch.mismatches.map((m) => describeMismatch(m.path, m.mismatch)) : [describeMismatch(undefined, e.mismatch?.message ?? 'failed')],
    );
    const success = errors.length === 0 && (listed ? listed.result === 'OK' : ffi.result);
    return { description: interaction.description, success, mismatches };
  });
  return {
    consumer: pact.consumer.name,
    provider,
    pactFile,
    success: ffi.result && interactions.every((i) => i.success),
    interactions,
    output: (ffi.output ?? []).map(stripAnsi),
  };
}

/** Verifies each pact file in turn (one verifier run per consumer, so results name the consumer). */
export async function verifyProvider(catalog: Catalog, provider: string, pactFiles: string[], build: BuildMessage): Promise<VerificationResult[]> {
  const results: VerificationResult[] = [];
  for (const file of pactFiles) results.push(await verifyPactFile(catalog, provider, file, build));
  return results;
}

export interface BrokerSource {
  /** The broker's base URL (evc serve's own URL). */
  pactBrokerUrl: string;
  pactBrokerToken?: string;
  consumerVersionSelectors?: { mainBranch?: boolean; branch?: string; matchingBranch?: boolean; deployedOrReleased?: boolean; deployed?: boolean; released?: boolean; environment?: string; latest?: boolean; tag?: string; consumer?: string }[];
  enablePending?: boolean;
  includeWipPactsSince?: string;
  publishVerificationResult?: boolean;
  providerVersion?: string;
  providerVersionBranch?: string;
  /** More message providers by interaction description (a provider build that added a message). */
  extraMessageProviders?: Record<string, () => Promise<unknown>>;
}

export interface BrokerVerification {
  /** pact_ffi's overall result: false only for failures of pacts that are not pending. */
  success: boolean;
  /** Per interaction as pact_ffi reports it; `pending` failures do not fail the run. */
  interactions: (InteractionResult & { pending: boolean })[];
  /** The pacts the broker selected (`Verifying a pact between C and P` lines). */
  pacts: string[];
  output: string[];
}

/**
 * Verifies a provider against the pacts a Pact Broker selects (pacts-for-verification with
 * consumer version selectors, pending and WIP pacts) with Pact's own verifier, which also
 * publishes the results to the broker when asked. Pending pacts that fail do not fail it.
 */
export async function verifyFromBroker(catalog: Catalog, provider: string, build: BuildMessage, source: BrokerSource): Promise<BrokerVerification> {
  const { messageProviders, stateHandlers } = messageProvidersFor(catalog, provider, build);
  const verifier = new MessageProviderPact({
    provider,
    pactBrokerUrl: source.pactBrokerUrl,
    ...(source.pactBrokerToken ? { pactBrokerToken: source.pactBrokerToken } : {}),
    consumerVersionSelectors: source.consumerVersionSelectors ?? [{ mainBranch: true }, { deployedOrReleased: true }],
    enablePending: source.enablePending ?? true,
    ...(source.includeWipPactsSince ? { includeWipPactsSince: source.includeWipPactsSince } : {}),
    publishVerificationResult: source.publishVerificationResult ?? false,
    ...(source.providerVersion ? { providerVersion: source.providerVersion } : {}),
    ...(source.providerVersionBranch ? { providerVersionBranch: source.providerVersionBranch } : {}),
    messageProviders: { ...messageProviders, ...source.extraMessageProviders } as never,
    stateHandlers: stateHandlers as never,
    logLevel: 'error',
  });
  const ffi = parseFfi(await verifier.verify().then((ok) => ok, (error: unknown) => error));
  const interactions = (ffi.interactionResults ?? []).map((r) => {
    const failed = (ffi.errors ?? []).filter((e) => e.interaction.endsWith(` - ${r.description}`));
    const pending = (ffi.pendingErrors ?? []).filter((e) => e.interaction.endsWith(` - ${r.description}`));
    const mismatches = [...failed, ...pending].flatMap((e) => (e.mismatch?.mismatches?.length ? e.mismatch.mismatches.map((m) => `${m.path ?? ''} -> ${m.mismatch ?? ''}`.trim()) : [stripAnsi(e.mismatch?.message ?? 'failed')]));
    return { description: r.description, success: r.result === 'OK', pending: failed.length === 0 && pending.length > 0, mismatches };
  });
  const output = (ffi.output ?? []).map(stripAnsi);
  const pacts = output.map((l) => /^Verifying a pact between (.+) and (.+)$/.exec(l.trim())).filter((m) => m !== null).map((m) => `${m[1]} → ${m[2]}`);
  return { success: ffi.result, interactions, pacts, output };
}
