/**
 * What every generated consumer contract test runs: Pact generates the pact by
 * running the consumer on each message, the result must be a valid Pact V4 file, and
 * (unless EVC_WRITE_PACTS=1, which regenerates) it must equal the committed pact up to
 * the library-version metadata Pact varies.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#catalog/bundled.ts';
import { conformanceDir } from '#test/support/conformance.ts';
import { runConsumerPact } from './consumer-harness.ts';
import { deliveryFor } from './delivery-for.ts';
import { PACTS_DIR } from './names.ts';
import { normalisePact, readPact, validatePactV4 } from './pact-file.ts';
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
        expect(validatePactV4(fresh, conformanceDir()), 'a generated pact must validate against pact-schema-v4.json').toEqual([]);
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
