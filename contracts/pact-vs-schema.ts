/**
 * Checks a consumer's pact against a candidate event schema, field by field: every
 * field the pact says the consumer reads must still exist in the schema, with a JSON
 * type the consumer's example has, and every enum value the schema now allows must
 * pass the consumer's regex matcher. This is the schema half of can-i-deploy: it
 * answers before any verification runs, naming the consumer and the field. Pure.
 */
import type { Catalog, EventContract, JsonSchema } from '#catalog/model.ts';
import semver from 'semver';
import type { PactFile, PactInteraction } from './pact-file.ts';
import { effectiveSchema, isSchemaObject, itemSchema, objectView, schemaTypes } from './schema-view.ts';

export interface SchemaFinding {
  consumer: string;
  provider: string;
  eventType: string;
  interaction: string;
  /** JSON pointer into the event, e.g. `/payload/priority`. */
  field: string;
  message: string;
}

const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const admits = (types: string[], value: unknown): boolean => {
  const t = jsonType(value);
  return types.length === 0 || types.includes(t) || (t === 'integer' && types.includes('number'));
};

interface Leaf {
  pointer: string;
  jsonPath: string;
  value: unknown;
}

/** Leaves of the pact content, with the JSONPath Pact keys its matching rules by. */
function leavesOf(value: unknown, pointer = '', jsonPath = '$'): Leaf[] {
  if (Array.isArray(value)) return value.length > 0 ? leavesOf(value[0], `${pointer}/*`, `${jsonPath}[*]`) : [{ pointer, jsonPath, value }];
  if (isSchemaObject(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([k, v]) => leavesOf(v, `${pointer}/${k}`, `${jsonPath}.${k}`));
  }
  return [{ pointer, jsonPath, value }];
}

function schemaAt(schema: JsonSchema, pointer: string): JsonSchema | undefined | null {
  let current: JsonSchema | undefined = schema;
  for (const token of pointer.split('/').slice(1)) {
    if (token === '*') {
      current = itemSchema(current, schema);
      if (current === undefined) return null;
      continue;
    }
    const next: JsonSchema | undefined = objectView(current, schema).properties[token];
    if (next === undefined) {
      // An object without declared properties (free-form) admits the field; a declared shape does not.
      const view = objectView(current, schema);
      return Object.keys(view.properties).length === 0 ? undefined : null;
    }
    current = next;
  }
  return current;
}

const regexOf = (interaction: PactInteraction, jsonPath: string): string | undefined => {
  const body = (interaction.matchingRules as { body?: Record<string, { matchers?: { match: string; regex?: string }[] }> } | undefined)?.body;
  return body?.[jsonPath]?.matchers?.find((m) => m.match === 'regex')?.regex;
};

const eventTypeOf = (i: PactInteraction): string | undefined => {
  const fromMeta = i.metadata?.eventType;
  if (typeof fromMeta === 'string') return fromMeta;
  const content = i.contents?.content as { eventType?: unknown } | undefined;
  return typeof content?.eventType === 'string' ? content.eventType : undefined;
};

export function checkPactAgainstEvent(pact: PactFile, interaction: PactInteraction, event: EventContract): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const base = { consumer: pact.consumer.name, provider: pact.provider.name, eventType: event.eventType, interaction: interaction.description };
  for (const leaf of leavesOf(interaction.contents?.content)) {
    const sub = schemaAt(event.schema, leaf.pointer);
    if (sub === null) {
      findings.push({ ...base, field: leaf.pointer, message: `${base.consumer} reads ${leaf.pointer}, which ${event.eventType} ${event.version} no longer has` });
      continue;
    }
    if (sub === undefined) continue;
    const types = schemaTypes(sub, event.schema);
    if (!admits(types, leaf.value)) {
      findings.push({ ...base, field: leaf.pointer, message: `${base.consumer} reads ${leaf.pointer} as ${jsonType(leaf.value)}; ${event.eventType} ${event.version} declares ${types.join(' | ')}` });
      continue;
    }
    const regex = regexOf(interaction, leaf.jsonPath);
    const resolved = effectiveSchema(sub, event.schema);
    const allowed = isSchemaObject(resolved) && Array.isArray(resolved.enum) ? resolved.enum : [];
    if (regex) {
      const rejected = allowed.filter((v) => typeof v === 'string' && !new RegExp(regex).test(v));
      if (rejected.length > 0) {
        findings.push({ ...base, field: leaf.pointer, message: `${event.eventType} ${event.version} allows ${rejected.map((v) => JSON.stringify(v)).join(', ')} at ${leaf.pointer}, which ${base.consumer} does not accept (${regex})` });
      }
    }
  }
  return findings;
}

/** Every pact of `provider` checked against the events the catalog (document) says it publishes. */
export function checkPactsAgainstCatalog(pacts: PactFile[], catalog: Catalog, provider: string): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const pact of pacts.filter((p) => p.provider.name === provider)) {
    for (const interaction of pact.interactions) {
      const eventType = eventTypeOf(interaction);
      const version = (interaction.contents?.content as { version?: unknown } | undefined)?.version;
      const major = typeof version === 'string' ? semver.major(semver.coerce(version) ?? '1.0.0') : undefined;
      const candidates = catalog.events.filter((e) => e.eventType === eventType && e.publishers.includes(provider));
      const event = candidates.find((e) => major === undefined || semver.major(semver.coerce(e.version) ?? '0.0.0') === major);
      if (!event) {
        findings.push({
          consumer: pact.consumer.name,
          provider,
          eventType: eventType ?? '?',
          interaction: interaction.description,
          field: '',
          message: `${pact.consumer.name} expects ${interaction.description} from ${provider}, which ${catalog.title} ${catalog.version} no longer publishes`,
        });
        continue;
      }
      findings.push(...checkPactAgainstEvent(pact, interaction, event));
    }
  }
  return findings;
}
