/**
 * Delivery through an agent's generated consumer (`generated/<agent>/consumer.ts`):
 * the completed pact message is published on an in-memory transport, the generated
 * consumer validates it against its contract (Ajv standalone) and dispatches it by
 * event type and major to the probe handler. A rejected message shows up as the
 * consumer's `Platform.Event.Failed`, which fails the contract test with its reason.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Catalog } from '#catalog/model.ts';
import { subjectFor } from '#runtime/subjects.ts';
import { repoRoot } from '#catalog/bundled.ts';
import type { Deliver } from './consumer-harness.ts';
import { envelopeExample, payloadExample } from './examples.ts';
import { completeWith, ConsumerRejectedError, findContract, probeReads } from './consumer-delivery.ts';

export const generatedClientDir = (agent: string): string => path.join(repoRoot, 'generated', agent);

export const hasGeneratedConsumer = (agent: string): boolean => existsSync(path.join(generatedClientDir(agent), 'consumer.ts'));

interface GeneratedClient {
  createConsumer(options: {
    transport: unknown;
    handlers: Record<string, (event: unknown) => Promise<void> | void>;
    onError?: (error: unknown) => void;
  }): { start(): Promise<void>; stop(): Promise<void> };
  createMemoryTransport(options?: { prefix?: string }): {
    prefix: string;
    stored: readonly { subject: string; data: Uint8Array }[];
    publish(message: { subject: string; data: Uint8Array; msgId: string; partitionKey: string }): Promise<void>;
    close(): Promise<void>;
  };
}

const loadClient = async (agent: string): Promise<GeneratedClient> =>
  (await import(pathToFileURL(path.join(generatedClientDir(agent), 'index.ts')).href)) as GeneratedClient;

const decoder = new TextDecoder();

export interface Outcome {
  /** Events the handler for `eventType` was called with (as the consumer parsed them). */
  handled: unknown[];
  /** The consumer's own `Platform.Event.Failed` for the message, if it rejected it. */
  failure?: { code: string; message: string };
  /** Set when a handler other than the one for `eventType` was called, or nothing happened within 5 s. */
  problem?: string;
}

/**
 * Publishes one whole event to the agent's generated consumer on an in-memory transport and
 * reports what became of it: handed to the handler for its type (`onHandled` may throw to
 * reject it), or refused with the consumer's failure event.
 */
export async function deliverToGenerated(agent: string, received: string[], event: { eventId?: unknown; eventType: string }, onHandled: (got: unknown) => void = () => {}): Promise<Outcome> {
  const client = await loadClient(agent);
  const transport = client.createMemoryTransport({ prefix: 'pact' });
  const outcome: Outcome = { handled: [] };
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const handlers = Object.fromEntries(
    received.map((type) => [
      type,
      (got: unknown) => {
        if (type !== event.eventType) {
          // An agent that receives failures gets its own failure event for ours back: the check of the stored messages reports it.
          if (type === 'Platform.Event.Failed') return;
          outcome.problem = `dispatched to the ${type} handler instead of ${event.eventType}`;
          return settle();
        }
        outcome.handled.push(got);
        try {
          onHandled(got);
        } finally {
          settle();
        }
      },
    ]),
  );
  const consumer = client.createConsumer({ transport, handlers, onError: (error) => ((outcome.problem = String(error)), settle()) });
  await consumer.start();
  // The transport's message id and key, apart from the event's own eventId (which a case may break).
  const key = typeof event.eventId === 'string' && /^[\w-]+$/.test(event.eventId) ? event.eventId : randomUUID();
  try {
    await transport.publish({
      subject: subjectFor(transport.prefix, event.eventType, key),
      data: new TextEncoder().encode(JSON.stringify(event)),
      msgId: key,
      partitionKey: key,
    });
    const timer = setInterval(() => {
      // The consumer's own failure event for our message: the only message after ours (which may itself be a failure event).
      const failure = transport.stored
        .slice(1)
        .map((m) => JSON.parse(decoder.decode(m.data)) as { eventType?: string; error?: { code: string; message: string } })
        .find((m) => m.eventType === 'Platform.Event.Failed');
      if (failure) {
        outcome.failure = { code: failure.error?.code ?? '', message: failure.error?.message ?? '' };
        settle();
      }
    }, 5);
    const timeout = setTimeout(() => ((outcome.problem ??= 'the generated consumer did not handle the message within 5 s'), settle()), 5000);
    await done;
    clearInterval(timer);
    clearTimeout(timeout);
    return outcome;
  } finally {
    await consumer.stop();
    await transport.close();
  }
}

export const receivedTypes = (catalog: Catalog, agent: string): string[] => [
  ...new Set(catalog.events.filter((e) => e.subscribers.some((s) => s.agent === agent)).map((e) => e.eventType)),
];

export async function generatedDelivery(catalog: Catalog, agent: string): Promise<Deliver> {
  const received = receivedTypes(catalog, agent);
  return async (message, interaction) => {
    const contract = findContract(catalog, interaction);
    const event = completeWith({ ...envelopeExample(contract), payload: payloadExample(contract) ?? {} }, message) as { eventId: string; eventType: string };
    let probeError: Error | undefined;
    const outcome = await deliverToGenerated(agent, received, event, (got) => {
      try {
        probeReads(got, message, interaction);
      } catch (error) {
        probeError = error as Error;
        throw error;
      }
    });
    if (probeError) throw probeError;
    if (outcome.problem) throw new ConsumerRejectedError(`${interaction.description}: ${outcome.problem}`);
    if (outcome.failure) {
      throw new ConsumerRejectedError(`${interaction.description}: the generated consumer of ${agent} rejected the pact message: ${outcome.failure.code} ${outcome.failure.message}`);
    }
  };
}
