/**
 * `contracts.ts`: the plain contract data of one client (event type, version, subject,
 * partition-key pointer, retry policy, SLA) plus the precompiled validator of each event,
 * in the `ContractData` shape the runtime consumes.
 */
import type { Catalog, RetryPolicy, Sla } from '#catalog/model.ts';
import { eventTypeTokens } from '#runtime/subjects.ts';
import type { GeneratedFile } from './file.ts';
import type { AgentPlan, EventPlan } from './plan.ts';
import { blockComment, jsonLiteral, stringLiteral as literal } from './escape.ts';

/** Without a document-level `x-retry-policy` a failed handler is not retried. */
export const NO_RETRY: RetryPolicy = { maxAttempts: 1, backoff: 'fixed', initialDelayMs: 0, maxDelayMs: 0, retryableErrors: [] };

const json = (value: unknown): string => jsonLiteral(value);

export const contractConst = (e: EventPlan): string => `${e.method}Contract`;

function contractLiteral(e: EventPlan, plan: AgentPlan, built: string | undefined): string {
  const c = e.contract;
  const role = c.subscribers.find((s) => s.agent === plan.agent);
  const lines = [
    `  eventType: ${literal(c.eventType)},`,
    `  version: ${literal(c.version)},`,
    `  /** Subject under the transport prefix: \`<prefix>.${blockComment(eventTypeTokens(c.eventType))}.<partition key>\`. */`,
    `  subject: ${literal(`${eventTypeTokens(c.eventType)}.*`)},`,
    `  channel: ${c.channel.address === null ? 'null' : literal(c.channel.address)},`,
    ...(c.partitionKey !== undefined ? [`  partitionKey: ${literal(c.partitionKey)},`] : []),
    ...(c.retryPolicy !== undefined ? [`  retryPolicy: ${json(c.retryPolicy)},`] : []),
    ...(c.sla !== undefined ? [`  sla: ${json(c.sla)},`] : []),
    ...(role ? [`  role: ${literal(role.role)},`, ...(role.reads ? [`  reads: ${json(role.reads)},`] : [])] : []),
    `  validate: ${e.validator},`,
    ...(built !== undefined ? [`  validateBuilt: ${built},`] : []),
  ];
  const doc = c.summary ?? c.title ?? c.description;
  return [
    `/** ${blockComment(c.eventType)} ${blockComment(c.version)}${doc ? ` — ${blockComment(doc)}` : ''} */`,
    `export const ${contractConst(e)}: ClientContract = {`,
    ...lines,
    '};',
  ].join('\n');
}

/** `built`: the events that have a built-event validator (built-fields.ts) and its export name. */
export function renderContracts(plan: AgentPlan, catalog: Catalog, header: string, runtimeImport: string, built: ReadonlyMap<EventPlan, { name: string }> = new Map()): GeneratedFile {
  const { failure, validated: events } = plan;
  const list = (items: EventPlan[]): string => (items.length ? `[${items.map(contractConst).join(', ')}]` : '[]');
  const contents = [
    header,
    `import type { ContractData, RetryPolicy } from ${literal(runtimeImport)};`,
    ...(events.length ? [`import { ${[...events.map((e) => e.validator), ...[...built.values()].map((b) => b.name)].join(', ')} } from './validators.js';`] : []),
    '',
    '/** The seed\'s SLA shape (`x-sla`). */',
    'export interface Sla {',
    '  latencyP95Ms: number;',
    '  throughputPerSecond: number;',
    "  delivery: 'at-least-once' | 'at-most-once' | 'exactly-once';",
    "  ordering: 'partial-per-aggregate' | 'total' | 'none';",
    '}',
    '',
    '/** Contract data of one event: what the runtime needs plus where it travels and its SLA. */',
    'export interface ClientContract extends ContractData {',
    '  subject: string;',
    '  channel: string | null;',
    '  sla?: Sla;',
    '  /** This agent\'s role as a subscriber (`x-role`), and the payload pointers it reads (`x-reads`). */',
    '  role?: string;',
    '  reads?: readonly string[];',
    '}',
    '',
    `/** The agent this client belongs to: \`metadata.source\` of what it sends, its durable consumer name. */`,
    `export const agent = ${literal(plan.agent)};`,
    `/** \`info.version\` of the document this client was generated from. */`,
    `export const documentVersion = ${literal(catalog.version)};`,
    catalog.retryPolicy
      ? `/** The document's retry policy (\`x-retry-policy\`); messages may override it. */\nexport const retryPolicy: RetryPolicy = ${json(catalog.retryPolicy)};`
      : `/** The document declares no \`x-retry-policy\`: failed handlers are not retried. */\nexport const retryPolicy: RetryPolicy = ${json(NO_RETRY)};`,
    `/** The document's SLA (\`x-sla\`), if it declares one. */`,
    `export const sla: Sla | undefined = ${catalog.sla ? json(catalog.sla as Sla) : 'undefined'};`,
    '',
    ...events.map((e) => `${contractLiteral(e, plan, built.get(e)?.name)}\n`),
    '/** Events this agent sends. */',
    `export const sends: readonly ClientContract[] = ${list(plan.sends)};`,
    '/** Events this agent receives. */',
    `export const receives: readonly ClientContract[] = ${list(plan.receives)};`,
    ...(failure ? ['/** The failure event the consumer publishes when it gives up on an event. */', `export const failureContract: ClientContract = ${contractConst(failure)};`] : []),
    '',
  ].join('\n');
  return { path: `${plan.folder}/contracts.ts`, contents };
}
