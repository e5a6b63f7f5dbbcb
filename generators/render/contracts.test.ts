/**
 * contracts.ts judged on what it emits: the generated `contracts.ts` is transpiled and run
 * (validators stubbed), and its contract objects are compared with what the catalog declares;
 * its declarations and doc comments are read from the TypeScript AST.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '#catalog/model.ts';
import { miniCatalog } from '#generators/fixtures/mini-catalog.ts';
import { renderContracts, NO_RETRY } from './contracts.ts';
import { planCatalog, type AgentPlan, type EventPlan } from './plan.ts';

const RUNTIME = 'rt-under-test';
const HEADER = '/* header */';

/**
 * The mini catalog plus what it lacks: a subscriber list where this agent is not first, doc
 * texts in every combination, a channel without address, a per-message SLA and an agent that
 * neither sends nor receives.
 */
function catalog(): Catalog {
  const c = miniCatalog();
  const [v1, v2, completed] = c.events;
  Object.assign(v1!, {
    summary: 'Sum of v1',
    title: 'Title of v1',
    description: 'Description of v1',
    subscribers: [
      { agent: 'auditor', role: 'observer', operationId: 'audit', reads: ['/a'] },
      { agent: 'worker', role: 'handler', operationId: 'onTask', reads: ['/taskId', '/tags'] },
    ],
  });
  Object.assign(v2!, { title: 'Title of v2', description: 'Description of v2', channel: { id: 'v2', address: null } });
  Object.assign(completed!, {
    description: 'Description of completed',
    sla: { latencyP95Ms: 5, throughputPerSecond: 7, delivery: 'exactly-once', ordering: 'total' },
  });
  c.agents.push({ id: 'idle', sends: [], receives: [] });
  return c;
}

interface Rendered {
  plan: AgentPlan;
  text: string;
  source: ts.SourceFile;
  module: Record<string, unknown>;
  stubs: Record<string, () => boolean>;
}

function render(agent: string, cat: Catalog = catalog(), built?: (plan: AgentPlan) => Map<EventPlan, { name: string }>): Rendered {
  const plan = planCatalog(cat).agents.find((a) => a.agent === agent)!;
  const builtMap = built?.(plan);
  const file = renderContracts(plan, cat, HEADER, RUNTIME, builtMap);
  const text = file.contents;
  const out = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, reportDiagnostics: true });
  // why: the generated file must at least parse; an empty expression (`= ;`) or a stray token is a broken client.
  expect(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) ?? []).toEqual([]);
  expect(file.path).toBe(`${plan.folder}/contracts.ts`);
  // One distinct function per validator name, so `validate` can be checked by identity.
  const stubs: Record<string, () => boolean> = {};
  for (const name of [...plan.validated.map((e) => e.validator), ...[...(builtMap?.values() ?? [])].map((b) => b.name)]) stubs[name] = () => true;
  const exports: Record<string, unknown> = {};
  const requireStub = (spec: string): unknown => {
    if (spec === './validators.js') return stubs;
    throw new Error(`unexpected runtime import of ${spec}`);
  };
  new Function('exports', 'require', out.outputText)(exports, requireStub);
  return { plan, text, source: ts.createSourceFile('contracts.ts', text, ts.ScriptTarget.Latest, true), module: exports, stubs };
}

/** Text of the `/** … *\/` comments directly before `node`. */
const docOf = (source: ts.SourceFile, node: ts.Node): string[] =>
  (ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? []).map((r) => source.text.slice(r.pos, r.end)).filter((t) => t.startsWith('/**'));

const statement = (source: ts.SourceFile, name: string): ts.Statement => {
  const found = source.statements.find((s) =>
    ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name) ||
    (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)));
  if (!found) throw new Error(`no declaration ${name}`);
  return found;
};

const initializer = (source: ts.SourceFile, name: string): ts.ObjectLiteralExpression =>
  (statement(source, name) as ts.VariableStatement).declarationList.declarations[0]!.initializer as ts.ObjectLiteralExpression;

describe('renderContracts: the contract objects', () => {
  it('describes each received event as the catalog declares it, with this agent\'s subscriber role', () => {
    const { module, stubs } = render('worker');
    // why: the runtime subscribes by eventType/version/subject and checks with `validate`; role and reads are the worker's own x-role/x-reads, not another subscriber's.
    expect(module.taskWorkRequestedV1Contract).toStrictEqual({
      eventType: 'Task.Work.Requested',
      version: '1.0.0',
      subject: 'Task.Work.Requested.*',
      channel: 'task.work.requested',
      partitionKey: '/payload/taskId',
      role: 'handler',
      reads: ['/taskId', '/tags'],
      validate: stubs.validateTaskWorkRequestedV1,
    });
    // why: a channel without address is `null`, not the string "null"; v2 declares no x-reads, so no `reads` key.
    expect(module.taskWorkRequestedV2Contract).toStrictEqual({
      eventType: 'Task.Work.Requested',
      version: '2.0.0',
      subject: 'Task.Work.Requested.*',
      channel: null,
      partitionKey: '/payload/taskId',
      role: 'handler',
      validate: stubs.validateTaskWorkRequestedV2,
    });
  });

  it('gives sent events their retry policy and SLA and no subscriber role', () => {
    const { module, stubs } = render('worker');
    // why: the worker publishes Task.Work.Completed; its message-level retry policy and SLA travel with the contract, and it has no x-role there.
    expect(module.taskWorkCompletedContract).toStrictEqual({
      eventType: 'Task.Work.Completed',
      version: '1.0.0',
      subject: 'Task.Work.Completed.*',
      channel: 'task.work.completed',
      partitionKey: '/payload/taskId',
      retryPolicy: { maxAttempts: 5, backoff: 'linear', initialDelayMs: 10, maxDelayMs: 100, retryableErrors: ['TIMEOUT'] },
      sla: { latencyP95Ms: 5, throughputPerSecond: 7, delivery: 'exactly-once', ordering: 'total' },
      validate: stubs.validateTaskWorkCompleted,
    });
    // why: the failure event declares no partition key, retry policy or SLA: those keys are absent, not undefined.
    expect(module.platformEventFailedContract).toStrictEqual({
      eventType: 'Platform.Event.Failed',
      version: '1.0.0',
      subject: 'Platform.Event.Failed.*',
      channel: 'platform.event.failed',
      validate: stubs.validatePlatformEventFailed,
    });
  });

  it('takes the role of the rendered agent only: a publisher gets none, a subscriber without x-reads gets no reads', () => {
    const { module, stubs } = render('planner');
    // why: the planner publishes Task.Work.Requested v2 (worker is its only subscriber): no role for the planner.
    expect(module.taskWorkRequestedV2Contract).not.toHaveProperty('role');
    expect(module.taskWorkRequestedV2Contract).not.toHaveProperty('reads');
    // why: the planner subscribes to Task.Work.Completed as handler and declares no x-reads.
    expect(module.taskWorkCompletedContract).toMatchObject({ role: 'handler', validate: stubs.validateTaskWorkCompleted });
    expect(module.taskWorkCompletedContract).not.toHaveProperty('reads');
    // why: a producer sends only the latest version of a type, so v1 is not in the planner's client.
    expect(module).not.toHaveProperty('taskWorkRequestedV1Contract');
  });

  it('lists sends, receives and the failure contract by identity', () => {
    const { module } = render('worker');
    // why: the producer and consumer iterate these lists; each entry is the same object as the named contract.
    expect(module.sends).toEqual([module.platformEventFailedContract, module.taskWorkCompletedContract]);
    expect((module.sends as unknown[])[1]).toBe(module.taskWorkCompletedContract);
    expect(module.receives).toEqual([module.taskWorkRequestedV1Contract, module.taskWorkRequestedV2Contract]);
    expect((module.receives as unknown[])[0]).toBe(module.taskWorkRequestedV1Contract);
    // why: the consumer publishes this contract's event when a handler gives up.
    expect(module.failureContract).toBe(module.platformEventFailedContract);
  });

  it('exports the agent, the document version, its retry policy and SLA', () => {
    const cat = catalog();
    const { module } = render('worker', cat);
    // why: `agent` is metadata.source of what the client sends; the others are document-level settings.
    expect(module.agent).toBe('worker');
    expect(module.documentVersion).toBe('2.1.0');
    expect(module.retryPolicy).toEqual(cat.retryPolicy);
    expect(module.sla).toEqual(cat.sla);
  });

  it('falls back to no retries and no SLA, and empty lists, for a bare document and an idle agent', () => {
    const cat = catalog();
    delete cat.retryPolicy;
    delete cat.sla;
    const { module, text } = render('idle', cat);
    // why: without x-retry-policy a failed handler is not retried: one attempt, no delay.
    expect(module.retryPolicy).toEqual({ maxAttempts: 1, backoff: 'fixed', initialDelayMs: 0, maxDelayMs: 0, retryableErrors: [] });
    expect(NO_RETRY).toEqual(module.retryPolicy);
    // why: `sla` is declared `Sla | undefined`; a document without x-sla gives undefined.
    expect(module).toHaveProperty('sla', undefined);
    // why: an agent with no events has empty lists, no failure contract and nothing to import from validators.
    expect(module.sends).toEqual([]);
    expect(module.receives).toEqual([]);
    expect(module).not.toHaveProperty('failureContract');
    expect(text).not.toContain('./validators.js');
  });

  it('adds validateBuilt for events with a built-event validator and imports it', () => {
    const { module, stubs, source } = render('worker', catalog(), (plan) => new Map([[plan.events.find((e) => e.contract.eventType === 'Task.Work.Completed')!, { name: 'validateBuiltTaskWorkCompleted' }]]));
    // why: the producer checks what it built with validateBuilt; only the event in the map has one.
    expect((module.taskWorkCompletedContract as { validateBuilt?: unknown }).validateBuilt).toBe(stubs.validateBuiltTaskWorkCompleted);
    expect(module.taskWorkRequestedV1Contract).not.toHaveProperty('validateBuilt');
    const imports = source.statements.filter(ts.isImportDeclaration).map((d) => d.getText(source));
    // why: every validator the contracts use is imported from the generated validators module, the built one last.
    expect(imports).toEqual([
      `import type { ContractData, RetryPolicy } from '${RUNTIME}';`,
      "import { validatePlatformEventFailed, validateTaskWorkCompleted, validateTaskWorkRequestedV1, validateTaskWorkRequestedV2, validateBuiltTaskWorkCompleted } from './validators.js';",
    ]);
  });
});

describe('renderContracts: declarations and documentation', () => {
  it('declares the Sla and ClientContract interfaces the contracts are typed with', () => {
    const { source } = render('worker');
    const members = (name: string): string[] => (statement(source, name) as ts.InterfaceDeclaration).members.map((m) => m.getText(source).replace(/^\/\*\*.*\*\/\s*/s, ''));
    // why: the seed's x-sla shape; delivery and ordering are closed unions.
    expect(members('Sla')).toEqual([
      'latencyP95Ms: number;',
      'throughputPerSecond: number;',
      "delivery: 'at-least-once' | 'at-most-once' | 'exactly-once';",
      "ordering: 'partial-per-aggregate' | 'total' | 'none';",
    ]);
    const contract = statement(source, 'ClientContract') as ts.InterfaceDeclaration;
    // why: a ClientContract is the runtime's ContractData plus where the event travels, its SLA and this agent's role.
    expect(contract.heritageClauses?.map((h) => h.getText(source))).toEqual(['extends ContractData']);
    expect(members('ClientContract')).toEqual(['subject: string;', 'channel: string | null;', 'sla?: Sla;', 'role?: string;', 'reads?: readonly string[];']);
    // why: the role member documents where role and reads come from.
    expect(docOf(source, contract.members[3]!)).toEqual(["/** This agent's role as a subscriber (`x-role`), and the payload pointers it reads (`x-reads`). */"]);
  });

  it('puts one line per property in each contract, with the subject layout documented', () => {
    const { source, text } = render('worker');
    const lines = text.split('\n');
    // why: one property per line (the file is read by people and diffed in review).
    expect(lines).toContain("  eventType: 'Task.Work.Requested',");
    expect(lines).toContain('export const taskWorkRequestedV1Contract: ClientContract = {');
    expect(lines).toContain("export const agent = 'worker';");
    const subject = initializer(source, 'taskWorkRequestedV1Contract').properties.find((p) => p.name?.getText(source) === 'subject')!;
    // why: the subject is a filter under the transport prefix; the comment shows the full layout.
    expect(docOf(source, subject)).toEqual(['/** Subject under the transport prefix: `<prefix>.Task.Work.Requested.<partition key>`. */']);
  });

  it('titles each contract with event type, version and its summary, else title, else description', () => {
    const { source } = render('worker');
    const doc = (name: string): string[] => docOf(source, statement(source, name));
    // why: summary wins over title and description.
    expect(doc('taskWorkRequestedV1Contract')).toEqual(['/** Task.Work.Requested 1.0.0 — Sum of v1 */']);
    // why: without summary, the title.
    expect(doc('taskWorkRequestedV2Contract')).toEqual(['/** Task.Work.Requested 2.0.0 — Title of v2 */']);
    // why: with only a description, the description.
    expect(doc('taskWorkCompletedContract')).toEqual(['/** Task.Work.Completed 1.0.0 — Description of completed */']);
    // why: nothing to add: type and version only.
    expect(doc('platformEventFailedContract')).toEqual(['/** Platform.Event.Failed 1.0.0 */']);
  });

  it('documents every exported declaration', () => {
    const { source } = render('worker');
    const doc = (name: string): string => docOf(source, statement(source, name)).join('\n');
    // why: these comments are the client's reference documentation (shown on hover).
    expect(doc('Sla')).toBe("/** The seed's SLA shape (`x-sla`). */");
    expect(doc('ClientContract')).toBe('/** Contract data of one event: what the runtime needs plus where it travels and its SLA. */');
    expect(doc('agent')).toBe('/** The agent this client belongs to: `metadata.source` of what it sends, its durable consumer name. */');
    expect(doc('documentVersion')).toBe('/** `info.version` of the document this client was generated from. */');
    expect(doc('retryPolicy')).toBe("/** The document's retry policy (`x-retry-policy`); messages may override it. */");
    expect(doc('sla')).toBe("/** The document's SLA (`x-sla`), if it declares one. */");
    expect(doc('sends')).toBe('/** Events this agent sends. */');
    expect(doc('receives')).toBe('/** Events this agent receives. */');
    expect(doc('failureContract')).toBe('/** The failure event the consumer publishes when it gives up on an event. */');
  });

  it('says so when the document declares no retry policy', () => {
    const cat = catalog();
    delete cat.retryPolicy;
    const { source } = render('idle', cat);
    // why: the fallback is a decision of the generator, not of the document; the comment must not claim otherwise.
    expect(docOf(source, statement(source, 'retryPolicy'))).toEqual(['/** The document declares no `x-retry-policy`: failed handlers are not retried. */']);
  });
});
