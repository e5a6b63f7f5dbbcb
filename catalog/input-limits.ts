/**
 * Bounded work per input: every limit on what a document or schema may contain, as data
 * (Karapace keeps its limits as records with one comparator; so do we). Each limit is checked
 * before any recursive or quadratic step sees the input — the YAML composer, the AsyncAPI and
 * JSON Schema validators (Ajv's `uniqueItems` is pairwise), the compatibility engine, the
 * generators — by the CLI and by every registry route. A violation names the limit, the
 * number, where (a JSON pointer) and what to do; the registry answers 413/422, the CLI exits 2.
 *
 * The numbers leave one to two orders of magnitude of room above real contracts (the seed:
 * ~100 KB, nesting 14, largest enum 9, 1 pattern per schema) and keep the worst accepted
 * input to well under a second of work (input-limits.test.ts, test/faults/hostile-input.test.ts).
 */
import { encodePointer } from '#shared/json-pointer.ts';

export type LimitName =
  | 'document-bytes'
  | 'nesting-depth'
  | 'total-nodes'
  | 'object-properties'
  | 'array-items'
  | 'string-length'
  | 'enum-values'
  | 'pattern-length'
  | 'pattern-count'
  | 'ref-count'
  | 'reference-count'
  | 'reference-depth';

export interface Limit {
  name: LimitName;
  max: number;
  unit: string;
  /** HTTP status of a violation: 413 for sheer size, 422 for shape. */
  status: 413 | 422;
  what: string;
  hint: string;
}

const limit = (name: LimitName, max: number, unit: string, status: 413 | 422, what: string, hint: string): Limit => ({ name, max, unit, status, what, hint });

/** The table (registry/README.md "Limits" shows it; input-limits.test.ts keeps them in sync). */
export const INPUT_LIMITS: Readonly<Record<LimitName, Limit>> = {
  'document-bytes': limit('document-bytes', 4 * 1024 * 1024, 'bytes', 413, 'size of a document or schema text', 'Split the document: move schemas into separate files and reference them with $ref.'),
  'nesting-depth': limit('nesting-depth', 128, 'levels', 422, 'nesting of mappings/objects and sequences/arrays', 'Flatten the structure; real contracts nest a few dozen levels at most.'),
  'total-nodes': limit('total-nodes', 200_000, 'values', 413, 'values (objects, arrays, scalars) in one document or schema', 'Split the document into smaller ones.'),
  'object-properties': limit('object-properties', 1_000, 'keys', 422, 'keys of one mapping/object', 'Use patternProperties or additionalProperties instead of listing every key.'),
  'array-items': limit('array-items', 10_000, 'items', 422, 'items of one sequence/array', 'Shorten the list.'),
  'string-length': limit('string-length', 1024 * 1024, 'characters', 413, 'length of one string', 'Shorten the string (descriptions belong in documentation).'),
  'enum-values': limit('enum-values', 1_000, 'values', 422, 'values of one `enum` (meta-schema uniqueness checks compare them pairwise)', 'Use a `pattern` or a plain `type: string` for open-ended value sets.'),
  'pattern-length': limit('pattern-length', 1_000, 'characters', 422, 'length of one regular expression (`pattern` or a `patternProperties` key)', 'Write a shorter pattern.'),
  'pattern-count': limit('pattern-count', 1_000, 'patterns', 422, 'regular expressions in one document or schema', 'Share patterns through $defs.'),
  'ref-count': limit('ref-count', 5_000, '$refs', 422, '`$ref`/`$dynamicRef` occurrences in one document or schema', 'Reference shared definitions less often, or split the document.'),
  'reference-count': limit('reference-count', 100, 'schemas', 422, 'registered schemas one schema references (Confluent `references`), counted through references of references', 'Reference fewer schemas, or merge small shared schemas into one.'),
  'reference-depth': limit('reference-depth', 16, 'levels', 422, 'chain of references (a referenced schema that references another, …)', 'Flatten the chain: reference the shared schemas directly.'),
};

export interface LimitViolation {
  limit: Limit;
  /** What the input has (for depth: the limit + 1, the walk stops there). */
  actual: number;
  /** JSON pointer of the offending value ('' for the whole input). */
  pointer: string;
  message: string;
}

/** Thrown where no caller-specific error type applies (the registry maps it to 413/422). */
export class LimitExceeded extends Error {
  constructor(readonly violation: LimitViolation) {
    super(violation.message);
    this.name = 'LimitExceeded';
  }
}

export function violation(name: LimitName, actual: number, pointer = ''): LimitViolation {
  const l = INPUT_LIMITS[name];
  const where = pointer === '' ? '' : ` at ${pointer}`;
  return {
    limit: l,
    actual,
    pointer,
    message: `refused: limit ${name} exceeded${where}: ${l.what} is at most ${l.max.toLocaleString('en-US')} ${l.unit} (found ${name === 'nesting-depth' ? 'more' : actual.toLocaleString('en-US')}). ${l.hint}`,
  };
}

/** The size check on raw text, before it is parsed. */
export function checkTextSize(text: string | Uint8Array): LimitViolation | undefined {
  const bytes = typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : text.byteLength;
  return bytes > INPUT_LIMITS['document-bytes'].max ? violation('document-bytes', bytes) : undefined;
}

/**
 * One iterative walk over parsed data (a document or a schema): depth, node count, keys per
 * object, items per array, string length, and the schema keywords whose cost grows with their
 * size (`enum`, `pattern`, `patternProperties`, `$ref`). Keyword checks are by key name, so a
 * property *named* `enum` inside `properties` counts as an enum too: conservative, never unsafe.
 * Shared subtrees (YAML aliases) are walked once per occurrence, which is what later walks do.
 */
export function checkDataLimits(root: unknown): LimitViolation | undefined {
  const L = INPUT_LIMITS;
  let nodes = 0;
  let patterns = 0;
  let refs = 0;
  // [value, depth, path (built lazily: parent index chain)]
  const stack: Array<[unknown, number, Path]> = [[root, 1, undefined]];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (++nodes > L['total-nodes'].max) return violation('total-nodes', nodes, pointerOf(path));
    if (typeof value === 'string') {
      if (value.length > L['string-length'].max) return violation('string-length', value.length, pointerOf(path));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > L['nesting-depth'].max) return violation('nesting-depth', depth, pointerOf(path));
    if (Array.isArray(value)) {
      if (path?.key === 'enum' && value.length > L['enum-values'].max) return violation('enum-values', value.length, pointerOf(path));
      if (value.length > L['array-items'].max) return violation('array-items', value.length, pointerOf(path));
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], depth + 1, { parent: path, key: String(i) }]);
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > L['object-properties'].max) return violation('object-properties', keys.length, pointerOf(path));
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child = (value as Record<string, unknown>)[key];
      const at: Path = { parent: path, key };
      if (key.length > L['string-length'].max) return violation('string-length', key.length, pointerOf(at));
      if (key === 'pattern' && typeof child === 'string') {
        if (child.length > L['pattern-length'].max) return violation('pattern-length', child.length, pointerOf(at));
        if (++patterns > L['pattern-count'].max) return violation('pattern-count', patterns, pointerOf(at));
      }
      if ((key === '$ref' || key === '$dynamicRef' || key === '$recursiveRef') && ++refs > L['ref-count'].max) return violation('ref-count', refs, pointerOf(at));
      if (path?.key === 'patternProperties') {
        // `key` is a regular expression (a patternProperties name).
        if (key.length > L['pattern-length'].max) return violation('pattern-length', key.length, pointerOf(at));
        if (++patterns > L['pattern-count'].max) return violation('pattern-count', patterns, pointerOf(at));
      }
      stack.push([child, depth + 1, at]);
    }
  }
  return undefined;
}

type Path = { parent: Path; key: string } | undefined;

function pointerOf(path: Path): string {
  const keys: string[] = [];
  for (let p = path; p; p = p.parent) keys.push(p.key);
  return encodePointer(keys.reverse());
}
