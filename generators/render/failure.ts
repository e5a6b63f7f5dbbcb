/**
 * Which event of a catalog is the failure event the consumer publishes when it gives up on
 * an event (the seed's FailureEvent, `error` + `originalEvent`). Found by shape, not by name,
 * so any document that models failures the same way gets failure handling.
 */
import type { EventContract } from '#catalog/model.ts';
import type { EventPlan } from './plan.ts';

const props = (schema: unknown): Record<string, unknown> => {
  if (typeof schema !== 'object' || schema === null) return {};
  const p = (schema as { properties?: unknown }).properties;
  return typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : {};
};

export const isFailureEvent = (event: EventContract): boolean => {
  if (!event.enveloped) return false;
  const top = props(event.schema);
  const payload = props(event.payloadSchema);
  return ('error' in top && 'originalEvent' in top) || ('error' in payload && 'originalEvent' in payload);
};

/** The catalog's failure event (lowest version of the first matching type), if it has one. */
export const findFailureEvent = (events: EventPlan[]): EventPlan | undefined => events.find((e) => isFailureEvent(e.contract));
