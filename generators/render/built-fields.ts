/**
 * The validator of *built* events: the producer's `build`/`send` validate an event whose
 * envelope the runtime's builder (runtime/envelope.ts) has just set. Re-checking the fields
 * the builder sets itself — a fresh UUID, the clock, the contract's own event type and
 * version — costs about half of the envelope's validation and can never fail, **when the
 * schema is proven to accept every value the builder can produce**. This module decides,
 * per event and per field, whether that is proven; only proven fields are skipped (their
 * property schema becomes `true`), everything else (payload, correlation/causation ids,
 * metadata) is validated as before, from the event root, so error pointers are unchanged.
 *
 * Proofs: constants are validated against the field's schema here, with the same Ajv
 * setup as the shipped validators. Generated strings are proven by rule tables:
 * PRODUCED_STRINGS lists the formats and the exact patterns that every produced string
 * passes, which built-fields.test.ts checks with fast-check over *all* builder inputs
 * (any 16 random bytes for the UUID, any instant of years 0000–9999 for the timestamp).
 * Any other keyword, pattern or remote `$ref` leaves the field validated.
 */
import type { EventContract } from '#catalog/model.ts';
import type { AgentPlan, EventPlan } from './plan.ts';
import { hasOwn, isObject } from '#shared/json.ts';
import { unescapeToken } from '#shared/json-pointer.ts';
import { addFormats, newAjv } from './ajv-instance.ts';

/** What the builder writes into a top-level envelope property. */
export type BuiltValue = 'uuid-v4' | 'utc-timestamp' | 'contract-event-type' | 'contract-version';

/** Rules as data: the envelope properties runtime/envelope.ts sets, and from what. */
export const BUILT_FIELDS: readonly { property: string; value: BuiltValue }[] = [
  { property: 'eventId', value: 'uuid-v4' }, // uuidV4(): encodeUuidsV4 over CSPRNG bytes
  { property: 'eventType', value: 'contract-event-type' },
  { property: 'timestamp', value: 'utc-timestamp' }, // utcNow(): Date#toISOString
  { property: 'version', value: 'contract-version' },
];

export interface ProducedString {
  /** Every produced string has exactly this many characters, all ASCII. */
  length: number;
  /** Formats (ajv-formats "fast", as compiled into validators.js) every produced string passes. */
  formats: readonly string[];
  /** `pattern` values (as written in the schema) every produced string matches. */
  patterns: readonly string[];
}

/** Proven by built-fields.test.ts; extend a list only together with that test's inputs. */
export const PRODUCED_STRINGS: Record<'uuid-v4' | 'utc-timestamp', ProducedString> = {
  'uuid-v4': {
    length: 36,
    formats: ['uuid'],
    patterns: [
      '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$', // the seed's EventId
      '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
      '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      '^[A-Za-z0-9._:-]+$', // the seed's TraceId
    ],
  },
  'utc-timestamp': {
    length: 24,
    formats: ['date-time'],
    patterns: [
      '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$', // the seed's BaseEvent.timestamp
      'Z$',
    ],
  },
};

/** Keywords that never reject a value (JSON Schema 2020-12 §9 meta-data, §8.2.4 $comment). */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment', '$schema']);

type Json = Record<string, unknown>;

/** Resolves a document-local `$ref` (`#/...`, RFC 6901) in `root`; undefined for anything else. */
function resolveLocal(root: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let token: string;
    try {
      token = unescapeToken(decodeURIComponent(raw));
    } catch {
      return undefined;
    }
    if (!isObject(node) || !hasOwn(node, token)) return undefined;
    node = node[token];
  }
  return node;
}

/** True when every keyword of `schema` (through local `$ref`s and `allOf`) accepts every produced string. */
function acceptsProduced(root: Json, schema: unknown, produced: ProducedString, depth = 0): boolean {
  if (schema === true) return true;
  if (!isObject(schema) || depth > 32) return false;
  return Object.entries(schema).every(([keyword, value]) => {
    if (ANNOTATIONS.has(keyword)) return true;
    switch (keyword) {
      case 'type':
        return value === 'string' || (Array.isArray(value) && value.includes('string'));
      case 'format':
        return typeof value === 'string' && produced.formats.includes(value);
      case 'pattern':
        return typeof value === 'string' && produced.patterns.includes(value);
      case 'minLength':
        return typeof value === 'number' && value <= produced.length;
      case 'maxLength':
        return typeof value === 'number' && value >= produced.length;
      case '$ref':
        return typeof value === 'string' && acceptsProduced(root, resolveLocal(root, value), produced, depth + 1);
      case 'allOf':
        return Array.isArray(value) && value.every((part) => acceptsProduced(root, part, produced, depth + 1));
      default:
        return false; // not understood here: keep validating the field
    }
  });
}

/** Validates `value` against the property schema, with the root's definitions in scope for `$ref`s. */
function acceptsConstant(root: Json, schema: unknown, value: string): boolean {
  const wrapper: Json = { allOf: [schema] };
  for (const defs of ['$defs', 'definitions']) if (defs in root) wrapper[defs] = root[defs];
  const ajv = newAjv([root]);
  addFormats(ajv as never);
  try {
    return ajv.compile(wrapper)(value) === true;
  } catch {
    return false; // a $ref Ajv cannot resolve from here: not proven
  }
}

/**
 * The schema of events built by the runtime for this contract: `schema` with every proven
 * built field's property schema replaced by `true`. Undefined when nothing is proven (the
 * full validator is then used for built events too).
 */
export function builtSchema(contract: Pick<EventContract, 'eventType' | 'version' | 'schema' | 'enveloped'>): Json | undefined {
  const root = contract.schema;
  if (!contract.enveloped || !isObject(root) || !isObject(root.properties)) return undefined;
  const properties: Json = { ...root.properties };
  let skipped = 0;
  for (const { property, value } of BUILT_FIELDS) {
    if (!Object.prototype.hasOwnProperty.call(properties, property)) continue;
    const schema = properties[property];
    const proven =
      value === 'contract-event-type'
        ? acceptsConstant(root, schema, contract.eventType)
        : value === 'contract-version'
          ? acceptsConstant(root, schema, contract.version)
          : acceptsProduced(root, schema, PRODUCED_STRINGS[value]);
    if (proven && schema !== true) {
      properties[property] = true;
      skipped++;
    }
  }
  return skipped > 0 ? { ...root, properties } : undefined;
}

/** Name of the built-event validator export in validators.js (never clashes: event validators start with `validate`). */
export const builtValidatorName = (e: EventPlan): string => `${e.method}BuiltValidator`;

/** The built-event validators of a client: one per sent event with a proven field; none without a producer. */
export function builtValidatorsOf(plan: AgentPlan): Map<EventPlan, { name: string; schema: Json }> {
  const out = new Map<EventPlan, { name: string; schema: Json }>();
  if (plan.producerSkipped !== undefined) return out;
  for (const e of plan.sends) {
    const schema = builtSchema(e.contract);
    if (schema !== undefined) out.set(e, { name: builtValidatorName(e), schema });
  }
  return out;
}
