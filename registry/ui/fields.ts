/**
 * A JSON Schema as a readable field table: one row per property (nested objects and array
 * items flattened into JSON pointers), with its type, whether it is required, its
 * constraints in words, its description and an example value taken from the event's example.
 * Pure: the event page renders what this returns.
 */
import { hasOwn, isObject as isObj, own } from '#shared/json.ts';
import { escapeToken as encode, unescapeToken } from '#shared/json-pointer.ts';
import type { JsonSchema } from '#catalog/model.ts';

export interface FieldRow {
  /** JSON pointer of the field inside the object the table describes, e.g. `/context/domain`. */
  pointer: string;
  /** Nesting depth (0 = top level), for indentation. */
  depth: number;
  name: string;
  type: string;
  required: boolean;
  constraints: string[];
  description?: string;
  example?: string;
}

type Obj = Record<string, unknown>;

/** Constraint keywords and how to say them; listed in this order. */
const CONSTRAINTS: [keyword: string, say: (v: unknown) => string][] = [
  ['format', (v) => `format ${String(v)}`],
  ['const', (v) => `= ${JSON.stringify(v)}`],
  ['enum', (v) => `one of ${(v as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`],
  ['minLength', (v) => `length ≥ ${String(v)}`],
  ['maxLength', (v) => `length ≤ ${String(v)}`],
  ['pattern', (v) => `matches ${String(v)}`],
  ['minimum', (v) => `≥ ${String(v)}`],
  ['exclusiveMinimum', (v) => `> ${String(v)}`],
  ['maximum', (v) => `≤ ${String(v)}`],
  ['exclusiveMaximum', (v) => `< ${String(v)}`],
  ['multipleOf', (v) => `multiple of ${String(v)}`],
  ['minItems', (v) => `items ≥ ${String(v)}`],
  ['maxItems', (v) => `items ≤ ${String(v)}`],
  ['uniqueItems', (v) => (v === true ? 'unique items' : '')],
  ['minProperties', (v) => `properties ≥ ${String(v)}`],
  ['maxProperties', (v) => `properties ≤ ${String(v)}`],
  ['additionalProperties', (v) => (v === false ? 'no other properties' : '')],
  ['default', (v) => `default ${JSON.stringify(v)}`],
];

/** Follows local `$ref`s (`#/$defs/X`: the catalog keeps them for shared and recursive types) within `root`. */
export function deref(schema: unknown, root: unknown): unknown {
  let here = schema;
  for (let hops = 0; hops < 16 && isObj(here) && typeof here.$ref === 'string' && here.$ref.startsWith('#'); hops++) {
    const target = valueAt(root, here.$ref.slice(1));
    if (target === undefined) return here;
    here = target;
  }
  return here;
}

export function typeOf(schema: unknown, root?: unknown): string {
  if (schema === true) return 'any';
  if (schema === false) return 'never';
  if (!isObj(schema)) return '?';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? 'ref';
    const target = root === undefined ? undefined : deref(schema, root);
    return target !== undefined && target !== schema ? `${typeOf(target)} (${name})` : name;
  }
  const t = schema.type;
  if (Array.isArray(t)) return t.join(' | ');
  if (t === 'array') return `array of ${typeOf(schema.items ?? true, root)}`;
  if (typeof t === 'string') return t;
  for (const k of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(schema[k])) return (schema[k] as unknown[]).map((x) => typeOf(x, root)).join(k === 'allOf' ? ' & ' : ' | ');
  }
  if ('const' in schema) return typeof schema.const;
  if (Array.isArray(schema.enum)) return 'enum';
  return 'any';
}

export function constraintsOf(schema: unknown): string[] {
  if (!isObj(schema)) return [];
  return CONSTRAINTS.filter(([k]) => hasOwn(schema, k)).map(([k, say]) => say(schema[k])).filter((s) => s !== '');
}

/** The value at a JSON pointer, or undefined. */
export function valueAt(value: unknown, pointer: string): unknown {
  let here = value;
  for (const raw of pointer.split('/').slice(1)) {
    const token = unescapeToken(raw);
    if (Array.isArray(here)) here = here[Number(token === '*' ? 0 : token)];
    else if (isObj(here)) here = own(here, token);
    else return undefined;
  }
  return here;
}

const showExample = (v: unknown): string | undefined => {
  if (v === undefined || isObj(v) || (Array.isArray(v) && v.some(isObj))) return undefined;
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/** Rows for the properties of an object schema; `omit` leaves out top-level names (the envelope's `payload`). */
export function fieldRows(schema: JsonSchema, example?: unknown, omit: string[] = [], maxDepth = 4, root: unknown = schema): FieldRow[] {
  const rows: FieldRow[] = [];
  const walk = (raw: unknown, prefix: string, depth: number) => {
    const s = deref(raw, root);
    if (!isObj(s) || depth > maxDepth) return;
    const props = isObj(s.properties) ? s.properties : {};
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    for (const [name, declared] of Object.entries(props)) {
      if (depth === 0 && omit.includes(name)) continue;
      const pointer = `${prefix}/${encode(name)}`;
      const child = deref(declared, root);
      const text = (k: string) => (isObj(declared) && typeof declared[k] === 'string' ? (declared[k] as string) : isObj(child) && typeof child[k] === 'string' ? (child[k] as string) : undefined);
      const description = text('description');
      const ex = showExample(valueAt(example, pointer));
      rows.push({ pointer, depth, name, type: typeOf(declared, root), required: required.has(name), constraints: constraintsOf(child), ...(description ? { description } : {}), ...(ex ? { example: ex } : {}) });
      const items = isObj(child) ? deref(child.items, root) : undefined;
      if (isObj(child) && isObj(child.properties)) walk(child, pointer, depth + 1);
      else if (isObj(items) && isObj(items.properties)) walk(items, `${pointer}/*`, depth + 1);
    }
  };
  walk(schema, '', 0);
  return rows;
}
