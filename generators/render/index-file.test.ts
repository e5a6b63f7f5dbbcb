/**
 * The emitted `index.ts`: the client's public surface. Judged by what importing it yields
 * (loaded with stand-in modules) and by its export statements (TypeScript parser).
 */
import { describe, expect, it } from 'vitest';
import { miniCatalog } from '#generators/fixtures/mini-catalog.ts';
import { exportsOf, loadEmitted } from '#generators/fixtures/emitted.ts';
import { renderIndex } from './index-file.ts';
import { planCatalog } from './plan.ts';
import type { AgentPlan } from './plan.ts';

const HEADER = '/* test header */';
const RUNTIME = 'event-contracts/runtime';

/** Worker sends and planner receives Task.Work.Completed, made a bare (non-enveloped) event. */
const plans = (bare = false): Record<string, AgentPlan> => {
  const catalog = miniCatalog();
  if (bare) catalog.events.find((e) => e.eventType === 'Task.Work.Completed')!.enveloped = false;
  return Object.fromEntries(planCatalog(catalog).agents.map((a) => [a.agent, a]));
};

const both = { producer: true, consumer: true };
const fn = (name: string) => Object.assign(() => name, { id: name });
const runtimeModule = () => ({
  connectNatsTransport: fn('connectNatsTransport'),
  createMemoryTransport: fn('createMemoryTransport'),
  createMemoryIdempotencyStore: fn('createMemoryIdempotencyStore'),
  ContractViolationError: fn('ContractViolationError'),
  HandlerError: fn('HandlerError'),
  // Not part of a client's surface: must not be re-exported.
  createProducerRuntime: fn('createProducerRuntime'),
  createConsumerRuntime: fn('createConsumerRuntime'),
});

describe('renderIndex', () => {
  it('re-exports the client files and the runtime pieces an agent needs to wire it', () => {
    const file = renderIndex(plans().worker!, HEADER, RUNTIME, both);
    const runtime = runtimeModule();
    const mod = loadEmitted(file.contents, {
      [RUNTIME]: runtime,
      './contracts.ts': { agent: 'worker' },
      './validators.js': { validateTaskWorkCompleted: fn('v') },
      './producer.ts': { createProducer: fn('p') },
      './consumer.ts': { createConsumer: fn('c') },
    });
    // why: `import { createProducer, createConsumer, createMemoryTransport } from './worker/index.ts'`
    // is all an agent needs; the runtime's internals stay behind it.
    expect(file.path).toBe('worker/index.ts');
    expect(Object.keys(mod).sort()).toEqual(
      ['ContractViolationError', 'HandlerError', 'agent', 'connectNatsTransport', 'createConsumer', 'createMemoryIdempotencyStore', 'createMemoryTransport', 'createProducer', 'validateTaskWorkCompleted'].sort(),
    );
    for (const name of ['connectNatsTransport', 'createMemoryTransport', 'createMemoryIdempotencyStore', 'ContractViolationError', 'HandlerError'] as const) {
      // why: the very runtime values, so `instanceof HandlerError` works across the client and the runtime.
      expect(mod[name], name).toBe(runtime[name]);
    }
  });

  it('states its exports one per line: all of types (type-only), contracts, validators, producer, consumer, then the runtime ones', () => {
    const { contents } = renderIndex(plans().worker!, HEADER, RUNTIME, both);
    // why: the types are type-only (types.ts has no run-time code), the runtime types are re-exported by name.
    expect(exportsOf(contents)).toEqual([
      { from: './types.ts', typeOnly: true, names: ['*'] },
      { from: './contracts.ts', typeOnly: false, names: ['*'] },
      { from: './validators.js', typeOnly: false, names: ['*'] },
      { from: './producer.ts', typeOnly: false, names: ['*'] },
      { from: './consumer.ts', typeOnly: false, names: ['*'] },
      {
        from: RUNTIME,
        typeOnly: false,
        names: ['connectNatsTransport', 'createMemoryTransport', 'createMemoryIdempotencyStore', 'ContractViolationError', 'HandlerError', 'type EventEnvelope', 'type IdempotencyStore', 'type SendOptions', 'type Transport'],
      },
    ]);
    const lines = contents.split('\n');
    // why: the generated header stands first, on lines of its own, and each statement on its own line.
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1, 6)).toEqual([
      "export type * from './types.ts';",
      "export * from './contracts.ts';",
      "export * from './validators.js';",
      "export * from './producer.ts';",
      "export * from './consumer.ts';",
    ]);
  });

  it('leaves out the producer or consumer that was not generated, and says why in a comment', () => {
    const { worker, planner } = plans(true);
    const workerIndex = renderIndex(worker!, HEADER, RUNTIME, { producer: false, consumer: true }).contents;
    const plannerIndex = renderIndex(planner!, HEADER, RUNTIME, { producer: true, consumer: false }).contents;
    const from = (contents: string) => exportsOf(contents).map((e) => e.from);
    // why: re-exporting a file that does not exist would not compile.
    expect(from(workerIndex)).toEqual(['./types.ts', './contracts.ts', './validators.js', './consumer.ts', RUNTIME]);
    expect(from(plannerIndex)).toEqual(['./types.ts', './contracts.ts', './validators.js', './producer.ts', RUNTIME]);
    // why: someone looking for createProducer finds the reason it is missing right under the header.
    expect(workerIndex.split('\n')[1]).toBe('// No producer: its events Task.Work.Completed do not use the BaseEvent envelope the runtime sends.');
    expect(plannerIndex.split('\n')[1]).toBe('// No consumer: its events Task.Work.Completed do not use the BaseEvent envelope the runtime receives.');
    // why: the missing file is not imported when the module loads.
    expect(() => loadEmitted(workerIndex, { [RUNTIME]: runtimeModule(), './contracts.ts': {}, './validators.js': {}, './consumer.ts': {} })).not.toThrow();
    expect(() => loadEmitted(plannerIndex, { [RUNTIME]: runtimeModule(), './contracts.ts': {}, './validators.js': {}, './producer.ts': {} })).not.toThrow();
    // why: nothing else is emitted in place of the left-out line.
    expect(plannerIndex.split('\n').slice(2, 7)).toEqual([
      "export type * from './types.ts';",
      "export * from './contracts.ts';",
      "export * from './validators.js';",
      "export * from './producer.ts';",
      'export {',
    ]);
  });

  it('notes both when neither exists, and nothing when both do', () => {
    const worker = { ...plans().worker!, producerSkipped: 'reason one', consumerSkipped: 'reason\ntwo' };
    const lines = renderIndex(worker, HEADER, RUNTIME, { producer: false, consumer: false }).contents.split('\n');
    // why: each reason is a single comment line, even when it contains a line break.
    expect(lines.slice(1, 4)).toEqual(['// No producer: reason one.', '// No consumer: reason two.', "export type * from './types.ts';"]);
    expect(renderIndex(plans().worker!, HEADER, RUNTIME, both).contents.split('\n')[1]).toBe("export type * from './types.ts';");
  });

  it('imports the runtime from the configured specifier', () => {
    const { contents } = renderIndex(plans().worker!, HEADER, './runtime/index.ts', both);
    // why: client bundles ship the runtime next to the client.
    expect(exportsOf(contents).at(-1)?.from).toBe('./runtime/index.ts');
  });
});
