/**
 * The committed seed clients: on every event the runtime builds, the built-event validator
 * (`validateBuilt`, which skips the builder-set fields) gives the same verdict and the same
 * violations as the full generated validator, and the producer accepts exactly what the
 * full validator accepts. fast-check mutates each event's example payload and the send
 * options (ids, user, session, tenant), valid and invalid alike.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { ContractViolationError, createEnvelopeBuilder, createMemoryTransport, createProducerRuntime, toViolations } from '#runtime/index.ts';
import type { ContractData, SendOptions } from '#runtime/index.ts';
import { repoRoot } from '#generators/fixtures/temp-dir.ts';

interface Case {
  agent: string;
  contract: ContractData & { validateBuilt: NonNullable<ContractData['validateBuilt']> };
  example: unknown;
}

const cases: Case[] = [];
beforeAll(async () => {
  const catalog = await loadCatalog(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'));
  const payloadOf = (example: unknown): unknown =>
    example !== null && typeof example === 'object' && 'eventId' in example && 'payload' in example ? (example as { payload: unknown }).payload : example;
  for (const agent of readdirSync(path.join(repoRoot, 'generated')).sort()) {
    let mod: { sends?: readonly ContractData[]; agent?: string };
    try {
      mod = (await import(pathToFileURL(path.join(repoRoot, 'generated', agent, 'contracts.ts')).href)) as typeof mod;
    } catch {
      continue; // not an agent client (generated/patterns)
    }
    for (const contract of mod.sends ?? []) {
      if (contract.validateBuilt === undefined) continue;
      const event = catalog.events.find((e) => e.eventType === contract.eventType && e.version === contract.version);
      cases.push({ agent: mod.agent!, contract: contract as Case['contract'], example: event?.examples[0] === undefined ? {} : payloadOf(event.examples[0]) });
    }
  }
}, 120_000);

type Edit = { at: number; kind: 'replace' | 'delete' | 'add'; key: string; value: unknown };

/** Every JSON path (as a key list) in `value`, the root first. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function applyEdits(example: unknown, edits: Edit[]): unknown {
  let root = structuredClone(example);
  for (const edit of edits) {
    const all = paths(root);
    const target = all[edit.at % all.length]!;
    if (target.length === 0) {
      if (edit.kind === 'replace') root = edit.value;
      else if (edit.kind === 'add' && root !== null && typeof root === 'object' && !Array.isArray(root)) (root as Record<string, unknown>)[edit.key] = edit.value;
      continue;
    }
    const parent = target.slice(0, -1).reduce<any>((node, key) => node[key], root);
    const last = target[target.length - 1]!;
    if (edit.kind === 'replace') parent[last] = edit.value;
    else if (edit.kind === 'delete') Array.isArray(parent) ? parent.splice(last as number, 1) : delete parent[last];
    else if (parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) parent[last][edit.key] = edit.value;
  }
  return root;
}

const traceLike = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,130}$/), fc.string({ maxLength: 140 }), fc.constant(''));
const text = fc.oneof(fc.string({ minLength: 1, maxLength: 70 }), fc.string({ maxLength: 140 }), fc.constant(''));
const anyOptions = fc.record(
  { correlationId: traceLike, causedBy: fc.record({ eventId: traceLike, correlationId: traceLike }), userId: text, sessionId: text, tenantId: text },
  { requiredKeys: [] },
);
// Options the seed schema accepts, so that valid events are common too.
const traceId = fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/);
const name = fc.string({ minLength: 1, maxLength: 40 });
const validOptions = fc.record(
  { correlationId: traceId, causedBy: fc.record({ eventId: traceId, correlationId: traceId }), userId: name, sessionId: name, tenantId: name },
  { requiredKeys: [] },
);
const options: fc.Arbitrary<SendOptions | undefined> = fc.oneof(fc.constant(undefined), validOptions, anyOptions);
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'add'),
  key: fc.string({ maxLength: 12 }),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null)),
});

describe('built-event validators of the committed clients', () => {
  it('exist for the events agents send', () => {
    // why: without them the producer silently falls back to the full validator (correct, but the proof below would test nothing).
    expect(cases.length).toBeGreaterThanOrEqual(18);
  });

  it('agree with the full validator on every built event (verdict and violations), and so does the producer', () => {
    const runtimes = new Map<Case, { build: ReturnType<typeof createEnvelopeBuilder>; producer: ReturnType<typeof createProducerRuntime> }>();
    const setup = (c: Case) => {
      let r = runtimes.get(c);
      if (!r) {
        const defaults = { agent: c.agent, tenantId: 'acme' };
        r = { build: createEnvelopeBuilder(c.contract, defaults), producer: createProducerRuntime({ transport: createMemoryTransport(), ...defaults, contracts: [c.contract] }) };
        runtimes.set(c, r);
      }
      return r;
    };
    let invalid = 0;
    let valid = 0;
    fc.assert(
      fc.property(fc.nat(), fc.oneof(fc.constant<Edit[]>([]), fc.array(edit, { maxLength: 3 })), options, (pick, edits, sendOptions) => {
        const c = cases[pick % cases.length]!;
        const { build, producer } = setup(c);
        const payload = applyEdits(c.example, edits);
        const event = build(payload, sendOptions);
        const full = c.contract.validate(event);
        const fullViolations = full ? [] : toViolations(c.contract.validate.errors);
        const built = c.contract.validateBuilt(event);
        // why: the built validator may skip only what cannot fail; its verdict and first error must be the full validator's.
        expect(built, `${c.contract.eventType}: validateBuilt agrees with validate`).toBe(full);
        if (!built) expect(toViolations(c.contract.validateBuilt.errors)).toEqual(fullViolations);
        // why: the producer (which uses validateBuilt) must accept exactly what the full validator accepts, and name the same pointer.
        let thrown: unknown;
        try {
          producer.build(c.contract.eventType, payload, sendOptions);
        } catch (error) {
          thrown = error;
        }
        if (full) {
          valid++;
          expect(thrown).toBeUndefined();
        } else {
          invalid++;
          expect(thrown).toBeInstanceOf(ContractViolationError);
          expect((thrown as ContractViolationError).violations).toEqual(fullViolations);
        }
      }),
      { numRuns: 4000 },
    );
    // why: the property is only meaningful if both outcomes were exercised often.
    expect(valid, 'valid built events checked').toBeGreaterThan(600);
    expect(invalid, 'invalid built events checked').toBeGreaterThan(600);
  }, 120_000);
});
