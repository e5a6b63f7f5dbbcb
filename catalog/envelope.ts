/**
 * Our events are written as `allOf: [BaseEvent, {event part}]` in the document (the envelope is
 * reused, not copied). Consumers of the catalog want one flat object schema, so an `allOf` of
 * plain object schemas is merged here: properties united (the more specific, later member wins
 * for a property both define), `required` united. Anything else (oneOf, nested allOf, keywords
 * we cannot merge exactly) is left as written.
 */
import { hasOwn, isObject as isObj, setOwn } from '#shared/json.ts';
import { anchorRefs } from './bundle.ts';
import { isRefObject, type DocumentSet } from './refs.ts';

/** The seed's BaseEvent fields; an event schema with all of them is "enveloped". */
export const ENVELOPE_FIELDS = ['eventId', 'eventType', 'timestamp', 'version', 'correlationId', 'causationId', 'metadata', 'payload'] as const;

const MERGEABLE = new Set(['type', 'title', 'description', 'required', 'properties', 'additionalProperties', '$comment']);

type Obj = Record<string, unknown>;

export interface ComposedSchema {
  /** The event schema with refs anchored to their files (`file#pointer`), ready for bundling. */
  schema: unknown;
  enveloped: boolean;
  /** The `payload` property's schema when enveloped, else the whole schema. */
  payload: unknown;
}

export function composeEventSchema(set: DocumentSet, payload: unknown, file: string, pointer: string): ComposedSchema {
  const top = set.follow(payload, file, pointer);
  let schema: unknown = anchorRefs(top.value, top.file);
  if (isObj(top.value) && Array.isArray(top.value.allOf) && Object.keys(top.value).every((k) => k === 'allOf' || MERGEABLE.has(k))) {
    const members = top.value.allOf.map((member, i) => set.follow(member, top.file, `${top.pointer}/allOf/${i}`));
    if (members.every((m) => isObj(m.value) && Object.keys(m.value).every((k) => MERGEABLE.has(k)) && (m.value.type === undefined || m.value.type === 'object'))) {
      const { allOf: _ignored, ...outer } = top.value;
      schema = mergeObjects(members.map((m) => anchorRefs(m.value, m.file) as Obj), anchorRefs(outer, top.file) as Obj);
    }
  }
  const properties = isObj(schema) && isObj(schema.properties) ? schema.properties : {};
  const enveloped = ENVELOPE_FIELDS.every((field) => hasOwn(properties, field));
  return { schema, enveloped, payload: enveloped ? properties.payload : schema };
}

/** Titles and descriptions come from the outer schema only: BaseEvent's title would mislabel the event. */
function mergeObjects(members: Obj[], outer: Obj): Obj {
  const out: Obj = { type: 'object' };
  for (const key of ['title', 'description', '$comment']) if (outer[key] !== undefined) out[key] = outer[key];
  const required: string[] = [];
  const properties: Obj = {};
  for (const member of [...members, outer]) {
    if (member.additionalProperties !== undefined) out.additionalProperties = member.additionalProperties;
    for (const name of Array.isArray(member.required) ? member.required : []) if (!required.includes(name)) required.push(name);
    for (const [name, schema] of Object.entries(isObj(member.properties) ? member.properties : {})) {
      setOwn(properties, name, hasOwn(properties, name) ? mergeProperty(properties[name], schema) : schema);
    }
  }
  if (required.length > 0) out.required = required;
  out.properties = properties;
  return out;
}

/** A later `$ref` replaces; otherwise the later keywords refine the earlier ones. */
function mergeProperty(earlier: unknown, later: unknown): unknown {
  if (!isObj(earlier) || !isObj(later) || isRefObject(later)) return later;
  if (isRefObject(earlier)) return { allOf: [earlier], ...later };
  return { ...earlier, ...later };
}
