/**
 * Provider verification can fail: pacts generated from the fixture contract are
 * verified by pact_ffi against producer variants. A producer that drops or retypes a
 * field some consumer reads must fail (naming the consumer, interaction and path);
 * one that changes only a field nobody reads must pass.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, EventContract } from '#catalog/model.ts';
import { runConsumerPact } from './consumer-harness.ts';
import { catalogDelivery } from './consumer-delivery.ts';
import { catalogProducerBuilder } from './message-builders.ts';
import { planPacts } from './plan.ts';
import { fixtureCatalog } from './testing/fixture-catalog.ts';
import { verifyProvider } from './verify.ts';

let dir: string;
let files: string[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'evc-verify-'));
  const catalog = fixtureCatalog();
  const plans = planPacts(catalog);
  for (const plan of plans) await runConsumerPact(plan, { dir, deliver: catalogDelivery(catalog) });
  files = plans.map((p) => path.join(dir, p.file));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A producer variant: the same agent, built from a changed contract (schema + example). */
function variant(change: (event: EventContract) => void): Catalog {
  const catalog = fixtureCatalog();
  change(catalog.events[0]!);
  return catalog;
}
const payloadProps = (e: EventContract) => (e.schema as any).properties.payload.properties;

const verifyAgainst = async (catalog: Catalog) => verifyProvider(catalog, 'prompt-studio', files, catalogProducerBuilder(catalog, 'prompt-studio'));

describe('provider verification with pact_ffi', () => {
  it('passes for the unchanged producer, for every consumer', async () => {
    const results = await verifyAgainst(fixtureCatalog());
    expect(results.map((r) => [r.consumer, r.success]), 'all four consumers verified').toEqual([
      ['domain-modeller', true],
      ['observability-engineer', true],
      ['prompt-engineering-specialist', true],
      ['ui-ux-designer', true],
    ]);
  });

  it.each([
    {
      why: 'retyping a read field (priority: enum string → integer)',
      change: (e: EventContract) => {
        payloadProps(e).priority = { type: 'integer' };
        (e.examples[0] as any).priority = 3;
      },
      failing: ['observability-engineer', 'prompt-engineering-specialist', 'ui-ux-designer'],
      path: 'at /payload/priority: ',
    },
    {
      why: 'dropping a read optional field (deadline, read by the handler and the UI)',
      change: (e: EventContract) => {
        delete payloadProps(e).deadline;
        delete (e.examples[0] as any).deadline;
      },
      failing: ['prompt-engineering-specialist', 'ui-ux-designer'],
      path: 'at /payload: ',
    },
    {
      why: 'dropping a nested read field (requirements.context, read by the domain modeller)',
      change: (e: EventContract) => {
        const req = (e.schema as any).$defs.Requirements;
        delete req.properties.context;
        req.required = req.required.filter((r: string) => r !== 'context');
        delete (e.examples[0] as any).requirements.context;
      },
      failing: ['domain-modeller', 'observability-engineer', 'prompt-engineering-specialist'],
      path: 'at /payload/requirements: ',
    },
  ])('fails when $why', async ({ change, failing, path: where }) => {
    const results = await verifyAgainst(variant(change));
    expect(results.filter((r) => !r.success).map((r) => r.consumer), 'exactly the consumers that read the field fail').toEqual(failing);
    const failed = results.find((r) => !r.success)!;
    expect(failed.interactions[0]!.description, 'the failing interaction is named').toBe('a Prompt.Creation.Requested event (v1)');
    expect(failed.interactions[0]!.mismatches.join('\n'), 'the mismatch names the field by its JSON pointer').toContain(where);
  });

  it('passes when the producer changes only a field no consumer reads (attempts: integer → string)', async () => {
    const results = await verifyAgainst(
      variant((e) => {
        payloadProps(e).attempts = { type: 'string' };
        (e.examples[0] as any).attempts = 'zero';
      }),
    );
    expect(results.every((r) => r.success), JSON.stringify(results.map((r) => r.interactions))).toBe(true);
  });
});
