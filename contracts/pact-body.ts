/**
 * Turns (event contract, subscriber read set) into the body a consumer pact expects:
 * the envelope with its fixed regexes, the read payload fields with matchers from the
 * schema and the contract's example, and nothing else: unread fields are left out, so
 * the provider stays free to change them. Pure; output is plain, deterministic JSON.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import semver from 'semver';
import type { EventContract, JsonSchema } from '#catalog/model.ts';
import { commonItem, ENVELOPE_PATTERNS, matcherFor, semverOfMajor, type MatcherJson } from './matchers.ts';
import { envelopeExample, payloadExample } from './examples.ts';
import { payloadSchemaOf, type ReadSet } from './read-set.ts';
import { isSchemaObject, itemSchema, objectView, splitPointer } from './schema-view.ts';

/** Fixed envelope example values: the body must be byte-for-byte reproducible. */
export const EXAMPLE_EVENT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const EXAMPLE_TIMESTAMP = '2026-01-01T00:00:00.000Z';

/** A tree of read paths: `true` = the whole value at this path is read. */
type ReadTree = { [name: string]: ReadTree | true };

function buildReadTree(pointers: string[]): ReadTree | true {
  const tree: ReadTree = {};
  for (const pointer of pointers) {
    const tokens = splitPointer(pointer).map((t) => (t === '-' || /^\d+$/.test(t) ? '*' : t));
    if (tokens.length === 0) return true;
    let node: ReadTree = tree;
    for (const [index, token] of tokens.entries()) {
      const existing = node[token];
      // A path under an already whole-read value adds nothing.
      if (existing === true) break;
      if (index === tokens.length - 1) node[token] = true;
      else node = (node[token] = existing ?? {}) as ReadTree;
    }
  }
  return tree;
}

function bodyForTree(tree: ReadTree | true, schema: JsonSchema | undefined, example: unknown, root: JsonSchema): MatcherJson {
  if (tree === true) return matcherFor(schema, example, root);
  const star = tree['*'];
  if (star !== undefined) {
    const items = itemSchema(schema, root);
    const first = Array.isArray(example) && example.length > 0 ? commonItem(example) : undefined;
    const template = bodyForTree(star, items, first, root);
    return MatchersV3.atLeastLike(template, 0, 1);
  }
  const view = objectView(schema, root);
  const given = isSchemaObject(example) ? example : {};
  const out: Record<string, MatcherJson> = {};
  for (const name of Object.keys(tree).sort()) {
    // An optional field the contract's example does not carry cannot be in the pact: Pact
    // has no optional fields, so the provider would have to send it. The consumer copes
    // without it by contract; compatibility still protects it through the read set.
    if (!view.required.includes(name) && !(name in given)) continue;
    out[name] = bodyForTree(tree[name]!, view.properties[name], given[name], root);
  }
  return out;
}

export interface EnvelopeExample {
  eventType: string;
  version: string;
  source: string;
}

/** The envelope part: the seed's four fixed regexes, then schema-derived matchers for the rest. */
function envelopeBody(event: EventContract, pointers: string[], publisher: string): Record<string, MatcherJson> {
  const root = event.schema;
  const major = semver.major(semver.coerce(event.version) ?? '1.0.0');
  const fixed: Record<string, MatcherJson> = {
    eventId: MatchersV3.regex(ENVELOPE_PATTERNS.uuidV4, EXAMPLE_EVENT_ID),
    eventType: MatchersV3.regex(ENVELOPE_PATTERNS.eventType, event.eventType),
    timestamp: MatchersV3.regex(ENVELOPE_PATTERNS.utcTimestamp, EXAMPLE_TIMESTAMP),
    version: MatchersV3.regex(semverOfMajor(major), event.version),
  };
  const given = envelopeExample(event);
  const exampleValues: Record<string, unknown> = {
    correlationId: EXAMPLE_EVENT_ID,
    causationId: EXAMPLE_EVENT_ID,
    ...given,
    metadata: { tenantId: 'tenant-1', ...(isSchemaObject(given.metadata) ? given.metadata : {}), source: publisher },
  };
  const rest = pointers.filter((p) => !(splitPointer(p)[0]! in fixed));
  const built = bodyForTree(buildReadTree(rest), root, exampleValues, root) as Record<string, MatcherJson>;
  const out: Record<string, MatcherJson> = {};
  for (const p of pointers) {
    const top = splitPointer(p)[0]!;
    out[top] = fixed[top] ?? built[top];
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

/** The pact body for one (event, read set) as the publisher `publisher` sends it. */
export function buildPactBody(event: EventContract, readSet: ReadSet, publisher: string): MatcherJson {
  const payloadSchema = payloadSchemaOf(event);
  const root = event.enveloped ? event.schema : (payloadSchema ?? true);
  const example = payloadExample(event);
  const payload = readSet.payload.length === 0 ? MatchersV3.like({}) : bodyForTree(buildReadTree(readSet.payload), payloadSchema, example, root);
  if (!event.enveloped) return payload;
  return { ...envelopeBody(event, readSet.envelope, publisher), payload };
}
