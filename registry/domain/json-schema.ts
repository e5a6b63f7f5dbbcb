/**
 * Nothing unprocessable is stored. Before a schema is accepted (Confluent API, native events
 * API, every event of a document) it must:
 *   1. stay within the input limits (catalog/input-limits.ts) — checked first, so nothing
 *      below recurses or compares pairwise over an unbounded input;
 *   2. reference only itself: no remote `$ref`, `$dynamicRef` or `$recursiveRef` (refused
 *      without any outbound connection);
 *   3. declare a dialect we run (`$schema` draft-07, 2019-09 or 2020-12; none = draft-07);
 *   4. be valid against that meta-schema;
 *   5. have patterns that are ECMA-262 (`u`) and linear-time matchable (compat/patterns.ts);
 *   6. have every `$ref` resolve to a schema (no dangling refs, no ref-only cycles);
 *   7. compile with Ajv — whose `pattern` keyword runs through re2js here, so even the
 *      compiled validator never backtracks.
 * Stored schemas are compared, bundled and served for ever; one that fails any later step
 * made every later request on its subject answer 500. Steps 4–7 cost real CPU (Ajv compiles
 * ~1,000 properties in seconds), so the registry runs this in a worker (registry/offload/).
 */
import { escapeToken as escape } from '#shared/json-pointer.ts';
import { Ajv, type Options } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { RE2JS } from 're2js';
import type { JsonSchema } from '#catalog/model.ts';
import { checkDataLimits, type LimitViolation } from '#catalog/input-limits.ts';
import { CompatError } from '#compat/errors.ts';
import { createResolver } from '#compat/refs.ts';
import { validatePatterns } from '#compat/validate.ts';
import { invalidSchema, RegistryError } from '../errors.ts';

const REF_KEYS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

/** JSON pointers of every non-local `$ref` / `$dynamicRef` / `$recursiveRef` (input already depth-limited). */
export function findRemoteRefs(value: unknown, pointer = ''): Array<{ pointer: string; ref: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => findRemoteRefs(v, `${pointer}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = `${pointer}/${escape(key)}`;
    if (REF_KEYS.has(key) && typeof v === 'string' && !v.startsWith('#')) return [{ pointer: here, ref: v }];
    return findRemoteRefs(v, here);
  });
}

/** The dialects we validate and compile (JSON Schema core §8.1.1 `$schema`), by URI without a trailing `#`. */
const DIALECTS: Record<string, 'draft7' | 'draft2019' | 'draft2020'> = {
  'http://json-schema.org/draft-07/schema': 'draft7',
  'https://json-schema.org/draft-07/schema': 'draft7',
  'https://json-schema.org/draft/2019-09/schema': 'draft2019',
  'https://json-schema.org/draft/2020-12/schema': 'draft2020',
};

/** Ajv's `code.regExp`: ECMA-262 validity checked, matching done by RE2 (linear time). */
const linearRegExp = Object.assign(
  (pattern: string, flags: string) => {
    new RegExp(pattern, flags); // throws on an invalid pattern; never executed
    return { test: (s: string) => RE2JS.compile(pattern).matcher(s).find() };
  },
  { code: 'linearRegExp' },
);

// `format` is an annotation here (unknown formats are not errors, and not logged per request).
const OPTIONS: Options = { strict: false, logger: false, code: { regExp: linearRegExp } };
const metaValidators = { draft7: new Ajv(OPTIONS), draft2019: new Ajv2019(OPTIONS), draft2020: new Ajv2020(OPTIONS) };
const newCompiler = { draft7: () => new Ajv(OPTIONS), draft2019: () => new Ajv2019(OPTIONS), draft2020: () => new Ajv2020(OPTIONS) };
type Dialect = keyof typeof newCompiler;
/**
 * One compiler per dialect, renewed every 200 compiles: an instance costs milliseconds to build
 * (too much per request), while each compile leaves its schema and `$id`s registered in it.
 * A compile that fails on a fresh instance is the schema's fault; on a used one, it is retried
 * fresh, so an `$id` seen before can never be the reason for a refusal.
 */
const compilers = new Map<Dialect, { ajv: Ajv; uses: number }>();
function compileSchema(dialect: Dialect, schema: object): void {
  let entry = compilers.get(dialect);
  if (!entry || entry.uses >= 200) compilers.set(dialect, (entry = { ajv: newCompiler[dialect](), uses: 0 }));
  entry.uses++;
  try {
    entry.ajv.compile(schema);
  } catch (error) {
    if (entry.uses === 1) throw error;
    compilers.delete(dialect);
    return compileSchema(dialect, schema);
  } finally {
    entry.ajv.removeSchema(schema);
  }
}

export const limitRefused = (v: LimitViolation, prefix = ''): RegistryError =>
  new RegistryError(v.limit.status, v.limit.status === 413 ? 41301 : 42201, v.message, { limit: v.limit.name, max: v.limit.max, pointer: prefix + v.pointer });

function dialectOf(schema: JsonSchema, prefix: string): 'draft7' | 'draft2019' | 'draft2020' {
  const declared = typeof schema === 'object' ? schema.$schema : undefined;
  if (declared === undefined) return 'draft7';
  const dialect = typeof declared === 'string' ? DIALECTS[declared.replace(/#$/, '')] : undefined;
  if (!dialect) {
    throw invalidSchema(`Unknown $schema ${JSON.stringify(declared)} at ${prefix}/$schema: this registry runs ${Object.keys(DIALECTS).filter((u) => !u.startsWith('https://json-schema.org/draft-07')).join(', ')}. Use one of them, or leave $schema out (draft-07).`, {
      pointer: `${prefix}/$schema`,
    });
  }
  return dialect;
}

/**
 * Steps 1–4: cheap, linear after the limits; runs on the request thread. `isReference` says which
 * non-local `$ref`s name a declared schema reference (Confluent `references`): those are allowed
 * here, and resolved by bundling (reference-bundle.ts) before steps 5–7 run on the bundle.
 */
export function assertValidJsonSchema(value: unknown, prefix = '', isReference?: (ref: string) => boolean): JsonSchema {
  if (typeof value !== 'boolean' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw invalidSchema('Invalid schema: a JSON Schema is an object or a boolean.', { pointer: prefix || '/' });
  }
  const found = checkDataLimits(value);
  if (found) throw limitRefused(found, prefix);
  const schema = value as JsonSchema;
  const remote = findRemoteRefs(schema).filter((r) => !(isReference && r.pointer.endsWith('/$ref') && isReference(r.ref)));
  if (remote.length > 0) {
    const first = remote[0]!;
    const declare = isReference ? ', or declare a reference with this name in "references"' : '';
    throw invalidSchema(
      `Remote $ref ${JSON.stringify(first.ref)} at ${prefix}${first.pointer} is not allowed: inline the referenced schema under $defs and use a local "#/$defs/…" reference${declare}.`,
      { pointer: prefix + first.pointer, refs: remote },
    );
  }
  const ajv = metaValidators[dialectOf(schema, prefix)];
  if (!ajv.validateSchema(schema as object)) {
    const errors = (ajv.errors ?? []).map((e) => `${prefix}${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
    throw invalidSchema(`Invalid JSON Schema: ${errors.join('; ')}`, { pointer: prefix + (ajv.errors?.[0]?.instancePath || '/'), errors });
  }
  return schema;
}

/** Steps 1–7: everything a later comparison, bundle build or lookup will need to work. */
export function assertProcessableSchema(value: unknown, prefix = ''): JsonSchema {
  const schema = assertValidJsonSchema(value, prefix);
  if (typeof schema !== 'object') return schema;
  try {
    validatePatterns(schema, 'after');
    const resolver = createResolver(schema, 'after');
    for (const { node, pointer } of schemaNodes(schema)) if (typeof node.$ref === 'string') resolver.resolve(node, pointer);
  } catch (error) {
    if (!(error instanceof CompatError)) throw error;
    const message = error.message.replace(/ in the new schema\)$/, ')');
    throw invalidSchema(`Unprocessable JSON Schema: ${message}. ${capitalize(error.hint)}.`, { pointer: prefix + error.pointer });
  }
  try {
    compileSchema(dialectOf(schema, prefix), schema as object);
  } catch (error) {
    const message = String((error as Error).message ?? error).split('\n')[0]!.slice(0, 300);
    throw invalidSchema(`Unprocessable JSON Schema: it does not compile (${message}). Fix the schema; a schema that cannot be compiled cannot validate events.`, { pointer: prefix || '/' });
  }
  return schema;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Every object in the schema with its pointer, iteratively (depth is already bounded). */
function* schemaNodes(root: object): Generator<{ node: Record<string, unknown>; pointer: string }> {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((v, i) => stack.push([v, `${pointer}/${i}`]));
      continue;
    }
    yield { node: node as Record<string, unknown>, pointer };
    // Values of these keywords are data, not schemas: a "$ref" inside an example is not a reference.
    for (const [key, v] of Object.entries(node)) if (!DATA_KEYWORDS.has(key)) stack.push([v, `${pointer}/${escape(key)}`]);
  }
}

const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'example']);
