/**
 * The seed's provider verification, as CI runs it: every publishing agent's generated
 * producer is verified by pact_ffi against the committed pacts. Then the proof that it
 * can fail, on the seed itself: a producer variant that drops a field a consumer reads
 * fails, and one that retypes a field nobody reads passes.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, EventContract } from '#catalog/model.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { catalogProducerBuilder, producerBuilderFor } from './message-builders.ts';
import { PACTS_DIR } from './names.ts';
import { planPacts, type PactPlan } from './plan.ts';
import { isRead } from './read-set.ts';
import { objectView } from './schema-view.ts';
import { loadCatalogCached } from './seed.ts';
import { verifyProvider } from './verify.ts';

let catalog: Catalog;
let plans: PactPlan[];
beforeAll(async () => {
  catalog = await loadCatalogCached();
  plans = planPacts(catalog);
}, 120_000);

const pactFilesOf = (provider: string) => plans.filter((p) => p.provider === provider).map((p) => path.join(repoRoot, PACTS_DIR, p.file));
const clone = (c: Catalog): Catalog => structuredClone(c);

describe('seed provider verification (generated producers, pact_ffi)', () => {
  it('verifies every publishing agent against every committed pact', async () => {
    const providers = [...new Set(plans.map((p) => p.provider))].sort();
    expect(providers.length, 'the seed has several publishing agents').toBeGreaterThan(3);
    const failures: string[] = [];
    for (const provider of providers) {
      const results = await verifyProvider(catalog, provider, pactFilesOf(provider), await producerBuilderFor(catalog, provider));
      for (const r of results.filter((x) => !x.success)) failures.push(`${r.consumer} → ${provider}: ${JSON.stringify(r.interactions)}`);
    }
    expect(failures, 'every pact of every provider verifies').toEqual([]);
  }, 180_000);
});

describe('seed producer variants', () => {
  /** The first (provider, event, top-level payload field) where one consumer reads the field and another does not. */
  function pickFields() {
    for (const event of catalog.events) {
      const interactions = plans.flatMap((p) => p.interactions.filter((i) => i.eventType === event.eventType).map((i) => ({ plan: p, i })));
      if (interactions.length < 2) continue;
      const props = objectView((event.schema as any).$defs ? objectView(event.schema, event.schema).properties.payload : event.payloadSchema, event.schema);
      const names = Object.keys(props.properties);
      const read = names.find((n) => interactions.some(({ i }) => i.reads.payload.includes(`/${n}`)));
      const unread = names.find((n) => interactions.every(({ i }) => !isRead(i.reads, `/${n}`)));
      if (read && unread) return { event, provider: event.publishers[0]!, read, unread, interactions };
    }
    throw new Error('the seed has no event with both a read and an unread payload field');
  }

  const mutate = (event: EventContract, field: string, how: 'drop' | 'retype'): Catalog => {
    const copy = clone(catalog);
    const target = copy.events.find((e) => e.eventType === event.eventType && e.version === event.version)!;
    const payload = objectView(target.schema, target.schema).properties.payload;
    const ref = (payload as { $ref?: string }).$ref;
    const schema: any = ref ? (target.schema as any).$defs[ref.split('/').pop()!] : payload;
    const example: any = (target.examples[0] as any).payload ?? target.examples[0];
    if (how === 'drop') {
      delete schema.properties[field];
      schema.required = (schema.required ?? []).filter((r: string) => r !== field);
      delete example[field];
    } else {
      schema.properties[field] = { type: 'boolean' };
      example[field] = true;
    }
    return copy;
  };

  it('fails, naming consumer and path, when the producer drops a field a consumer reads', async () => {
    const { event, provider, read } = pickFields();
    const variant = mutate(event, read, 'drop');
    const results = await verifyProvider(variant, provider, pactFilesOf(provider), catalogProducerBuilder(variant, provider));
    const failed = results.filter((r) => !r.success);
    expect(failed.length, `dropping /${read} of ${event.eventType} must break at least its reader`).toBeGreaterThan(0);
    const readers = plans.filter((p) => p.provider === provider && p.interactions.some((i) => i.eventType === event.eventType && isRead(i.reads, `/${read}`))).map((p) => p.consumer);
    expect(failed.map((r) => r.consumer).sort(), 'exactly the consumers that read it fail').toEqual(readers.sort());
    const interaction = failed[0]!.interactions.find((i) => !i.success)!;
    expect(interaction.description, 'the failing interaction is the changed event').toContain(event.eventType);
  }, 120_000);

  it('passes when the producer retypes a field no consumer reads', async () => {
    const { event, provider, unread } = pickFields();
    const variant = mutate(event, unread, 'retype');
    const results = await verifyProvider(variant, provider, pactFilesOf(provider), catalogProducerBuilder(variant, provider));
    expect(results.filter((r) => !r.success).map((r) => r.consumer), `retyping unread /${unread} of ${event.eventType} breaks nobody`).toEqual([]);
  }, 120_000);
});
