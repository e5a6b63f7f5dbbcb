/**
 * The contract's example, split into its envelope and payload parts. Message examples
 * may be given as whole events (envelope + payload, as the seed does) or as payloads
 * only; both are accepted.
 */
import type { EventContract } from '#catalog/model.ts';
import { isSchemaObject } from './schema-view.ts';

const isWholeEvent = (event: EventContract, example: unknown): example is Record<string, unknown> =>
  event.enveloped && isSchemaObject(example) && 'payload' in example && 'eventType' in example;

export function payloadExample(event: EventContract): unknown {
  const first = event.examples[0];
  return isWholeEvent(event, first) ? first.payload : first;
}

/** Envelope fields of a whole-event example (without `payload`), or `{}`. */
export function envelopeExample(event: EventContract): Record<string, unknown> {
  const first = event.examples[0];
  if (!isWholeEvent(event, first)) return {};
  const { payload: _payload, ...envelope } = first;
  return envelope;
}
