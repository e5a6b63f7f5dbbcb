/**
 * What every generated consumer contract test runs. First, the judgement: the agent's
 * generated consumer is given the contract's examples, boundary values and invalid variants
 * derived from the schema (schema-cases.ts) and must hand exactly the valid ones to its
 * handler, unchanged, and refuse the others with CONTRACT_VIOLATION. Then the pact: Pact generates it by
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
import { isDeepStrictEqual } from 'node:util';
import { findContract } from './consumer-delivery.ts';
import { deliveryFor } from './delivery-for.ts';
import { deliverToGenerated, hasGeneratedConsumer, receivedTypes, type Outcome } from './generated-delivery.ts';
import { schemaCases } from './schema-cases.ts';
import { loadCatalogCached } from './seed.ts';
import { PACTS_DIR } from './names.ts';
import { normalisePact, readPact } from './pact-file.ts';
import type { PactPlan } from './plan.ts';

/**
 * Refused for breaking the contract: the consumer's Platform.Event.Failed says CONTRACT_VIOLATION,
 * or the consumer's error report names CONTRACT_VIOLATION where no failure event can follow (a
 * broken Platform.Event.Failed is not answered with another one; an envelope field the failure
 * event would inherit, e.g. a too-long tenantId, leaves the message unacknowledged).
 */
const refusedAsViolation = (outcome: Outcome): boolean =>
  outcome.failure?.code === 'CONTRACT_VIOLATION' || /(gave up on|could not build a Platform\.Event\.Failed for) .*CONTRACT_VIOLATION/.test(outcome.problem ?? '');

export function consumerPactTest(plan: PactPlan): void {
  describe(`pact ${plan.consumer} ← ${plan.provider}`, () => {
    it.skipIf(!hasGeneratedConsumer(plan.consumer))(
      `${plan.consumer}'s generated consumer accepts the schema's examples and boundary values of ${plan.provider}'s events and refuses invalid variants`,
      async () => {
        const catalog = await loadCatalogCached();
        const received = receivedTypes(catalog, plan.consumer);
        const wrong: string[] = [];
        let count = 0;
        for (const interaction of plan.interactions) {
          const contract = findContract(catalog, interaction);
          const cases = schemaCases(contract);
          expect(cases.filter((c) => !c.valid).length, `${interaction.description}: the schema yields invalid variants to try`).toBeGreaterThan(0);
          for (const c of cases) {
            count++;
            const outcome = await deliverToGenerated(plan.consumer, received, c.event as { eventType: string });
            const got = c.valid
              ? outcome.handled.length === 1 && !outcome.failure && !outcome.problem && isDeepStrictEqual(outcome.handled[0], c.event)
              : outcome.handled.length === 0 && refusedAsViolation(outcome);
            if (!got) wrong.push(`${interaction.description}, ${c.description}: expected ${c.valid ? 'handled unchanged' : 'refused'}, got ${JSON.stringify(outcome).slice(0, 300)}`);
          }
        }
        expect(wrong, `${wrong.length} of ${count} schema-derived cases`).toEqual([]);
      },
      120_000,
    );

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
