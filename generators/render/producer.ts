/**
 * `producer.ts`: one typed method per event the agent sends, e.g.
 * `producer.send.promptCreationRequested(payload, { causedBy })`, on top of the runtime's
 * producer (which builds the envelope, validates, and publishes; an invalid event throws
 * `ContractViolationError` and is never sent).
 */
import type { GeneratedFile } from './file.ts';
import type { AgentPlan } from './plan.ts';
import { literal } from './naming.ts';
import { contractConst } from './contracts.ts';

export function renderProducer(plan: AgentPlan, header: string, runtimeImport: string): GeneratedFile | undefined {
  if (plan.sends.length === 0 || plan.producerSkipped) return undefined;
  const typeImports = [...new Set(plan.sends.flatMap((e) => [e.eventType, e.payloadType]))].sort();
  const doc = (e: AgentPlan['sends'][number]) =>
    `    /** Builds, validates and publishes ${e.contract.eventType} ${e.contract.version}; resolves once the broker stored it. */`;
  const contents = [
    header,
    `import { createProducerRuntime, type ProducerRuntime, type SendOptions, type Transport } from ${literal(runtimeImport)};`,
    `import type { ${typeImports.join(', ')} } from './types.ts';`,
    `import { agent, ${plan.sends.map(contractConst).join(', ')} } from './contracts.ts';`,
    '',
    'export interface ProducerOptions {',
    '  transport: Transport;',
    '  /** `metadata.tenantId` of every event (overridable per call with `options.tenantId`). */',
    '  tenantId: string;',
    '}',
    '',
    '/**',
    ` * The typed producer of ${plan.agent}. Envelope rule: \`eventId\` is a fresh UUID v4, \`timestamp\` UTC,`,
    ' * `metadata.source` the agent. Inside a handler the handled event is the default cause',
    ' * (override with `causedBy`, or `root: true`): the event inherits its `correlationId`,',
    ' * tenant, user and session, and `causationId` = its `eventId`. A root event has',
    ' * `correlationId` = `options.correlationId ?? eventId` and `causationId` = that correlationId.',
    ' */',
    'export interface Producer {',
    '  send: {',
    ...plan.sends.flatMap((e) => [doc(e), `    ${e.method}(payload: ${e.payloadType}, options?: SendOptions): Promise<${e.eventType}>;`]),
    '  };',
    '  /** Builds and validates without sending (pure); throws ContractViolationError. */',
    '  build: {',
    ...plan.sends.map((e) => `    ${e.method}(payload: ${e.payloadType}, options?: SendOptions): ${e.eventType};`),
    '  };',
    '  /** The underlying runtime producer (re-publish an event, build generically). */',
    '  runtime: ProducerRuntime;',
    '}',
    '',
    'export function createProducer(options: ProducerOptions): Producer {',
    '  const runtime = createProducerRuntime({',
    '    transport: options.transport,',
    '    agent,',
    '    tenantId: options.tenantId,',
    `    contracts: [${plan.sends.map(contractConst).join(', ')}],`,
    '  });',
    '  return {',
    '    send: {',
    ...plan.sends.map(
      (e) => `      ${e.method}: (payload, sendOptions) => runtime.send(${literal(e.contract.eventType)}, payload, sendOptions) as Promise<${e.eventType}>,`,
    ),
    '    },',
    '    build: {',
    ...plan.sends.map((e) => `      ${e.method}: (payload, sendOptions) => runtime.build(${literal(e.contract.eventType)}, payload, sendOptions) as ${e.eventType},`),
    '    },',
    '    runtime,',
    '  };',
    '}',
    '',
  ].join('\n');
  return { path: `${plan.folder}/producer.ts`, contents };
}
