/**
 * What a subscriber reads of an event: every required envelope field (always read,
 * the seed's BaseEvent), plus the payload fields of its `x-reads` (JSON pointers into
 * the payload) or, when `x-reads` is absent, the payload's required fields. Pure.
 */
import type { EventContract, JsonSchema, Subscriber } from '#catalog/model.ts';
import { encodeToken, itemSchema, objectView, resolveRef, splitPointer } from './schema-view.ts';

export interface ReadSet {
  /** Pointers into the whole event for the envelope fields, e.g. `/eventId`, `/metadata/tenantId`. */
  envelope: string[];
  /** Pointers into the payload, e.g. `/requirements/description`; `''` means the whole payload. */
  payload: string[];
  /** Where the payload read set came from, for reports. */
  origin: 'x-reads' | 'required-fields';
}

/** Thrown when an `x-reads` pointer names nothing in the payload schema. */
export class ReadSetError extends Error {
  constructor(
    message: string,
    readonly pointer: string,
  ) {
    super(message);
    this.name = 'ReadSetError';
  }
}

/** The payload schema as a sub-schema of the event (so `$ref`s resolve against the event root). */
export function payloadSchemaOf(event: EventContract): JsonSchema | undefined {
  if (!event.enveloped) return event.payloadSchema;
  return objectView(event.schema, event.schema).properties.payload ?? event.payloadSchema;
}

/** Required envelope fields, one level into nested envelope objects (the seed's `metadata`). */
export function envelopePointers(event: EventContract): string[] {
  if (!event.enveloped) return [];
  const root = event.schema;
  const top = objectView(root, root);
  const pointers: string[] = [];
  for (const name of [...top.required].sort()) {
    if (name === 'payload') continue;
    const nested = objectView(top.properties[name], root);
    const nestedRequired = [...nested.required].sort();
    if (Object.keys(nested.properties).length > 0 && nestedRequired.length > 0) {
      for (const child of nestedRequired) pointers.push(`/${encodeToken(name)}/${encodeToken(child)}`);
    } else {
      pointers.push(`/${encodeToken(name)}`);
    }
  }
  return pointers;
}

/** Does the pointer name something in the schema? Array steps accept an index, `-` or `*`. */
export function pointerExists(schema: JsonSchema | undefined, root: JsonSchema, pointer: string): boolean {
  let current: JsonSchema | undefined = schema;
  for (const token of splitPointer(pointer)) {
    const items = itemSchema(current, root);
    if (items !== undefined && (token === '*' || token === '-' || /^\d+$/.test(token))) {
      current = items;
      continue;
    }
    const next: JsonSchema | undefined = objectView(current, root).properties[token];
    if (next === undefined) return false;
    current = next;
  }
  return resolveRef(current, root) !== undefined;
}

export function readSetOf(event: EventContract, subscriber: Subscriber): ReadSet {
  const root = event.schema;
  const payload = payloadSchemaOf(event);
  const envelope = envelopePointers(event);
  if (subscriber.reads !== undefined) {
    for (const pointer of subscriber.reads) {
      if (!pointerExists(payload, event.enveloped ? root : (payload ?? true), pointer)) {
        throw new ReadSetError(
          `${event.eventType}: x-reads of "${subscriber.agent}" (operation ${subscriber.operationId}) names "${pointer}", which is not a field of the payload`,
          pointer,
        );
      }
    }
    return { envelope, payload: [...new Set(subscriber.reads)].sort(), origin: 'x-reads' };
  }
  const required = objectView(payload, event.enveloped ? root : (payload ?? true)).required;
  return { envelope, payload: required.map((name) => `/${encodeToken(name)}`).sort(), origin: 'required-fields' };
}

/** True when `pointer` (into the payload) is read by the set: it is a read field, inside one, or contains one. */
export function isRead(readSet: ReadSet, pointer: string): boolean {
  const norm = (p: string) => p.replace(/\/(\d+|-|\*)(?=\/|$)/g, '/*');
  const target = norm(pointer);
  return readSet.payload.some((read) => {
    const r = norm(read);
    return r === '' || target === r || target.startsWith(`${r}/`) || r.startsWith(`${target}/`);
  });
}
