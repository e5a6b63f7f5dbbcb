/**
 * `consumer.ts`: typed handlers keyed by event type (and by major version when the document
 * has several majors of one type), on top of the runtime's consumer: validation of every
 * incoming event, ack after the handler resolves, idempotency, per-key ordering, the
 * document's retry policy and the failure event.
 */
import type { GeneratedFile } from './file.ts';
import type { AgentPlan, EventPlan } from './plan.ts';
import { blockComment, stringLiteral as literal } from './escape.ts';
import { contractConst } from './contracts.ts';

function handlerEntries(receives: EventPlan[]): string[] {
  const byType = new Map<string, EventPlan[]>();
  for (const e of receives) byType.set(e.contract.eventType, [...(byType.get(e.contract.eventType) ?? []), e]);
  const lines: string[] = [];
  for (const [eventType, plans] of byType) {
    const first = plans[0]!;
    const several = new Set(plans.map((p) => p.major)).size > 1;
    lines.push(`  /** ${blockComment(eventType)}${several ? ', one handler per major version' : ` ${blockComment(first.contract.version)}`}. */`);
    if (several) {
      lines.push(`  ${literal(eventType)}: {`);
      for (const p of plans) lines.push(`    ${p.major}: Handler<${p.eventType}>;`);
      lines.push('  };');
    } else {
      lines.push(`  ${literal(eventType)}: Handler<${first.eventType}>;`);
    }
  }
  return lines;
}

export function renderConsumer(plan: AgentPlan, header: string, runtimeImport: string): GeneratedFile | undefined {
  if (plan.receives.length === 0 || plan.consumerSkipped || !plan.failure) return undefined;
  const typeImports = [...new Set(plan.receives.map((e) => e.eventType))].sort();
  const contents = [
    header,
    'import {',
    '  createConsumerRuntime,',
    '  type ConsumerRuntime,',
    '  type ConsumerRuntimeOptions,',
    '  type HandlerContext,',
    '  type IdempotencyStore,',
    '  type RetryPolicy,',
    '  type Transport,',
    `} from ${literal(runtimeImport)};`,
    `import type { ${typeImports.join(', ')} } from './types.ts';`,
    `import { agent, failureContract, retryPolicy, ${plan.receives.map(contractConst).join(', ')} } from './contracts.ts';`,
    '',
    '/**',
    ' * A typed handler. The consumer acknowledges the event only after it resolves. To ask for a',
    ' * retry, throw `new HandlerError(code, message, { retryable: true })` with a code from the',
    ' * retry policy; anything else (or exhausted attempts) publishes one failure event.',
    ' */',
    'export type Handler<E> = (event: E, context: HandlerContext) => void | Promise<void>;',
    '',
    `/** One handler per event type ${blockComment(plan.agent)} receives. */`,
    'export interface Handlers {',
    ...handlerEntries(plan.receives),
    '}',
    '',
    'export interface ConsumerOptions {',
    '  transport: Transport;',
    '  handlers: Handlers;',
    '  /** Tenant of published failure events; default: the tenant of the failed event. */',
    '  tenantId?: string;',
    '  /** Absorbs redeliveries by eventId; default: in memory, bounded. */',
    '  idempotencyStore?: IdempotencyStore;',
    '  /** Partition keys handled at once (events of one key are always handled in order). */',
    '  concurrency?: number;',
    '  /** Delivered-but-unacknowledged events held at once. */',
    '  maxInFlight?: number;',
    "  /** Replaces the document's retry policies (document-wide and per message) for this consumer. */",
    '  retryPolicy?: RetryPolicy;',
    '  onError?: (error: unknown) => void;',
    '}',
    '',
    `/** The typed consumer of ${blockComment(plan.agent)}: a durable consumer named after the agent. */`,
    'export function createConsumer(options: ConsumerOptions): ConsumerRuntime {',
    `  const contracts = [${plan.receives.map(contractConst).join(', ')}];`,
    '  // A per-message policy in the document wins over the consumer-wide one, so an explicit',
    '  // override is applied to every contract.',
    '  const override = options.retryPolicy;',
    '  return createConsumerRuntime({',
    '    transport: options.transport,',
    '    agent,',
    '    contracts: override === undefined ? contracts : contracts.map((contract) => ({ ...contract, retryPolicy: override })),',
    '    // Sound: the runtime validates every event against its contract before it calls a handler.',
    "    handlers: options.handlers as unknown as ConsumerRuntimeOptions['handlers'],",
    '    retryPolicy: override ?? retryPolicy,',
    '    failureEvent: options.tenantId === undefined ? { contract: failureContract } : { contract: failureContract, tenantId: options.tenantId },',
    '    ...(options.idempotencyStore === undefined ? {} : { idempotencyStore: options.idempotencyStore }),',
    '    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),',
    '    ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),',
    '    ...(options.onError === undefined ? {} : { onError: options.onError }),',
    '  });',
    '}',
    '',
  ].join('\n');
  return { path: `${plan.folder}/consumer.ts`, contents };
}
