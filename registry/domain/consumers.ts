/**
 * What registered consumers read, for the CONSUMER_AWARE policy: the catalog's
 * subscribers with their `x-reads` pointers. A subscriber without `x-reads` reads the
 * payload's required fields (the catalog model's documented default).
 */
import { pointerStep } from '#shared/json-pointer.ts';
import type { EventContract } from '#catalog/model.ts';
import type { ConsumerReads } from '#compat/types.ts';

const requiredFields = (event: EventContract): string[] => {
  const schema = event.payloadSchema;
  if (typeof schema !== 'object' || !Array.isArray(schema.required)) return [];
  return schema.required.filter((f): f is string => typeof f === 'string').map((f) => pointerStep(f));
};

export const consumersOf = (event: EventContract): ConsumerReads[] | undefined =>
  event.subscribers.length === 0
    ? undefined
    : event.subscribers.map((s) => ({ agent: s.agent, operationId: s.operationId, reads: s.reads ?? requiredFields(event) }));
