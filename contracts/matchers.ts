/**
 * Pact matchers derived from JSON Schema, as Pact's integration JSON (the
 * `pact:matcher:type` objects that `MatchersV3` builds and pact_ffi turns into V4
 * matching rules). Every leaf gets a matcher, because a leaf without one is
 * compared by equality, which would pin the example value instead of the contract.
 * Pure: the result is plain JSON, so generated tests can carry it inline.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { JsonSchema } from '#catalog/model.ts';
import { effectiveSchema, isSchemaObject, itemSchema, objectView, schemaTypes } from './schema-view.ts';

/** Envelope regexes (the seed's BaseEvent comments). Shared with the docs and tests. */
export const ENVELOPE_PATTERNS = {
  /** RFC 4122 version 4: version nibble 4, variant 10xx. */
  uuidV4: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
  /** `Domain.Entity.Action`, each part PascalCase. */
  eventType: '^[A-Z][A-Za-z0-9]*\\.[A-Z][A-Za-z0-9]*\\.[A-Z][A-Za-z0-9]*$',
  /** RFC 3339 date-time in UTC (`Z`), optional fraction. */
  utcTimestamp: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$',
} as const;

/** Semver 2.0.0 (semver.org's regex) pinned to one major: consumers dispatch by major version. */
export const semverOfMajor = (major: number): string =>
  `^${major}\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The shape every item of an example array shares: keys present in all object items
 * (values from the first, recursively). An eachLike template built from it holds for
 * every item the producer's example sends, not only the first.
 */
export function commonItem(items: unknown[]): unknown {
  const [first, ...rest] = items;
  if (isSchemaObject(first) && rest.every(isSchemaObject)) {
    const others = rest as Record<string, unknown>[];
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(first)) {
      if (others.every((o) => key in o)) out[key] = commonItem([first[key], ...others.map((o) => o[key])]);
    }
    return out;
  }
  if (Array.isArray(first) && rest.every(Array.isArray)) {
    const all = [first, ...(rest as unknown[][])].flat();
    return all.length === 0 ? [] : [commonItem(all)];
  }
  return first;
}

/** A JSON value with Pact matcher objects in it. */
export type MatcherJson = unknown;

/** Deterministic example for a schema when the contract gives none. */
export function exampleFor(schema: JsonSchema | undefined, root: JsonSchema): unknown {
  const s = effectiveSchema(schema, root);
  if (!isSchemaObject(s)) return {};
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if ('default' in s) return s.default;
  const type = schemaTypes(s, root).find((t) => t !== 'null');
  switch (type) {
    case 'string':
      return s.format === 'date-time' ? '2026-01-01T00:00:00.000Z' : s.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'string';
    case 'integer':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1.5;
    case 'boolean':
      return true;
    case 'array':
      return [exampleFor(itemSchema(s, root), root)];
    case 'object': {
      const view = objectView(s, root);
      return Object.fromEntries(view.required.map((name) => [name, exampleFor(view.properties[name], root)]));
    }
    default:
      return 'string';
  }
}

/**
 * The matcher for one whole value: type/regex matchers at the leaves, `eachLike`
 * for arrays (minimum from `minItems`), objects recursing into their required
 * properties (optional ones only when the example has them).
 */
export function matcherFor(schema: JsonSchema | undefined, example: unknown, root: JsonSchema, depth = 0): MatcherJson {
  const s = effectiveSchema(schema, root);
  const value = example === undefined ? exampleFor(s, root) : example;
  if (!isSchemaObject(s) || depth > 24) return MatchersV3.like(value);
  const types = schemaTypes(s, root);
  const nonNull = types.filter((t) => t !== 'null');
  // A nullable or multi-typed value, or a oneOf/anyOf: only its JSON type is stable.
  if (nonNull.length !== 1 || types.includes('null') || s.oneOf || s.anyOf) {
    return value === null ? MatchersV3.nullValue() : MatchersV3.like(value);
  }
  switch (nonNull[0]) {
    case 'string': {
      const text = typeof value === 'string' ? value : String(value);
      if (Array.isArray(s.enum)) return MatchersV3.regex(`^(${s.enum.map((v) => escapeRegex(String(v))).join('|')})$`, text);
      if ('const' in s) return MatchersV3.regex(`^${escapeRegex(String(s.const))}$`, text);
      if (typeof s.pattern === 'string') return MatchersV3.regex(s.pattern, text);
      if (s.format === 'uuid') return MatchersV3.regex(ENVELOPE_PATTERNS.uuidV4.replace('-4[', '-[1-8]['), text);
      if (s.format === 'date-time') return MatchersV3.regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$', text);
      return MatchersV3.string(text);
    }
    case 'integer':
      return MatchersV3.integer(typeof value === 'number' ? value : 1);
    case 'number':
      return MatchersV3.number(typeof value === 'number' ? value : 1.5);
    case 'boolean':
      return MatchersV3.boolean(typeof value === 'boolean' ? value : true);
    case 'array': {
      const items = itemSchema(s, root);
      const first = Array.isArray(value) && value.length > 0 ? commonItem(value) : undefined;
      const template = matcherFor(items, first, root, depth + 1);
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      return min >= 1 ? MatchersV3.eachLike(template, min) : MatchersV3.atLeastLike(template, 0, 1);
    }
    case 'object': {
      const view = objectView(s, root);
      const names = Object.keys(view.properties);
      // A free-form object (`constraints: object`): only "is an object" is promised.
      if (names.length === 0) return MatchersV3.like({});
      const given = isSchemaObject(value) ? value : {};
      const out: Record<string, MatcherJson> = {};
      for (const name of names.sort()) {
        if (!view.required.includes(name) && !(name in given)) continue;
        out[name] = matcherFor(view.properties[name], given[name], root, depth + 1);
      }
      return out;
    }
    default:
      return MatchersV3.like(value);
  }
}
