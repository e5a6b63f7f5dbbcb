/**
 * Schema-derived cases for a consumer contract test: the contract's own examples, boundary
 * values and invalid variants of each top-level envelope and payload field, each with the
 * verdict JSON Schema gives it (validation §6: minLength/maxLength, minimum/maximum and their
 * exclusive forms, enum, type, required, additionalProperties). The generated consumer is then
 * judged against these verdicts, not against pacts rendered from the same document.
 * Pure: contract in, cases out.
 */
import type { EventContract, JsonSchema } from '#catalog/model.ts';
import { envelopeExample, payloadExample } from './examples.ts';
import { effectiveSchema, isSchemaObject, objectView, schemaTypes } from './schema-view.ts';

export interface SchemaCase {
  description: string;
  event: Record<string, unknown>;
  valid: boolean;
}

type Obj = Record<string, unknown>;

/** Keywords that make a field's verdict depend on more than the keyword under test. */
const ENTANGLED = ['pattern', 'format', 'const', 'multipleOf', 'oneOf', 'anyOf', 'not', 'if', '$ref', 'allOf', 'contains', 'prefixItems'];
/** Object-level keywords that make "drop a field" or "add a field" verdicts depend on other fields. */
const OBJECT_ENTANGLED = ['oneOf', 'anyOf', 'not', 'if', 'dependentRequired', 'dependentSchemas', 'dependencies', 'minProperties', 'maxProperties', 'patternProperties', 'propertyNames', 'unevaluatedProperties'];
/** Envelope fields the consumer dispatches on: changing them is another event, not a variant. */
const DISPATCH = new Set(['payload', 'eventType', 'version']);

const wrongTypeValue = (types: string[]): unknown => {
  if (!types.includes('string')) return 'not-a-' + (types[0] ?? 'value');
  if (!types.includes('integer') && !types.includes('number')) return 12345;
  return { unexpected: true };
};

const clean = (s: Obj): boolean => ENTANGLED.every((k) => !(k in s));

/** Variants of one field (name at `where`): boundaries that hold, and values one step outside. */
function fieldCases(name: string, schema: JsonSchema, root: JsonSchema, where: string, example: unknown): Array<{ description: string; value: unknown; valid: boolean }> {
  const s = effectiveSchema(schema, root);
  if (!isSchemaObject(s)) return [];
  const out: Array<{ description: string; value: unknown; valid: boolean }> = [];
  const at = `${where}/${name}`;
  const types = schemaTypes(s, root);
  if (types.length > 0 && !types.includes('null')) out.push({ description: `${at} of the wrong type`, value: wrongTypeValue(types), valid: false });
  if (Array.isArray(s.enum) && !('const' in s)) {
    for (const v of s.enum) out.push({ description: `${at} = ${JSON.stringify(v)} (an enum value)`, value: v, valid: true });
    if (types.length === 1 && types[0] === 'string') out.push({ description: `${at} outside the enum`, value: '§not-in-enum§', valid: false });
    return out;
  }
  // One keyword violated is enough to refuse (the keywords of a schema all apply), so the
  // invalid variants need no care; a variant is only claimed valid when nothing else
  // (pattern, format, combinators…) could refuse it.
  const free = clean(s);
  if (types.length === 1 && types[0] === 'string') {
    const min = typeof s.minLength === 'number' ? s.minLength : 0;
    const max = typeof s.maxLength === 'number' ? s.maxLength : undefined;
    if (free && (max === undefined || max >= min)) out.push({ description: `${at} at minLength ${min}`, value: 'a'.repeat(min), valid: true });
    if (min > 0) out.push({ description: `${at} one below minLength ${min}`, value: 'a'.repeat(min - 1), valid: false });
    if (max !== undefined && max <= 10_000) {
      if (free && max >= min) out.push({ description: `${at} at maxLength ${max}`, value: 'a'.repeat(max), valid: true });
      out.push({ description: `${at} one above maxLength ${max}`, value: 'a'.repeat(max + 1), valid: false });
    }
  }
  if (types.length === 1 && types[0] === 'array') {
    const min = typeof s.minItems === 'number' ? s.minItems : 0;
    const max = typeof s.maxItems === 'number' ? s.maxItems : undefined;
    const item = Array.isArray(example) && example.length > 0 ? example[0] : undefined;
    if (min > 0 && item !== undefined) out.push({ description: `${at} one item below minItems ${min}`, value: Array.from({ length: min - 1 }, () => item), valid: false });
    if (max !== undefined && max <= 1000 && item !== undefined) out.push({ description: `${at} one item above maxItems ${max}`, value: Array.from({ length: max + 1 }, () => item), valid: false });
    if (free && s.uniqueItems !== true && item !== undefined && min > 0 && (max === undefined || max >= min)) {
      out.push({ description: `${at} at minItems ${min}`, value: Array.from({ length: min }, () => item), valid: true });
    }
  }
  if (!free) return out;
  if (types.length === 1 && (types[0] === 'integer' || types[0] === 'number')) {
    const lo = typeof s.minimum === 'number' ? s.minimum : undefined;
    const hi = typeof s.maximum === 'number' ? s.maximum : undefined;
    const xlo = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
    const xhi = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
    const inside = (v: number) => (lo === undefined || v >= lo) && (hi === undefined || v <= hi) && (xlo === undefined || v > xlo) && (xhi === undefined || v < xhi);
    const step = types[0] === 'integer' ? 1 : 0.5;
    for (const [label, v] of [
      ['minimum', lo],
      ['maximum', hi],
    ] as const) {
      if (v === undefined) continue;
      out.push({ description: `${at} at ${label} ${v}`, value: v, valid: inside(v) });
      const beyond = label === 'minimum' ? v - step : v + step;
      out.push({ description: `${at} just beyond ${label} ${v}`, value: beyond, valid: inside(beyond) });
    }
    for (const [label, v, inward] of [
      ['exclusiveMinimum', xlo, step],
      ['exclusiveMaximum', xhi, -step],
    ] as const) {
      if (v === undefined) continue;
      out.push({ description: `${at} at ${label} ${v}`, value: v, valid: false });
      out.push({ description: `${at} just inside ${label} ${v}`, value: v + inward, valid: inside(v + inward) });
    }
  }
  return out;
}

/** Cases for the fields of one object (`value`, valid, with schema `schema`), written back by `put`. */
function objectCases(schema: JsonSchema, root: JsonSchema, value: Obj, where: string, skip: Set<string>, put: (o: Obj) => Record<string, unknown>, depth = 0): SchemaCase[] {
  const s = effectiveSchema(schema, root);
  if (!isSchemaObject(s)) return [];
  const view = objectView(s, root);
  const out: SchemaCase[] = [];
  const entangled = OBJECT_ENTANGLED.some((k) => k in s);
  for (const [name, child] of Object.entries(view.properties)) {
    if (skip.has(name)) continue;
    if (view.required.includes(name)) {
      const { [name]: _dropped, ...rest } = value;
      out.push({ description: `without the required ${where}/${name}`, event: put(rest), valid: false });
    }
    for (const c of fieldCases(name, child, root, where, value[name])) out.push({ description: c.description, event: put({ ...value, [name]: c.value }), valid: c.valid });
    const nested = value[name];
    if (depth < 3 && isSchemaObject(nested) && schemaTypes(child, root).includes('object')) {
      out.push(...objectCases(child, root, nested, `${where}/${name}`, new Set(), (o) => put({ ...value, [name]: o }), depth + 1));
    }
  }
  // An undeclared field: refused by a closed model, accepted by an open one (absent or `true`);
  // `additionalProperties: {schema}` judges the value, which is not what this case is about.
  const extra = s.additionalProperties;
  if (!entangled && (extra === undefined || extra === true || extra === false) && !('zzUndeclaredField' in view.properties)) {
    out.push({ description: `${where || 'the event'} with an undeclared field (${extra === false ? 'closed' : 'open'} content model)`, event: put({ ...value, zzUndeclaredField: 'x' }), valid: extra !== false });
  }
  return out;
}

/** Every case for an enveloped contract: its examples (valid), then envelope and payload variants of the first. */
export function schemaCases(contract: EventContract): SchemaCase[] {
  if (!contract.enveloped) return [];
  const root = contract.schema;
  const examples = contract.examples.filter((e): e is Obj => isSchemaObject(e) && 'payload' in e && 'eventType' in e);
  const cases: SchemaCase[] = examples.map((event, i) => ({ description: `the contract's example ${i + 1}`, event, valid: true }));
  const base = { ...envelopeExample(contract), payload: payloadExample(contract) } as Obj;
  if (!isSchemaObject(base.payload)) return cases;
  const payload = base.payload;
  cases.push(...objectCases(root, root, base, '', DISPATCH, (o) => o));
  const payloadSchema = objectView(effectiveSchema(root, root), root).properties.payload;
  if (payloadSchema !== undefined) cases.push(...objectCases(payloadSchema, root, payload, '/payload', new Set(), (o) => ({ ...base, payload: o })));
  return cases;
}
