/**
 * The emitted `producer.ts` judged as a module: loaded with a recording stand-in for the
 * runtime (so each call it makes is visible), and its public types read with the TypeScript
 * parser. The end-to-end run on the real runtime is in clients.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '#catalog/model.ts';
import { miniCatalog } from '#generators/fixtures/mini-catalog.ts';
import { agentPlanOf } from '#generators/fixtures/plans.ts';
import { declaration, importsOf, interfaceMembers, loadEmitted, markerModule, nameCheck } from '#generators/fixtures/emitted.ts';
import { renderProducer } from './producer.ts';
import type { AgentPlan } from './plan.ts';

const HEADER = '/* test header */';
const RUNTIME = 'event-contracts/runtime';

const agentPlan = (agent: string, catalog: Catalog = miniCatalog()): AgentPlan => agentPlanOf(catalog, agent);

const render = (plan: AgentPlan, runtimeImport = RUNTIME): string => {
  const file = renderProducer(plan, HEADER, runtimeImport);
  if (!file) throw new Error('no producer rendered');
  return file.contents;
};

/** A stand-in runtime that records what the generated producer asks of it. */
function recordingRuntime() {
  const calls: { fn: string; args: unknown[] }[] = [];
  const runtime = {
    send: (...args: unknown[]) => (calls.push({ fn: 'send', args }), Promise.resolve({ sent: args[0] })),
    build: (...args: unknown[]) => (calls.push({ fn: 'build', args }), { built: args[0] }),
  };
  const module = {
    createProducerRuntime: (options: unknown) => (calls.push({ fn: 'createProducerRuntime', args: [options] }), runtime),
  };
  return { calls, runtime, module };
}

describe('renderProducer: when there is a producer', () => {
  it('renders none for an agent that sends nothing', () => {
    const catalog = miniCatalog();
    catalog.agents.push({ id: 'auditor', sends: [], receives: ['Task.Work.Completed'] });
    // why: a producer with no send methods is noise; the client of a pure consumer has none.
    expect(renderProducer(agentPlan('auditor', catalog), HEADER, RUNTIME)).toBeUndefined();
    // why: ...while an agent that does send gets one, in its own folder.
    expect(renderProducer(agentPlan('planner', catalog), HEADER, RUNTIME)?.path).toBe('planner/producer.ts');
  });

  it('renders none when an event it sends has no BaseEvent envelope', () => {
    const catalog = miniCatalog();
    catalog.events.find((e) => e.eventType === 'Task.Work.Completed')!.enveloped = false;
    const worker = agentPlan('worker', catalog);
    // why: the runtime producer always builds an envelope; it cannot send a bare payload.
    expect(worker.sends.length).toBeGreaterThan(0);
    expect(renderProducer(worker, HEADER, RUNTIME)).toBeUndefined();
  });
});

describe('the emitted producer at run time', () => {
  it('creates one runtime producer with the transport, the agent, the tenant and the contracts of what it sends', () => {
    const rt = recordingRuntime();
    const contracts = markerModule();
    const mod = loadEmitted(render(agentPlan('planner')), { [RUNTIME]: rt.module, './contracts.ts': contracts });
    const transport = { transport: true };
    const producer = (mod.createProducer as (o: unknown) => Record<string, unknown>)({ transport, tenantId: 'acme' });
    // why: the producer is a thin typed layer; everything else (envelope, validation) is the runtime's,
    // so it must hand over exactly these, with the contracts of the latest version of each sent type.
    expect(rt.calls).toEqual([
      {
        fn: 'createProducerRuntime',
        args: [{ transport, agent: contracts.agent, tenantId: 'acme', contracts: [contracts.platformEventFailedContract, contracts.taskWorkRequestedV2Contract] }],
      },
    ]);
    // why: `producer.runtime` is the documented escape hatch (re-publish, generic build).
    expect(producer.runtime).toBe(rt.runtime);
  });

  it('maps each typed send/build method to the runtime call for its event type', async () => {
    const rt = recordingRuntime();
    const mod = loadEmitted(render(agentPlan('planner')), { [RUNTIME]: rt.module, './contracts.ts': markerModule() });
    const producer = (mod.createProducer as (o: unknown) => { send: Record<string, (p: unknown, o?: unknown) => Promise<unknown>>; build: Record<string, (p: unknown, o?: unknown) => unknown> })({
      transport: {},
      tenantId: 't',
    });
    // why: one method per sent event type, named after the type (and major when several exist).
    expect(Object.keys(producer.send).sort()).toEqual(['platformEventFailed', 'taskWorkRequestedV2']);
    expect(Object.keys(producer.build).sort()).toEqual(['platformEventFailed', 'taskWorkRequestedV2']);
    const payload = { taskId: 't-1' };
    const options = { causedBy: { eventId: 'e' } };
    // why: the method passes the document's event type (not the TS name), the payload and the options through.
    await expect(producer.send.taskWorkRequestedV2!(payload, options)).resolves.toEqual({ sent: 'Task.Work.Requested' });
    expect(producer.build.platformEventFailed!(payload)).toEqual({ built: 'Platform.Event.Failed' });
    expect(rt.calls.slice(1)).toEqual([
      { fn: 'send', args: ['Task.Work.Requested', payload, options] },
      { fn: 'build', args: ['Platform.Event.Failed', payload, undefined] },
    ]);
  });

  it('imports the runtime from the configured specifier', () => {
    const rt = recordingRuntime();
    // why: client bundles import `./runtime/index.ts`; the emitted import must use what it is given.
    const mod = loadEmitted(render(agentPlan('planner'), './runtime/index.ts'), { './runtime/index.ts': rt.module, './contracts.ts': markerModule() });
    (mod.createProducer as (o: unknown) => unknown)({ transport: {}, tenantId: 't' });
    expect(rt.calls.map((c) => c.fn)).toEqual(['createProducerRuntime']);
  });
});

describe('the emitted producer as source', () => {
  it('starts with the generated header on lines of its own, then one import per line', () => {
    const lines = render(agentPlan('planner')).split('\n');
    // why: the header marks the file as generated; each import statement stands on its own line.
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1, 4).every((l) => l.startsWith('import '))).toBe(true);
  });

  it('imports exactly the names it uses, and the event and payload types sorted', () => {
    const planner = agentPlan('planner');
    // The plan's order reversed: the import must not depend on it.
    const source = render({ ...planner, sends: [...planner.sends].reverse() });
    // why: a name used but not imported does not compile; one imported but unused fails lint.
    expect(nameCheck(source)).toEqual({ unresolved: [], unusedImports: [] });
    const types = importsOf(source).find((i) => i.from === './types.ts');
    // why: type-only import of both the event and the payload type of each sent event, in a stable order.
    expect(types).toEqual({
      from: './types.ts',
      typeOnly: true,
      names: ['PlatformEventFailedEvent', 'PlatformEventFailedPayload', 'TaskWorkRequestedV2Event', 'TaskWorkRequestedV2Payload'],
    });
    expect(importsOf(source).find((i) => i.from === RUNTIME)).toEqual({
      from: RUNTIME,
      typeOnly: false,
      names: ['createProducerRuntime', 'type ProducerRuntime', 'type SendOptions', 'type Transport'],
    });
  });

  it('declares ProducerOptions: a transport and the tenant of every event', () => {
    const members = interfaceMembers(render(agentPlan('planner')), 'ProducerOptions');
    // why: both are required to build an envelope; the tenant default is documented for the IDE.
    expect(members?.map((m) => [m.text.replace(/^\/\*\*.*?\*\/ /, ''), m.optional])).toEqual([
      ['transport: Transport;', false],
      ['tenantId: string;', false],
    ]);
    expect(members?.[1]?.doc).toMatch(/`metadata\.tenantId` of every event.*options\.tenantId/);
  });

  it('declares a typed Producer: send (Promise of the event) and build (the event) per sent event, and the runtime', () => {
    const source = render(agentPlan('planner'));
    const producer = interfaceMembers(source, 'Producer');
    expect(producer?.map((m) => m.name)).toEqual(['send', 'build', 'runtime']);
    const [send, build, runtime] = producer!;
    const sig = (m: { text: string }) => m.text.replace(/^\/\*\*.*?\*\/ /, '');
    // why: callers get the payload type checked and the full event type back, per method.
    expect(send!.members?.map(sig)).toEqual([
      'platformEventFailed(payload: PlatformEventFailedPayload, options?: SendOptions): Promise<PlatformEventFailedEvent>;',
      'taskWorkRequestedV2(payload: TaskWorkRequestedV2Payload, options?: SendOptions): Promise<TaskWorkRequestedV2Event>;',
    ]);
    expect(build!.members?.map(sig)).toEqual([
      'platformEventFailed(payload: PlatformEventFailedPayload, options?: SendOptions): PlatformEventFailedEvent;',
      'taskWorkRequestedV2(payload: TaskWorkRequestedV2Payload, options?: SendOptions): TaskWorkRequestedV2Event;',
    ]);
    expect(sig(runtime!)).toBe('runtime: ProducerRuntime;');
    // why: the IDE shows which document event and version a method sends, and what build/runtime are for.
    expect(send!.members?.map((m) => m.doc)).toEqual([
      'Builds, validates and publishes Platform.Event.Failed 1.0.0; resolves once the broker stored it.',
      'Builds, validates and publishes Task.Work.Requested 2.0.0; resolves once the broker stored it.',
    ]);
    expect(build!.doc).toBe('Builds and validates without sending (pure); throws ContractViolationError.');
    expect(runtime!.doc).toBe('The underlying runtime producer (re-publish an event, build generically).');
  });

  it('documents the envelope rule on the Producer type, naming the agent', () => {
    const doc = declaration(render(agentPlan('planner')), 'Producer')?.doc;
    // why: where eventId, correlationId and causationId come from is the contract callers rely on.
    expect(doc).toContain('The typed producer of planner.');
    expect(doc).toContain('`eventId` is a fresh UUID v4, `timestamp` UTC, `metadata.source` the agent.');
    expect(doc).toContain('Inside a handler the handled event is the default cause (override with `causedBy`, or `root: true`)');
    expect(doc).toContain('the event inherits its `correlationId`, tenant, user and session, and `causationId` = its `eventId`.');
    expect(doc).toContain('A root event has `correlationId` = `options.correlationId ?? eventId` and `causationId` = that correlationId.');
  });

  it('keeps document text in its comments from closing them', () => {
    // The catalog loader refuses such an agent id as a folder name; the renderer must still be safe.
    const source = render({ ...agentPlan('planner'), agent: 'x*/y' });
    // why: `*/` from the document would end the doc comment and turn the rest into code.
    expect(declaration(source, 'Producer')?.doc).toContain('The typed producer of x*\\/y.');
    expect(nameCheck(source).unresolved).toEqual([]);
  });
});
