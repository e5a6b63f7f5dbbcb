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
