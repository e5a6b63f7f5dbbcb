/**
 * The generation plan (plan.ts) on tiny catalogs: which events each agent's client sends,
 * receives and validates, which version a producer is pinned to, the names of every event,
 * why a producer or consumer is skipped, and the errors for documents that cannot be planned.
 */
import { describe, expect, it } from 'vitest';
import { nameProblem } from '#catalog/names.ts';
import { versionProblem } from '#compat/semver.ts';
import type { EventContract } from '#catalog/model.ts';
import { tinyAgent, tinyCatalog, tinyEvent, tinyFailure } from '#generators/fixtures/tiny-catalog.ts';
import { generationErrorOf } from '#generators/fixtures/plans.ts';
import { compareEvents, isSupportedSchemaFormat, planCatalog, type AgentPlan, type EventPlan } from './plan.ts';

/** `Type@version` of each planned event, the form the assertions below compare. */
const ids = (list: EventPlan[] | undefined): string[] => (list ?? []).map((e) => `${e.contract.eventType}@${e.contract.version}`);
const only = (plan: ReturnType<typeof planCatalog>, agent: string): AgentPlan => plan.agents.find((a) => a.agent === agent)!;
const thrown = generationErrorOf;

describe('compareEvents', () => {
  const e = (eventType: string, version: string, name: string): EventContract => tinyEvent(eventType, { version, name });

  it('orders by event type, then by semver (not text) version, then by message name', () => {
    const ordered = [e('A.B.C', '1.0.0', 'Z'), e('A.B.C', '2.0.0', 'A'), e('A.B.C', '9.0.0', 'M'), e('A.B.C', '10.0.0', 'B'), e('A.B.C', '10.0.0', 'C'), e('B.A.A', '1.0.0', 'A')];
    for (let i = 0; i + 1 < ordered.length; i++) {
      const [a, b] = [ordered[i]!, ordered[i + 1]!];
      // why: the plan, the generated files and the names (Foo, Foo2) follow this order; it must be total and antisymmetric.
      expect(compareEvents(a, b), `${a.name} before ${b.name}`).toBeLessThan(0);
      expect(compareEvents(b, a), `${b.name} after ${a.name}`).toBeGreaterThan(0);
    }
    // why: equal type, version and name is a tie (no arbitrary order).
    expect(compareEvents(e('A.B.C', '1.0.0', 'X'), e('A.B.C', '1.0.0', 'X'))).toBe(0);
    // why: sorting any permutation gives the same order.
    expect([...ordered].reverse().sort(compareEvents).map((x) => x.name)).toEqual(ordered.map((x) => x.name));
  });
});

describe('planCatalog: events and names', () => {
  it('plans events in compareEvents order whatever the document order', () => {
    const catalog = tinyCatalog([tinyEvent('Z.Y.X'), tinyEvent('A.B.C', { version: '10.0.0' }), tinyEvent('A.B.C', { version: '9.1.0' })], [tinyAgent('a', ['A.B.C', 'Z.Y.X'])]);
    // why: generated files must not change when messages are reordered in the document.
    expect(ids(planCatalog(catalog).events)).toEqual(['A.B.C@9.1.0', 'A.B.C@10.0.0', 'Z.Y.X@1.0.0']);
  });

  it('names each event once per catalog, with a V<major> suffix only when the type has several majors', () => {
    const catalog = tinyCatalog(
      [tinyEvent('Task.Done'), tinyEvent('Job.Run', { version: '9.0.0' }), tinyEvent('Job.Run', { version: '10.0.0' }), tinyEvent('Job.Run', { version: '10.1.0' })],
      [tinyAgent('a', ['Task.Done'])],
    );
    const plan = planCatalog(catalog);
    const names = plan.events.map((p) => [p.contract.version, p.major, p.base, p.method, p.eventType, p.payloadType, p.validator]);
    // why: one type with one major keeps the plain name; majors 9 and 10 get V9/V10 (semver, so 10 is not "1"); two versions of one major get unique names.
    expect(names).toEqual([
      ['9.0.0', 9, 'JobRunV9', 'jobRunV9', 'JobRunV9Event', 'JobRunV9Payload', 'validateJobRunV9'],
      ['10.0.0', 10, 'JobRunV10', 'jobRunV10', 'JobRunV10Event', 'JobRunV10Payload', 'validateJobRunV10'],
      ['10.1.0', 10, 'JobRunV102', 'jobRunV102', 'JobRunV102Event', 'JobRunV102Payload', 'validateJobRunV102'],
      ['1.0.0', 1, 'TaskDone', 'taskDone', 'TaskDoneEvent', 'TaskDonePayload', 'validateTaskDone'],
    ]);
  });

  it('refuses pre-release, build and malformed versions with the lint message', () => {
    for (const version of ['1.0.0-rc.1', '1.0.0+5', 'v1.0.0']) {
      const error = thrown(() => planCatalog(tinyCatalog([tinyEvent('A.B.C'), tinyEvent('A.B.C', { version })], [tinyAgent('a', ['A.B.C'])])));
      // why: a pre-release would be ordered and pinned by rules nobody else applies; say which event, where, and what to do.
      expect(error.message).toBe(`tiny.yaml:7:3 (/components/messages/M): x-version of A.B.C: ${versionProblem(version)}`);
      expect(error.hint).toBe('fix the x-version of the message; `evc lint` lists every such version');
    }
  });
});

describe('planCatalog: what each agent sends, receives and validates', () => {
  const catalog = () =>
    tinyCatalog(
      [
        tinyEvent('Job.Run', { version: '9.0.0' }),
        tinyEvent('Job.Run', { version: '10.0.0' }),
        tinyEvent('Job.Run', { version: '2.5.0' }),
        tinyEvent('Job.Done', { version: '11.0.0' }),
        tinyEvent('Unused.Thing'),
        tinyFailure(),
      ],
      [tinyAgent('runner', ['Job.Done'], ['Job.Run'], 'Runs jobs'), tinyAgent('boss', ['Job.Run', 'Job.Done']), tinyAgent('failer', ['Platform.Event.Failed'], ['Job.Done'])],
    );

  it('a producer sends only the latest version of each type (semver order), a consumer receives every version', () => {
    const plan = planCatalog(catalog());
    // why: send() is pinned to the newest contract of each type; 10.0.0 beats 9.0.0, and another type's higher version must not hide Job.Run.
    expect(ids(only(plan, 'boss').sends)).toEqual(['Job.Done@11.0.0', 'Job.Run@10.0.0']);
    // why: handlers must accept every version still in the document.
    expect(ids(only(plan, 'runner').receives)).toEqual(['Job.Run@2.5.0', 'Job.Run@9.0.0', 'Job.Run@10.0.0']);
    // why: the client touches only its own events (never Unused.Thing), in plan order.
    expect(ids(only(plan, 'runner').events)).toEqual(['Job.Done@11.0.0', 'Job.Run@2.5.0', 'Job.Run@9.0.0', 'Job.Run@10.0.0']);
    expect(ids(only(plan, 'boss').events)).toEqual(['Job.Done@11.0.0', 'Job.Run@10.0.0']);
  });

  it('plans agents in id order, with their folder and description', () => {
    const plan = planCatalog(catalog());
    // why: output order must not depend on the document's order of agents.
    expect(plan.agents.map((a) => [a.agent, a.folder])).toEqual([
      ['boss', 'boss'],
      ['failer', 'failer'],
      ['runner', 'runner'],
    ]);
    // why: a description is carried when declared and absent (not `undefined`) otherwise.
    expect(only(plan, 'runner').description).toBe('Runs jobs');
    expect('description' in only(plan, 'boss')).toBe(false);
  });

  it('a consumer gets the failure event and validates it too; a producer-only client does not', () => {
    const plan = planCatalog(catalog());
    const runner = only(plan, 'runner');
    // why: the consumer publishes the failure event when a handler gives up, so it must validate it without sending it otherwise.
    expect(ids(runner.failure ? [runner.failure] : [])).toEqual(['Platform.Event.Failed@1.0.0']);
    expect(ids(runner.validated)).toEqual([...ids(runner.events), 'Platform.Event.Failed@1.0.0']);
    const failer = only(plan, 'failer');
    // why: an agent that also sends the failure event validates it once, not twice.
    expect(ids(failer.validated)).toEqual(['Job.Done@11.0.0', 'Platform.Event.Failed@1.0.0']);
    expect(failer.failure?.contract.eventType).toBe('Platform.Event.Failed');
    const boss = only(plan, 'boss');
    // why: nothing received, so no consumer and no failure event in the client.
    expect('failure' in boss).toBe(false);
    expect(ids(boss.validated)).toEqual(ids(boss.events));
    expect(['producerSkipped' in boss, 'consumerSkipped' in boss]).toEqual([false, false]);
  });

  it('renders only the requested agent and names the valid ones otherwise', () => {
    // why: --agent NAME plans one client.
    expect(planCatalog(catalog(), { agent: 'runner' }).agents.map((a) => a.agent)).toEqual(['runner']);
    const error = thrown(() => planCatalog(catalog(), { agent: 'nobody' }));
    expect([error.message, error.hint]).toEqual(['unknown agent "nobody"', 'valid agents: boss, failer, runner']);
  });
});

describe('planCatalog: skipped producers and consumers', () => {
  it('skips the producer / consumer of events without the BaseEvent envelope and says which', () => {
    const raw = (t: string) => tinyEvent(t, { enveloped: false, schema: { type: 'object' } });
    const catalog = tinyCatalog([raw('Raw.One'), raw('Raw.Two'), tinyEvent('Wrapped.One'), raw('Raw.In'), raw('Raw.Zin'), tinyFailure()], [tinyAgent('a', ['Raw.Two', 'Wrapped.One', 'Raw.One'], ['Raw.Zin', 'Raw.In', 'Wrapped.One'])]);
    const plan = only(planCatalog(catalog), 'a');
    // why: the runtime only sends and receives enveloped events; the reason names every offending event, in plan order.
    expect(plan.producerSkipped).toBe('its events Raw.One, Raw.Two do not use the BaseEvent envelope the runtime sends');
    expect(plan.consumerSkipped).toBe('its events Raw.In, Raw.Zin do not use the BaseEvent envelope the runtime receives');
  });

  it('skips the consumer when the document has no failure event, but not a producer-only client', () => {
    const catalog = tinyCatalog([tinyEvent('A.B.C'), tinyEvent('D.E.F')], [tinyAgent('in', [], ['A.B.C']), tinyAgent('out', ['D.E.F'])]);
    const plan = planCatalog(catalog);
    // why: a consumer needs a failure event to publish when a handler gives up.
    expect(only(plan, 'in').consumerSkipped).toBe('the document declares no failure event (an enveloped message with `error` and `originalEvent`) to publish when a handler gives up');
    expect(ids(only(plan, 'in').validated)).toEqual(['A.B.C@1.0.0']);
    // why: a client that receives nothing has no consumer to skip.
    expect(Object.keys(only(plan, 'out')).sort()).toEqual(['agent', 'events', 'folder', 'receives', 'sends', 'validated']);
  });
});

describe('planCatalog: documents without agents', () => {
  it('plans one client for the whole document, named after its title', () => {
    const catalog = tinyCatalog(
      [tinyEvent('B.Out', { publishers: ['x'] }), tinyEvent('A.In', { subscribers: [{ agent: 'y', role: 'handler', operationId: 'on' }] }), tinyEvent('C.Both', { publishers: ['x'], subscribers: [{ agent: 'y', role: 'handler', operationId: 'on' }] }), tinyEvent('D.None')],
      [],
      '  Order Service (v2) ',
    );
    const [client, ...rest] = planCatalog(catalog).agents;
    // why: a document that names no agents still gets one client with every operation in it.
    expect(rest).toEqual([]);
    expect([client!.agent, client!.folder, client!.description]).toEqual(['order-service-v2', 'order-service-v2', 'All operations of "  Order Service (v2) "']);
    expect(ids(client!.sends)).toEqual(['B.Out@1.0.0', 'C.Both@1.0.0']);
    expect(ids(client!.receives)).toEqual(['A.In@1.0.0', 'C.Both@1.0.0']);
    // why: the hint for an unknown agent lists the one implicit client.
    expect(thrown(() => planCatalog(catalog, { agent: 'x' })).hint).toBe('valid agents: order-service-v2');
  });

  it('falls back to "client" when the title has no letters or digits', () => {
    // why: the folder name must never be empty.
    expect(planCatalog(tinyCatalog([tinyEvent('A.B')], [], '!!!')).agents.map((a) => a.folder)).toEqual(['client']);
  });
});

describe('planCatalog: refusals', () => {
  it('refuses an agent id that is not a safe folder name', () => {
    for (const id of ['..', 'a/b', 'a..b', '-x']) {
      const error = thrown(() => planCatalog(tinyCatalog([tinyEvent('A.B')], [tinyAgent(id, ['A.B'])])));
      // why: the writer would otherwise touch files outside --out; the message says which id and why, the hint what to do.
      expect(error.message).toBe(`agent id ${JSON.stringify(id)} cannot be a folder name: ${nameProblem(id)}`);
      expect(error.hint).toBe('rename the agent (letters, digits, ".", "-", "_"); `evc lint` shows where it is declared');
    }
  });

  it('refuses non-JSON-Schema payloads of the events an agent uses, naming the format', () => {
    const cases: [string, string][] = [
      ['application/vnd.apache.avro;version=1.9.0', 'an Avro'],
      ['application/x-protobuf', 'a Protobuf'],
      ['application/raml+yaml;version=1.0', 'a'],
    ];
    for (const [schemaFormat, kind] of cases) {
      const catalog = tinyCatalog([tinyEvent('A.B', { schemaFormat, name: 'AB' }), tinyEvent('C.D')], [tinyAgent('a', ['A.B']), tinyAgent('b', ['C.D'])]);
      const error = thrown(() => planCatalog(catalog));
      // why: unsupported input fails with what, where and what next, never with broken code.
      expect(error.message).toBe(
        `tiny.yaml:7:3 (/components/messages/M): message "AB" (A.B) has ${kind} payload (schemaFormat ${schemaFormat}); the TypeScript generator only supports JSON Schema and AsyncAPI Schema payloads`,
      );
      expect(error.hint).toBe('convert the payload to JSON Schema, or generate only the agents that do not use this message (--agent NAME)');
      // why: an agent that does not use the message can still be generated.
      expect(planCatalog(catalog, { agent: 'b' }).agents.map((a) => a.agent)).toEqual(['b']);
    }
  });

  it('accepts JSON Schema and AsyncAPI Schema format names, and none', () => {
    const accepted = ['', 'application/schema+json;version=draft-07', 'application/schema+yaml', 'application/vnd.aai.asyncapi;version=3.0.0', 'application/vnd.aai.asyncapi+yaml'];
    // why: these are the formats the generator handles; anything else is refused above.
    expect(accepted.filter((f) => !isSupportedSchemaFormat(f))).toEqual([]);
    expect(['application/json', 'application/schema+xml'].filter((f) => isSupportedSchemaFormat(f))).toEqual([]);
  });
});
