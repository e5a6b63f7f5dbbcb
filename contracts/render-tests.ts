/**
 * Renders the consumer contract tests: one file per (consumer, provider) pact, with
 * the interaction plan inline so a reviewer sees exactly what the consumer relies on.
 * Pure and deterministic; `contracts/generate.ts` writes them, the drift test compares.
 */
import type { Catalog } from '#catalog/model.ts';
import { CONSUMER_TESTS_DIR, GENERATED_HEADER } from './names.ts';
import { planPacts, type PactPlan } from './plan.ts';

export interface GeneratedFile {
  path: string;
  contents: string;
}

export const consumerTestPath = (plan: PactPlan): string =>
  `${CONSUMER_TESTS_DIR}/${plan.file.replace(/\.json$/, '')}.pact.test.ts`;

export function renderConsumerTest(plan: PactPlan): GeneratedFile {
  const contents = [
    GENERATED_HEADER,
    `// Consumer contract test: ${plan.consumer} consumes ${plan.interactions.map((i) => i.eventType).join(', ')} from ${plan.provider}.`,
    '// Its run makes pact_ffi write the pact; EVC_WRITE_PACTS=1 writes it into contracts/pacts/.',
    "import { consumerPactTest } from '#contracts/consumer-test-kit.ts';",
    '',
    `consumerPactTest(${JSON.stringify(plan, null, 2)});`,
    '',
  ].join('\n');
  return { path: consumerTestPath(plan), contents };
}

export function renderConsumerTests(catalog: Catalog): GeneratedFile[] {
  return planPacts(catalog).map(renderConsumerTest);
}
