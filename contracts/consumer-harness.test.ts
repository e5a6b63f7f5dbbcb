/**
 * The consumer side can fail: when the consumer cannot handle Pact's message, the
 * consumer test fails and pact_ffi writes no pact. Shown with the seed's generated
 * consumer (its validators reject the message) and with the catalog delivery.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '#catalog/model.ts';
import { runConsumerPact } from './consumer-harness.ts';
import { catalogDelivery } from './consumer-delivery.ts';
import { generatedDelivery, hasGeneratedConsumer } from './generated-delivery.ts';
import { planPacts, type PactPlan } from './plan.ts';
import { loadCatalogCached } from './seed.ts';

let catalog: Catalog;
let plan: PactPlan;
const dirs: string[] = [];
beforeAll(async () => {
  catalog = await loadCatalogCached();
  plan = structuredClone(planPacts(catalog).find((p) => p.consumer === 'ui-ux-designer' && p.provider === 'prompt-studio')!);
}, 120_000);
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The plan with priority's example value outside the contract's enum. */
const broken = (): PactPlan => {
  const copy = structuredClone(plan);
  (copy.interactions[0]!.body as any).payload.priority.value = 'urgent';
  (copy.interactions[0]!.body as any).payload.priority.regex = '^urgent$';
  return copy;
};
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'evc-harness-'));
  dirs.push(d);
  return d;
};

describe('consumer contract tests', () => {
  it('write the pact when the generated consumer handles the message', async () => {
    expect(hasGeneratedConsumer('ui-ux-designer'), 'the seed clients are generated').toBe(true);
    const dir = tempDir();
    await runConsumerPact(plan, { dir, deliver: await generatedDelivery(catalog, 'ui-ux-designer') });
    expect(existsSync(path.join(dir, plan.file))).toBe(true);
  });

  it.each([
    { name: 'generated consumer', deliver: () => generatedDelivery(catalog, 'ui-ux-designer'), error: /CONTRACT_VIOLATION/ },
    { name: 'catalog delivery', deliver: async () => catalogDelivery(catalog), error: /rejects the pact message: \/payload\/priority/ },
  ])('fail, and write no pact, when the $name rejects the message', async ({ deliver, error }) => {
    const dir = tempDir();
    await expect(runConsumerPact(broken(), { dir, deliver: await deliver() })).rejects.toThrow(error);
    expect(existsSync(path.join(dir, plan.file)), 'pact_ffi writes only after every handler succeeded').toBe(false);
  });
});
