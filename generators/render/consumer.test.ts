/**
 * The emitted `consumer.ts` judged as a module: loaded with a recording stand-in for the
 * runtime (what the generated wrapper hands to `createConsumerRuntime` is its whole job), and
 * its public types read with the TypeScript parser. The end-to-end run on the real runtime
 * (dispatch by major, retries, the failure event) is in clients.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '#catalog/model.ts';
import { miniCatalog } from '#generators/fixtures/mini-catalog.ts';
import { agentPlanOf } from '#generators/fixtures/plans.ts';
import { declaration, importsOf, interfaceMembers, loadEmitted, markerModule, nameCheck } from '#generators/fixtures/emitted.ts';
import { renderConsumer } from './consumer.ts';
import type { AgentPlan } from './plan.ts';

const HEADER = '/* test header */';
const RUNTIME = 'event-contracts/runtime';

const agentPlan = (agent: string, catalog: Catalog = miniCatalog()): AgentPlan => agentPlanOf(catalog, agent);

const render = (plan: AgentPlan): string => {
  const file = renderConsumer(plan, HEADER, RUNTIME);
  if (!file) throw new Error('no consumer rendered');
  return file.contents;
};

type CreateConsumer = (options: Record<string, unknown>) => unknown;

/** Loads the emitted consumer with a runtime that records the options it is given. */
function load(plan: AgentPlan) {
  const seen: Record<string, unknown>[] = [];
  const runtimeResult = { runtime: 'consumer' };
  const contracts = markerModule();
  const mod = loadEmitted(render(plan), {
    [RUNTIME]: { createConsumerRuntime: (options: Record<string, unknown>) => (seen.push(options), runtimeResult) },
    './contracts.ts': contracts,
  });
  return { createConsumer: mod.createConsumer as CreateConsumer, seen, contracts, runtimeResult };
}

const strip = (m: { text: string }): string => m.text.replace(/^\/\*\*.*?\*\/ /, '');

describe('renderConsumer: when there is a consumer', () => {
  it('renders one for an agent that receives enveloped events and has a failure event to publish', () => {
    // why: the ordinary case, in the agent's folder.
    expect(renderConsumer(agentPlan('worker'), HEADER, RUNTIME)?.path).toBe('worker/consumer.ts');
  });

  it('renders none for an agent that receives nothing, even with a failure event at hand', () => {
    const worker = agentPlan('worker');
    // why: a consumer without handlers would subscribe to nothing.
    expect(worker.failure).toBeDefined();
    expect(renderConsumer({ ...worker, receives: [] }, HEADER, RUNTIME)).toBeUndefined();
  });

  it('renders none when a received event has no BaseEvent envelope', () => {
    const catalog = miniCatalog();
    catalog.events.find((e) => e.eventType === 'Task.Work.Completed')!.enveloped = false;
    const planner = agentPlan('planner', catalog);
    // why: the runtime consumer reads envelope fields (eventId, partition key, causation) of every event.
    expect(planner.receives.length).toBeGreaterThan(0);
    expect(planner.failure).toBeDefined();
    expect(planner.consumerSkipped).toBeDefined();
    expect(renderConsumer(planner, HEADER, RUNTIME)).toBeUndefined();
  });

  it('renders none without a failure event to publish when a handler gives up', () => {
    const { failure: _failure, ...worker } = agentPlan('worker');
    // why: the consumer must report an event it gives up on; with nothing to publish it cannot.
    expect(renderConsumer(worker, HEADER, RUNTIME)).toBeUndefined();
  });
});

describe('the emitted consumer at run time', () => {
  it('hands the runtime the agent, its contracts, the handlers, the document retry policy and the failure contract', () => {
    const { createConsumer, seen, contracts, runtimeResult } = load(agentPlan('worker'));
    const transport = { transport: true };
    const handlers = { 'Task.Work.Requested': { 1: () => {}, 2: () => {} } };
    // why: the wrapper returns the runtime consumer itself (start/stop/stats).
    expect(createConsumer({ transport, handlers })).toBe(runtimeResult);
    // why: without options, only what the document says is passed: no store, concurrency, limits or error hook,
    // so the runtime's own defaults apply.
    expect(seen).toEqual([
      {
        transport,
        agent: contracts.agent,
        contracts: [contracts.taskWorkRequestedV1Contract, contracts.taskWorkRequestedV2Contract],
        handlers,
        retryPolicy: contracts.retryPolicy,
        failureEvent: { contract: contracts.failureContract },
      },
    ]);
  });

  it('passes every consumer option through to the runtime', () => {
    const { createConsumer, seen, contracts } = load(agentPlan('worker'));
    const idempotencyStore = { store: true };
    const onError = () => {};
    const retryPolicy = { maxAttempts: 2 };
    createConsumer({ transport: {}, handlers: {}, tenantId: 'ops', idempotencyStore, concurrency: 3, maxInFlight: 7, onError, retryPolicy });
    const options = seen[0]!;
    // why: each documented option must reach the runtime, or setting it silently does nothing.
    expect(options.idempotencyStore).toBe(idempotencyStore);
    expect(options.concurrency).toBe(3);
    expect(options.maxInFlight).toBe(7);
    expect(options.onError).toBe(onError);
    expect(options.failureEvent).toEqual({ contract: contracts.failureContract, tenantId: 'ops' });
    // why: an explicit policy replaces the document's, both consumer-wide and on every contract.
    expect(options.retryPolicy).toBe(retryPolicy);
    expect(options.contracts).toEqual([
      { ...(contracts.taskWorkRequestedV1Contract as object), retryPolicy },
      { ...(contracts.taskWorkRequestedV2Contract as object), retryPolicy },
    ]);
  });
});

describe('the emitted consumer as source', () => {
  it('starts with the generated header, then imports exactly the names it uses', () => {
    const worker = agentPlan('worker');
    // The plan's order reversed: the import must not depend on it.
    const source = render({ ...worker, receives: [...worker.receives].reverse() });
    // why: the header marks the file as generated.
    expect(source.split('\n')[0]).toBe(HEADER);
    // why: a name used but not imported does not compile; one imported but unused fails lint.
    expect(nameCheck(source)).toEqual({ unresolved: [], unusedImports: [] });
    const imports = importsOf(source);
    expect(imports.find((i) => i.from === RUNTIME)).toEqual({
      from: RUNTIME,
      typeOnly: false,
      names: ['createConsumerRuntime', 'type ConsumerRuntime', 'type ConsumerRuntimeOptions', 'type HandlerContext', 'type IdempotencyStore', 'type RetryPolicy', 'type Transport'],
    });
    // why: type-only import of each received event type, in a stable (sorted) order.
    expect(imports.find((i) => i.from === './types.ts')).toEqual({ from: './types.ts', typeOnly: true, names: ['TaskWorkRequestedV1Event', 'TaskWorkRequestedV2Event'] });
  });

  it('declares the Handler type and documents when an event is acknowledged and how to ask for a retry', () => {
    const handler = declaration(render(agentPlan('worker')), 'Handler');
    // why: handlers may be sync or async and get the handling context.
    expect(handler?.text).toBe('export type Handler<E> = (event: E, context: HandlerContext) => void | Promise<void>;');
    expect(handler?.doc).toBe(
      'A typed handler. The consumer acknowledges the event only after it resolves. To ask for a retry, throw `new HandlerError(code, message, { retryable: true })` with a code from the retry policy; anything else (or exhausted attempts) publishes one failure event.',
    );
  });

  it('keys handlers by event type, nested by major version only when the type has several', () => {
    const worker = declaration(render(agentPlan('worker')), 'Handlers');
    const workerMembers = interfaceMembers(render(agentPlan('worker')), 'Handlers');
    // why: worker receives majors 1 and 2 of Task.Work.Requested: one handler for each, typed by that version.
    expect(worker?.doc).toBe('One handler per event type worker receives.');
    expect(workerMembers?.map((m) => [m.name, m.optional, m.doc])).toEqual([['Task.Work.Requested', false, 'Task.Work.Requested, one handler per major version.']]);
    expect(workerMembers?.[0]?.members?.map((m) => m.text)).toEqual(['1: Handler<TaskWorkRequestedV1Event>;', '2: Handler<TaskWorkRequestedV2Event>;']);
    const plannerMembers = interfaceMembers(render(agentPlan('planner')), 'Handlers');
    // why: planner receives one version of Task.Work.Completed: a plain handler, its version in the doc.
    expect(plannerMembers?.map((m) => [strip(m), m.doc])).toEqual([["'Task.Work.Completed': Handler<TaskWorkCompletedEvent>;", 'Task.Work.Completed 1.0.0.']]);
  });

  it('declares ConsumerOptions: transport and handlers required, the rest optional and documented', () => {
    const members = interfaceMembers(render(agentPlan('worker')), 'ConsumerOptions');
    // why: these are the options the wrapper passes on (see the run-time tests); each has its type.
    expect(members?.map(strip)).toEqual([
      'transport: Transport;',
      'handlers: Handlers;',
      'tenantId?: string;',
      'idempotencyStore?: IdempotencyStore;',
      'concurrency?: number;',
      'maxInFlight?: number;',
      'retryPolicy?: RetryPolicy;',
      'onError?: (error: unknown) => void;',
    ]);
    const doc = (name: string) => members?.find((m) => m.name === name)?.doc;
    // why: the defaults and meaning of each tuning option are what the IDE shows.
    expect(doc('tenantId')).toBe('Tenant of published failure events; default: the tenant of the failed event.');
    expect(doc('idempotencyStore')).toBe('Absorbs redeliveries by eventId; default: in memory, bounded.');
    expect(doc('concurrency')).toBe('Partition keys handled at once (events of one key are always handled in order).');
    expect(doc('maxInFlight')).toBe('Delivered-but-unacknowledged events held at once.');
    expect(doc('retryPolicy')).toBe("Replaces the document's retry policies (document-wide and per message) for this consumer.");
  });

  it('documents createConsumer with the agent name, escaped', () => {
    const create = declaration(render({ ...agentPlan('worker'), agent: 'w*/x' }), 'createConsumer');
    // why: `*/` from the document would close the doc comment and turn the rest into code.
    expect(create?.exported).toBe(true);
    expect(create?.doc).toBe('The typed consumer of w*\\/x: a durable consumer named after the agent.');
  });
});
