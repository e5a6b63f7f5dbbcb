/**
 * Hostile input against a running registry (`evc serve` as its own process; PGlite, and
 * PostgreSQL when DATABASE_URL is set — CI sets it). Each row is a request an attacker
 * (or a careless team) can send without special rights. For every row: the right 4xx,
 * naming the limit or the pointer, within 1 s; the process still alive; other requests
 * answered meanwhile (a probe loop on /health). At the end: memory stayed bounded.
 * Before the hardening (issue #11) row 1 aborted Node (FATAL ERROR: RegExpCompiler
 * Allocation failed), the enum row blocked the server ~30 s, the ReDoS row ~3 s, the
 * invalid/cyclic/dangling/unknown-$schema rows were stored (then every later request on
 * the subject answered 500), and NUL/invalid UTF-8 gave 500 with SQL text or were replaced.
 */
import { cpus, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from '#registry/testing/serve-process.ts';
import { startProbe } from './support/probe.ts';

const deepJson = (n: number) => `{"asyncapi":"3.0.0","x":${'['.repeat(n)}${']'.repeat(n)}}`;
const deepYaml = (n: number) => `asyncapi: 3.0.0\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`;
const deepSchema = (n: number) => `${'{"items":'.repeat(n)}{}${'}'.repeat(n)}`;
const confluent = (schema: unknown) => JSON.stringify({ schemaType: 'JSON', schema: typeof schema === 'string' ? schema : JSON.stringify(schema) });
const longName = 'a'.repeat(32);

interface Row {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string | Uint8Array;
  auth?: boolean;
  status: number;
  code?: number;
  limit?: string;
  pointer?: string;
  message: RegExp;
  /** Sent this many times (the crash needed two). */
  times?: number;
}

const rows: Row[] = [
  { name: 'a 2 KB JSON document nested 1,100 arrays deep, posted twice (aborted Node)', method: 'POST', path: '/v1/documents?dryRun=true', body: deepJson(1100), status: 422, limit: 'nesting-depth', message: /nesting-depth/, times: 2 },
  { name: 'a YAML document nested 1,000 levels by indentation', method: 'POST', path: '/v1/documents?dryRun=true', body: deepYaml(1000), status: 422, limit: 'nesting-depth', message: /nesting-depth/ },
  { name: 'a document with a 100,000-value enum', method: 'POST', path: '/v1/documents?dryRun=true', body: `asyncapi: 3.0.0\nx:\n  enum: [${Array.from({ length: 100_000 }, (_, i) => i).join(',')}]\n`, status: 422, limit: 'enum-values', pointer: '/x/enum', message: /enum-values/ },
  { name: 'a Confluent schema nested 1,000 levels (gave 500)', method: 'POST', path: '/subjects/Hostile.Deep/versions', auth: true, body: confluent(deepSchema(1000)), status: 422, code: 42201, limit: 'nesting-depth', message: /nesting-depth/ },
  { name: 'a 100,000-value enum on /compatibility (blocked 30 s)', method: 'POST', path: '/compatibility/subjects/Hostile.Enum/versions', body: confluent({ enum: Array.from({ length: 100_000 }, (_, i) => `v${i}`) }), status: 422, code: 42201, limit: 'enum-values', pointer: '/enum', message: /enum-values/ },
  { name: 'a 100,000-value enum on /v1/events/{type}/compatibility', method: 'POST', path: '/v1/events/Hostile.Enum/compatibility', body: JSON.stringify({ schema: { enum: Array.from({ length: 100_000 }, (_, i) => i) } }), status: 422, limit: 'enum-values', message: /enum-values/ },
  { name: 'an invalid regex (was stored)', method: 'POST', path: '/subjects/Hostile.Regex/versions', auth: true, body: confluent({ type: 'object', properties: { x: { type: 'string', pattern: '([a-z' } } }), status: 422, code: 42201, pointer: '/properties/x/pattern', message: /invalid regular expression/ },
  { name: 'a backreference (needs a backtracking engine)', method: 'POST', path: '/subjects/Hostile.Regex/versions', auth: true, body: confluent({ type: 'string', pattern: '^(a+)\\1$' }), status: 422, code: 42201, pointer: '/pattern', message: /backtracking/ },
  { name: 'a $ref cycle (was stored)', method: 'POST', path: '/subjects/Hostile.Cycle/versions', auth: true, body: confluent({ $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, properties: { x: { $ref: '#/$defs/a' } } }), status: 422, code: 42201, pointer: '/properties/x', message: /circular \$ref/ },
  { name: 'a dangling $ref (was stored)', method: 'POST', path: '/subjects/Hostile.Dangling/versions', auth: true, body: confluent({ properties: { x: { $ref: '#/$defs/missing' } } }), status: 422, code: 42201, pointer: '/properties/x', message: /unresolvable \$ref/ },
  { name: 'an unknown $schema (gave 500)', method: 'POST', path: '/subjects/Hostile.Dialect/versions', auth: true, body: confluent({ $schema: 'https://example.com/my-dialect', type: 'string' }), status: 422, code: 42201, pointer: '/$schema', message: /Unknown \$schema/ },
  { name: 'a remote $dynamicRef (was accepted)', method: 'POST', path: '/subjects/Hostile.Dynamic/versions', auth: true, body: confluent({ $schema: 'https://json-schema.org/draft/2020-12/schema', $dynamicRef: 'https://attacker.example/meta#node' }), status: 422, code: 42201, pointer: '/$dynamicRef', message: /not allowed/ },
  { name: 'a NUL byte in the path (gave 500 with SQL text)', method: 'GET', path: '/subjects/a%00b/versions', status: 400, code: 40001, message: /NUL byte/ },
  { name: 'invalid UTF-8 in a body (was silently replaced)', method: 'POST', path: '/v1/documents?dryRun=true', body: new Uint8Array([...Buffer.from('asyncapi: 3.0.0\ninfo: {title: "'), 0xff, 0xfe, ...Buffer.from('"}\n')]), status: 400, code: 40001, message: /not valid UTF-8/ },
];

describe('hostile input against a running `evc serve`', () => {
  let server: ServeProcess;
  let rssBefore = 0;

  const send = async (row: Pick<Row, 'method' | 'path' | 'body' | 'auth'>) => {
    const headers: Record<string, string> = { 'content-type': row.path.startsWith('/v1/documents') ? 'application/yaml' : 'application/json' };
    if (row.auth) headers.authorization = `Bearer ${server.token}`;
    const started = performance.now();
    const res = await fetch(server.url + row.path, { method: row.method, headers, ...(row.body !== undefined ? { body: row.body } : {}) });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, body, ms: performance.now() - started };
  };

  beforeAll(async () => {
    server = await startServeProcess({ database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
    // Warm: the worker pool is up and the schema checks are loaded before anything is timed.
    expect((await send({ method: 'POST', path: '/compatibility/subjects/Warm.Up/versions', body: confluent({ type: 'string' }) })).status).toBe(200);
    rssBefore = server.rssBytes();
  }, 300_000); // start-up migrates, registers the seed and starts the workers: minutes on a machine shared by many jobs
  afterAll(async () => {
    await server?.stop();
  });

  it.each(rows)('$name → $status', async (row) => {
    const probe = startProbe(`${server.url}/health`);
    for (let i = 0; i < (row.times ?? 1); i++) {
      const { status, body, ms } = await send(row);
      // why: bad input is the client's fault and must be named, never a crash or a 500.
      expect(status, JSON.stringify(body).slice(0, 400)).toBe(row.status);
      expect(String(body.message)).toMatch(row.message);
      if (row.code) expect(body.error_code).toBe(row.code);
      if (row.limit) expect(body.limit, 'the error names the limit').toBe(row.limit);
      if (row.pointer) expect(body.pointer, 'the error says where').toBe(row.pointer);
      // why: limits are checked before any expensive step, so refusing is fast.
      expect(ms, `answered within ${bounds.answer.toFixed(0)} ms (1 s × load factor)`).toBeLessThan(bounds.answer);
      // why: a 4xx must not leak internals either.
      expect(JSON.stringify(body)).not.toMatch(/\bat \S+\.(ts|js):\d+|SELECT |INSERT /);
    }
    const probed = await probe.stop();
    expect(server.alive(), `the server survived:\n${server.output().slice(-2000)}`).toBe(true);
    expect(probed.failures, 'every probe answered 200').toBe(0);
    expect(probed.slowest, `other requests kept being answered (probe latencies ${probed.summary}, bound ${bounds.probe.toFixed(0)} ms)`).toBeLessThan(bounds.probe);
  }, 60_000);

  it('stored nothing from the refused schemas: the same subjects take a valid schema', async () => {
    for (const subject of ['Hostile.Regex', 'Hostile.Cycle', 'Hostile.Dangling', 'Hostile.Dialect', 'Hostile.Dynamic', 'Hostile.Deep']) {
      const { status, body } = await send({ method: 'POST', path: `/subjects/${subject}/versions`, auth: true, body: confluent({ type: 'object', properties: { id: { type: 'string' } } }) });
      // why: before, a stored unprocessable schema made every later registration answer 500.
      expect(status, `${subject}: ${JSON.stringify(body)}`).toBe(200);
      expect(body.version, `${subject}: the valid schema is the first version`).toBe(1);
    }
  }, 60_000);

  it('matches a candidate\'s patternProperties against stored names in linear time (^(((.+)+)+)+!$ took 3.3 s)', async () => {
    const stored = await send({ method: 'POST', path: '/subjects/Hostile.Redos/versions', auth: true, body: confluent({ type: 'object', properties: { [longName]: { type: 'string' } } }) });
    expect(stored.status).toBe(200);
    const probe = startProbe(`${server.url}/health`);
    const candidate = { type: 'object', patternProperties: { '^(((.+)+)+)+!$': { type: 'string' } } };
    const { status, ms } = await send({ method: 'POST', path: '/compatibility/subjects/Hostile.Redos/versions?verbose=true', body: confluent(candidate) });
    const probed = await probe.stop();
    expect(status).toBe(200);
    expect(ms, `the regex never backtracks on the server (bound ${bounds.answer.toFixed(0)} ms)`).toBeLessThan(bounds.answer);
    expect(probed.slowest, `probe latencies ${probed.summary}, bound ${bounds.probe.toFixed(0)} ms`).toBeLessThan(bounds.probe);
  }, 60_000);

  it('builds a client bundle off the event loop: other requests keep being answered', async () => {
    const list = await send({ method: 'GET', path: '/v1/clients/no-such-agent.tgz' });
    const agent = (list.body.validAgents as string[])[0]!;
    const probe = startProbe(`${server.url}/health`);
    const res = await fetch(`${server.url}/v1/clients/${agent}.tgz`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const probed = await probe.stop();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-evc-bundle-cache'), 'this request built it').toBe('miss');
    expect(bytes.subarray(0, 2).toString('hex'), 'a gzip stream').toBe('1f8b');
    // why: the build takes seconds (TypeScript compilation); in-process it blocked every request that long.
    expect(probed.count, 'the probe ran while the bundle was built').toBeGreaterThan(3);
    expect(probed.slowest, `probe latencies ${probed.summary}, bound ${bounds.probe.toFixed(0)} ms`).toBeLessThan(bounds.probe);
  }, 180_000);

  it('kept memory bounded', () => {
    const growth = server.rssBytes() - rssBefore;
    // why: refused inputs are dropped; the only lasting growth is the bundle worker's TypeScript compiler.
    expect(growth / 1024 / 1024, `RSS grew from ${(rssBefore / 1024 / 1024).toFixed(0)} MiB by`).toBeLessThan(400);
  });
});

/**
 * Targets: a refusal within 1 s, other requests within 100 ms. On a machine whose load is
 * above its core count every process waits for the CPU in proportion, so both bounds scale
 * with load per core (capped well below the stalls reproduced here: 3–30 s, or a crash).
 * The factor is at least 2: in the suite this test, the server it drives and another test
 * worker share the machine's 2 cores (measured: a 1.3–1.8 s refusal at a 1-minute load
 * average that had not caught up yet). Read at each assertion, not once at start.
 */
const loadFactor = () => Math.max(2, loadavg()[0]! / cpus().length);
const bounds = { get probe() { return Math.min(100 * loadFactor(), 1000); }, get answer() { return Math.min(1000 * loadFactor(), 5000); } };
