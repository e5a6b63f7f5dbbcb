/**
 * What every generated consumer contract test runs: Pact generates the pact by
 * running the consumer on each message, the result must record every planned interaction, and
 * (unless EVC_WRITE_PACTS=1, which regenerates) it must equal the committed pact up to
 * the library-version metadata Pact varies. It needs nothing outside the repository: that the
 * committed pacts are valid Pact V4 is checked against Pact's own JSON Schemas in
 * contracts/drift.test.ts, which needs the shared conformance data.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#catalog/bundled.ts';
import { runConsumerPact } from './consumer-harness.ts';
import { deliveryFor } from './delivery-for.ts';
import { PACTS_DIR } from './names.ts';
import { normalisePact, readPact } from './pact-file.ts';
import type { PactPlan } from './plan.ts';

export function consumerPactTest(plan: PactPlan): void {
  describe(`pact ${plan.consumer} ← ${plan.provider}`, () => {
    it(`${plan.consumer} handles ${plan.interactions.length} message(s) from ${plan.provider}; the pact is valid V4 and committed`, async () => {
      const write = process.env.EVC_WRITE_PACTS === '1';
      const committed = path.join(repoRoot, PACTS_DIR, plan.file);
      const dir = write ? path.dirname(committed) : mkdtempSync(path.join(tmpdir(), 'evc-pact-'));
      // pact_ffi merges into an existing file; start clean so a removed interaction disappears.
      if (write) rmSync(committed, { force: true });
      try {
        await runConsumerPact(plan, { dir, deliver: await deliveryFor(plan.consumer) });
        const fresh = readPact(path.join(dir, plan.file));
        expect(fresh.interactions.map((i) => i.description).sort(), 'Pact must record every planned interaction').toEqual(
          plan.interactions.map((i) => i.description).sort(),
        );
        if (!write) {
          expect(existsSync(committed), `${PACTS_DIR}/${plan.file} is not committed: run \`npm run pacts:generate\``).toBe(true);
          expect(normalisePact(fresh), `${PACTS_DIR}/${plan.file} is stale: run \`npm run pacts:generate\` and commit`).toEqual(
            normalisePact(readPact(committed)),
          );
        }
      } finally {
        if (!write) rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });
}
