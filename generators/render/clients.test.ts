import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderClients, writeClients, GenerationError } from '#generators/index.ts';
import { miniCatalog } from '#generators/fixtures/mini-catalog.ts';
import { repoTempDir } from '#generators/fixtures/temp-dir.ts';
import type { GeneratedFile } from './file.ts';

let files: GeneratedFile[];
let out: { dir: string; remove: () => Promise<void> };

// Each test renders and writes its own copy (not once in beforeAll): what a test reads is then
// produced while that test runs, so mutation testing (perTest coverage) runs only the tests
// that execute a mutated line instead of treating every renderer line as module-level code.
beforeEach(async () => {
  files = await renderClients(miniCatalog());
  out = await repoTempDir('clients');
  await writeClients(files, out.dir);
});
afterEach(() => out.remove());

const file = (p: string): string => {
  const f = files.find((x) => x.path === p);
  if (!f) throw new Error(`not generated: ${p}`);
  return f.contents;
};

describe('renderClients on a small catalog', () => {
  it('emits the same files for every agent, in path order', () => {
    const names = ['consumer.ts', 'contracts.ts', 'index.ts', 'producer.ts', 'types.ts', 'validators.d.ts', 'validators.js'];
    // why: each agent both sends and receives, so it gets every kind of file; order is by path.
    expect(files.map((f) => f.path)).toEqual([...names.map((n) => `planner/${n}`), ...names.map((n) => `worker/${n}`)]);
  });

  it('is deterministic: a second render is byte-identical', async () => {
    // why: the committed seed output is drift-checked in CI; any nondeterminism fails it.
    expect(await renderClients(miniCatalog())).toEqual(files);
  });

  it('marks every file as generated and carries no timestamps', () => {
    for (const f of files) {
      // why: people must see not to edit; timestamps would make every run a diff.
      expect(f.contents, f.path).toContain('do not edit');
      expect(f.contents, f.path).not.toMatch(/20\d\d-\d\d-\d\dT/);
    }
  });

  it('renders only the requested agent', async () => {
    const only = await renderClients(miniCatalog(), { agent: 'worker' });
    // why: --agent NAME generates one client.
    expect(new Set(only.map((f) => f.path.split('/')[0]))).toEqual(new Set(['worker']));
  });

  it('rejects an unknown agent and lists the valid ones', async () => {
    // why: error messages list the valid options when a name is unknown.
    await expect(renderClients(miniCatalog(), { agent: 'nobody' })).rejects.toThrow(/unknown agent "nobody"/);
    await expect(renderClients(miniCatalog(), { agent: 'nobody' })).rejects.toMatchObject({ hint: 'valid agents: planner, worker' });
  });

  it('rejects an Avro payload with a specific message and the source location', async () => {
    const catalog = miniCatalog();
    catalog.events[2]!.schemaFormat = 'application/vnd.apache.avro;version=1.9.0';
    const error = await renderClients(catalog).catch((e: unknown) => e);
    // why: unsupported input fails loudly with what, where and what next, never with broken code.
    expect(error).toBeInstanceOf(GenerationError);
    expect((error as Error).message).toMatch(/mini\.yaml:1:1 .*TaskWorkCompleted.*an Avro payload.*only supports JSON Schema/);
  });
});

describe('types.ts', () => {
  it('declares one named type per event and payload, and shared $defs once', () => {
    const types = file('worker/types.ts');
    for (const name of ['TaskWorkRequestedV1Event', 'TaskWorkRequestedV2Payload', 'TaskWorkCompletedEvent', 'PlatformEventFailedEvent']) {
      // why: producers and handlers are typed by these names.
      expect(types).toMatch(new RegExp(`export (interface|type) ${name}\\b`));
    }
    // why: the identical `Tag` definition of three events must become one type, not Tag2, Tag3...
    expect(types.match(/export interface Tag\d* /g)).toEqual(['export interface Tag ']);
  });
});

describe('validators.js', () => {
  it('is self-contained: no Ajv (or any other) module at run time', () => {
    for (const agent of ['planner', 'worker']) {
      const js = file(`${agent}/validators.js`);
      // why: bundles ship validators without Ajv; a leftover require would crash at load time.
      expect(js).not.toMatch(/require\(|^import /m);
    }
  });

  it('validates whole events, reporting the JSON pointer of the first error', async () => {
    const v = (await import(path.join(out.dir, 'worker/validators.js'))) as Record<string, ((d: unknown) => boolean) & { errors?: { instancePath: string; keyword: string }[] }>;
    const good = {
      eventId: '6f1c1b8e-8d5c-4c7e-9a55-3b1d2c9f0a11',
      eventType: 'Task.Work.Requested',
      timestamp: '2026-01-02T03:04:05.000Z',
      version: '2.0.0',
      correlationId: 'c',
      causationId: 'c',
      metadata: { source: 'planner', tenantId: 't' },
      payload: { taskId: 't-1', tags: [{ name: 'a' }, { name: 'b' }], count: 3, priority: 'low' },
    };
    const validate = v.validateTaskWorkRequestedV2!;
    const cases: [string, unknown, string | undefined, string | undefined][] = [
      ['a valid event passes', good, undefined, undefined],
      ['int32 (inlined function format) rejects 2^31', { ...good, payload: { ...good.payload, count: 2 ** 31 } }, '/payload/count', 'format'],
      ['uniqueItems (inlined deep equality) rejects equal objects', { ...good, payload: { ...good.payload, tags: [{ name: 'a' }, { name: 'a' }] } }, '/payload/tags', 'uniqueItems'],
      ['minLength counts code points (inlined ucs2length)', { ...good, payload: { ...good.payload, taskId: '😀' } }, '/payload/taskId', 'minLength'],
      ['date-time (inlined regex format) rejects a date', { ...good, timestamp: '2026-01-02' }, '/timestamp', 'format'],
      ['uuid format rejects a non-uuid eventId', { ...good, eventId: 'nope' }, '/eventId', 'format'],
      ['the v2 contract requires priority', { ...good, payload: { ...good.payload, priority: undefined } }, '/payload', 'required'],
    ];
    for (const [why, event, pointer, keyword] of cases) {
      const ok = validate(JSON.parse(JSON.stringify(event)));
      expect(ok, why).toBe(pointer === undefined);
      if (pointer !== undefined) expect(validate.errors?.[0], why).toMatchObject({ instancePath: pointer, keyword });
    }
  });
});

describe('generated producer and consumer over the in-memory transport', () => {
  it('sends a typed event from one agent and hands it to the other agent\'s typed handler', async () => {
    const runtime = await import('#runtime/index.ts');
    const planner = await import(path.join(out.dir, 'planner/index.ts'));
    const worker = await import(path.join(out.dir, 'worker/index.ts'));
    const transport = runtime.createMemoryTransport();
    const received: { eventType: string; version: string; payload: unknown; source: string }[] = [];
    const consumer = worker.createConsumer({
      transport,
      handlers: {
        'Task.Work.Requested': {
          1: () => {},
          2: (e: { eventType: string; version: string; payload: unknown; metadata: { source: string } }) =>
            void received.push({ eventType: e.eventType, version: e.version, payload: e.payload, source: e.metadata.source }),
        },
      },
    });
    await consumer.start();
    const producer = planner.createProducer({ transport, tenantId: 'acme' });
    const payload = { taskId: 't-1', tags: [], count: 1, priority: 'high' };
    const sent = await producer.send.taskWorkRequestedV2(payload);
    // why: the producer sends only the latest version of a type, built into a full envelope.
    expect(sent).toMatchObject({ eventType: 'Task.Work.Requested', version: '2.0.0', metadata: { source: 'planner', tenantId: 'acme' } });
    await expect.poll(() => received.length).toBe(1);
    // why: dispatch by major version reached the v2 handler with the payload as sent.
    expect(received[0]).toEqual({ eventType: 'Task.Work.Requested', version: '2.0.0', payload, source: 'planner' });
    // why: an invalid payload throws a typed error naming the JSON pointer, and is never sent.
    expect(() => producer.build.taskWorkRequestedV2({ ...payload, count: 'x' })).toThrow(/\/payload\/count/);
    await consumer.stop();
    await transport.close();
  });

  it('applies a consumer-wide retry override over the per-message policy, then publishes one failure event', async () => {
    const runtime = await import('#runtime/index.ts');
    const planner = await import(path.join(out.dir, 'planner/index.ts'));
    const worker = await import(path.join(out.dir, 'worker/index.ts'));
    const transport = runtime.createMemoryTransport();
    let attempts = 0;
    const consumer = planner.createConsumer({
      transport,
      // The document gives Task.Work.Completed its own policy (5 attempts); the override says 2.
      retryPolicy: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 1, maxDelayMs: 1, retryableErrors: ['TIMEOUT'] },
      handlers: {
        'Task.Work.Completed': () => {
          attempts++;
          throw new runtime.HandlerError('TIMEOUT', 'model did not answer', { retryable: true });
        },
      },
    });
    await consumer.start();
    await worker.createProducer({ transport, tenantId: 'acme' }).send.taskWorkCompleted({ taskId: 't-9', at: '2026-01-02T03:04:05Z' });
    const failures = () => transport.stored.filter((m: { subject: string }) => m.subject.includes('Platform.Event.Failed'));
    await expect.poll(failures, { timeout: 5000 }).toHaveLength(1);
    // why: the override really replaced the message's own policy (2 attempts, not 5), then gave up once.
    expect(attempts).toBe(2);
    await consumer.stop();
    await transport.close();
  });

  it('only ever imports the runtime, its own files and nothing else', async () => {
    for (const f of files.filter((x) => x.path.endsWith('.ts'))) {
      const specifiers = [...f.contents.matchAll(/from "([^"]+)"|from '([^']+)'/g)].map((m) => m[1] ?? m[2]);
      // why: a client must be shippable as a bundle with only the runtime next to it, and must
      // import that runtime by package name so it compiles wherever event-contracts is a dependency.
      for (const s of specifiers) expect(s, f.path).toMatch(/^(event-contracts\/runtime|\.\/[a-z]+\.(ts|js))$/);
    }
    expect(await readFile(path.join(out.dir, 'planner/index.ts'), 'utf8')).toBe(file('planner/index.ts'));
  });
});
