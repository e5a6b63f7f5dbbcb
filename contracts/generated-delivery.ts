/**
 * Delivery through an agent's generated consumer (`generated/<agent>/consumer.ts`):
 * the completed pact message is published on an in-memory transport, the generated
 * consumer validates it against its contract (Ajv standalone) and dispatches it by
 * event type and major to the probe handler. A rejected message shows up as the
 * consumer's `Platform.Event.Failed`, which fails the contract test with its reason.
 */
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

export async function generatedDelivery(catalog: Catalog, agent: string): Promise<Deliver> {
  const client = await loadClient(agent);
  const received = [...new Set(catalog.events.filter((e) => e.subscribers.some((s) => s.agent === agent)).map((e) => e.eventType))];
  return async (message, interaction) => {
    const contract = findContract(catalog, interaction);
    const event = completeWith({ ...envelopeExample(contract), payload: payloadExample(contract) ?? {} }, message) as { eventId: string; eventType: string };
    const transport = client.createMemoryTransport({ prefix: 'pact' });
    let settle!: (error?: Error) => void;
    const done = new Promise<Error | undefined>((resolve) => (settle = resolve));
    const handlers = Object.fromEntries(
      received.map((type) => [
        type,
        (got: unknown) => {
          if (type !== interaction.eventType) return settle(new ConsumerRejectedError(`dispatched to the ${type} handler instead of ${interaction.eventType}`));
          try {
            probeReads(got, message, interaction);
            settle();
          } catch (error) {
            settle(error as Error);
            throw error;
          }
        },
      ]),
    );
    const consumer = client.createConsumer({ transport, handlers, onError: (error) => settle(error as Error) });
    await consumer.start();
    try {
      await transport.publish({
        subject: subjectFor(transport.prefix, interaction.eventType, event.eventId),
        data: new TextEncoder().encode(JSON.stringify(event)),
        msgId: event.eventId,
        partitionKey: event.eventId,
      });
      const timer = setInterval(() => {
        // The consumer's own failure event for our message: caused by it (the delivered message may itself be a failure event).
        const failure = transport.stored
          .slice(1)
          .map((m) => JSON.parse(decoder.decode(m.data)) as { eventType?: string; causationId?: string; error?: { code: string; message: string } })
          .find((m) => m.eventType === 'Platform.Event.Failed' && m.causationId === event.eventId);
        if (failure) settle(new ConsumerRejectedError(`${interaction.description}: the generated consumer of ${agent} rejected the pact message: ${failure.error?.code} ${failure.error?.message}`));
      }, 5);
      const timeout = setTimeout(() => settle(new ConsumerRejectedError(`${interaction.description}: the generated consumer of ${agent} did not handle the message within 5 s`)), 5000);
      const error = await done;
      clearInterval(timer);
      clearTimeout(timeout);
      if (error) throw error;
    } finally {
      await consumer.stop();
      await transport.close();
    }
  };
}
