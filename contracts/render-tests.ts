/**
 * Renders the consumer contract tests: one test per (consumer, provider) pact, with
 * the interaction plan inline so a reviewer sees exactly what the consumer relies on,
 * grouped in one file per consumer agent (its contract suite; one file per pair would
 * pay Pact's native-library start-up once per pair). Pure and deterministic;
 * `contracts/generate.ts` writes them, the drift test compares.
 */
import type { Catalog } from '#catalog/model.ts';
import { jsonLiteral, lineComment } from '#generators/render/escape.ts';
import { CONSUMER_TESTS_DIR, GENERATED_HEADER } from './names.ts';
import { planPacts, type PactPlan } from './plan.ts';

export interface GeneratedFile {
  path: string;
  contents: string;
}

export const consumerTestPath = (consumer: string): string => `${CONSUMER_TESTS_DIR}/${consumer}.pact.test.ts`;

export function renderConsumerTest(consumer: string, plans: PactPlan[]): GeneratedFile {
  const contents = [
    GENERATED_HEADER,
    `// Consumer contract tests of ${lineComment(consumer)}: one pact per provider (${lineComment(plans.map((p) => p.provider).join(', '))}).`,
    '// Each run makes pact_ffi write the pact; EVC_WRITE_PACTS=1 writes it into contracts/pacts/.',
    "import { consumerPactTest } from '#contracts/consumer-test-kit.ts';",
    '',
    ...plans.flatMap((plan) => [`consumerPactTest(${jsonLiteral(plan, 2)});`, '']),
  ].join('\n');
  return { path: consumerTestPath(consumer), contents };
}

export function renderConsumerTests(catalog: Catalog): GeneratedFile[] {
  const byConsumer = new Map<string, PactPlan[]>();
  for (const plan of planPacts(catalog)) byConsumer.set(plan.consumer, [...(byConsumer.get(plan.consumer) ?? []), plan]);
  return [...byConsumer.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([consumer, plans]) => renderConsumerTest(consumer, plans));
}
