/**
 * How a consumer contract test hands Pact's message to the consumer. The pact holds
 * only the fields the consumer reads, but the consumer validates whole events against
 * the contract, so the message is first completed with the contract's example for the
 * unread fields (never overwriting a field the pact gives). Then the consumer's
 * validation runs, and a probe handler reads exactly the declared read set and checks
 * that each read value is the one the pact promised.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { useRfc3339Formats } from '#catalog/string-formats.ts';
import type { Catalog, EventContract } from '#catalog/model.ts';
import type { Deliver } from './consumer-harness.ts';
import { envelopeExample, payloadExample } from './examples.ts';
import type { InteractionPlan } from './plan.ts';
import { isSchemaObject, splitPointer } from './schema-view.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Deep merge: `over` wins; arrays from `over` replace, but their items are completed from `base[0]`. */
export function completeWith(base: unknown, over: unknown): unknown {
  if (Array.isArray(over)) {
    const template = Array.isArray(base) ? base[0] : undefined;
    return over.map((item) => (template === undefined ? item : completeWith(template, item)));
  }
  if (isSchemaObject(over)) {
    const b = isSchemaObject(base) ? base : {};
    const out: Record<string, unknown> = { ...b };
    for (const [k, v] of Object.entries(over)) out[k] = completeWith(b[k], v);
    return out;
  }
  return over;
}

/** Reads a payload pointer; `*` / `-` / indexes step into arrays (returns every item's value). */
export function readPath(value: unknown, pointer: string): unknown[] {
  let current: unknown[] = [value];
  for (const token of splitPointer(pointer)) {
    const next: unknown[] = [];
    for (const v of current) {
      if (Array.isArray(v) && (token === '*' || token === '-' || /^\d+$/.test(token))) next.push(...v);
      else if (isSchemaObject(v) && token in v) next.push(v[token]);
    }
    current = next;
  }
  return current;
}

export class ConsumerRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsumerRejectedError';
  }
}

export const findContract = (catalog: Catalog, interaction: InteractionPlan): EventContract => {
  const event = catalog.events.find((e) => e.eventType === interaction.eventType && e.version === interaction.version);
  if (!event) throw new ConsumerRejectedError(`${interaction.eventType} ${interaction.version} is not in the catalog; regenerate the consumer tests (npm run pacts:generate)`);
  return event;
};

/** `promised` is contained in `got`: every key and item the pact gives, with the same value. */
export function contains(got: unknown, promised: unknown): boolean {
  if (Array.isArray(promised)) return Array.isArray(got) && got.length === promised.length && promised.every((p, i) => contains(got[i], p));
  if (isSchemaObject(promised)) return isSchemaObject(got) && Object.entries(promised).every(([k, v]) => contains(got[k], v));
  return Object.is(got, promised);
}

/** The probe handler: the declared read set, checked against the pact message. */
export function probeReads(event: unknown, pactMessage: unknown, interaction: InteractionPlan): void {
  const payload = isSchemaObject(event) ? event.payload : undefined;
  const pactPayload = isSchemaObject(pactMessage) ? pactMessage.payload : undefined;
  for (const pointer of interaction.reads.payload) {
    const got = readPath(payload, pointer);
    const promised = readPath(pactPayload, pointer);
    if (promised.length > 0 && !contains(got, promised)) {
      throw new ConsumerRejectedError(
        `${interaction.description}: the handler read ${pointer} = ${JSON.stringify(got)}, but the pact message has ${JSON.stringify(promised)}`,
      );
    }
  }
  for (const pointer of interaction.reads.envelope) {
    if (readPath(event, pointer).length === 0) throw new ConsumerRejectedError(`${interaction.description}: envelope field ${pointer} is missing`);
  }
}

/** Delivery straight from the catalog: Ajv validation of the whole event, then the probe. */
export function catalogDelivery(catalog: Catalog): Deliver {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  useRfc3339Formats(ajv); // the date/time semantics generated clients ship
  const compiled = new Map<EventContract, ReturnType<Ajv['compile']>>();
  return async (message, interaction) => {
    const contract = findContract(catalog, interaction);
    let validate = compiled.get(contract);
    if (!validate) compiled.set(contract, (validate = ajv.compile(contract.schema as object)));
    const event = completeWith({ ...envelopeExample(contract), payload: payloadExample(contract) ?? {} }, message);
    if (!validate(event)) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new ConsumerRejectedError(`${interaction.description}: the consumer rejects the pact message: ${errors}`);
    }
    probeReads(event, message, interaction);
  };
}
