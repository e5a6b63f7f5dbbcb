/**
 * Runs one consumer contract test with Pact itself: every interaction of the plan is
 * declared as a PactV4 asynchronous message, Pact reifies the message (example values
 * out of the matchers), and the consumer's handler is run on it. Only when every
 * handler succeeds does pact_ffi write `<consumer>-<provider>.json` (Pact JS writes
 * the file in `executeTest`'s cleanup, merging interactions into it).
 */
import { PactV4 } from '@pact-foundation/pact';
import type { InteractionPlan, PactPlan } from './plan.ts';

/** Delivers one reified pact message to the consumer; rejects when the consumer cannot handle it. */
export type Deliver = (message: unknown, interaction: InteractionPlan) => Promise<void>;

export interface ConsumerPactOptions {
  /** Where pact_ffi writes the pact file. */
  dir: string;
  deliver: Deliver;
  logLevel?: 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

/** Message metadata: what a broker header would carry. Kept small and fixed. */
export const messageMetadata = (interaction: InteractionPlan): Record<string, string> => ({
  contentType: 'application/json',
  eventType: interaction.eventType,
});

export async function runConsumerPact(plan: PactPlan, options: ConsumerPactOptions): Promise<void> {
  const pact = new PactV4({
    consumer: plan.consumer,
    provider: plan.provider,
    dir: options.dir,
    logLevel: options.logLevel ?? 'error',
  });
  for (const interaction of plan.interactions) {
    await pact
      .addAsynchronousInteraction()
      .given(interaction.providerState)
      .expectsToReceive(interaction.description, (builder) => {
        builder.withJSONContent(interaction.body).withMetadata(messageMetadata(interaction));
      })
      .executeTest(async (message) => {
        await options.deliver(message.contents.content, interaction);
      });
  }
}
