/** `index.ts`: the client's public surface, plus the runtime pieces an agent needs to wire it. */
import type { GeneratedFile } from './file.ts';
import type { AgentPlan } from './plan.ts';
import { lineComment, stringLiteral as literal } from './escape.ts';

export function renderIndex(plan: AgentPlan, header: string, runtimeImport: string, files: { producer: boolean; consumer: boolean }): GeneratedFile {
  const notes = [
    ...(plan.producerSkipped ? [`// No producer: ${lineComment(plan.producerSkipped)}.`] : []),
    ...(plan.consumerSkipped ? [`// No consumer: ${lineComment(plan.consumerSkipped)}.`] : []),
  ];
  const contents = [
    header,
    ...notes,
    "export type * from './types.ts';",
    "export * from './contracts.ts';",
    "export * from './validators.js';",
    ...(files.producer ? ["export * from './producer.ts';"] : []),
    ...(files.consumer ? ["export * from './consumer.ts';"] : []),
    'export {',
    '  connectNatsTransport,',
    '  createMemoryTransport,',
    '  createMemoryIdempotencyStore,',
    '  ContractViolationError,',
    '  HandlerError,',
    '  type EventEnvelope,',
    '  type IdempotencyStore,',
    '  type SendOptions,',
    '  type Transport,',
    `} from ${literal(runtimeImport)};`,
    '',
  ].join('\n');
  return { path: `${plan.folder}/index.ts`, contents };
}
