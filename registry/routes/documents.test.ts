import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { evolveSeed } from '../testing/evolve.ts';
import { openTestRegistry, seedText, type TestRegistry } from '../testing/harness.ts';

describe('POST /v1/documents', () => {
  let r: TestRegistry;
  beforeAll(async () => {
    r = await openTestRegistry();
  }, 180_000);
  afterAll(async () => r.close());

  it('dry-runs the seed without writing anything', async () => {
    const res = await r.call('POST', '/v1/documents?dryRun=true', { raw: seedText(), token: null });
    expect(res.status, 'a dry run answers 200 and needs no publish token').toBe(200);
    expect(res.json.summary, 'all 19 seed events would be registered').toEqual({ registered: 19, unchanged: 0, rejected: 0 });
    const events = await r.call('GET', '/v1/events');
    expect(events.json.events, 'a dry run writes nothing').toEqual([]);
  });

  it('registers every seed event in one go, then reports them unchanged', async () => {
    const first = await r.call('POST', '/v1/documents', { raw: seedText(), token: r.tokens.publish });
    expect(first.status, 'a real registration that created rows answers 201').toBe(201);
    expect(first.json.summary.registered).toBe(19);
    expect(first.json.events.every((e: any) => typeof e.schemaId === 'number' && e.position === 1), 'each event gets a schema id and Confluent version 1').toBe(true);
    const again = await r.call('POST', '/v1/documents', { raw: seedText(), token: r.tokens.publish });
    expect(again.status, 're-publishing the same document creates nothing, so 200').toBe(200);
    expect(again.json.summary, 'identical content is de-duplicated').toEqual({ registered: 0, unchanged: 19, rejected: 0 });
    const docs = await r.call('GET', '/v1/documents');
    expect(docs.json.documents.map((d: any) => d.version), 'the document is stored once by info.version').toEqual(['1.0.0']);
    const raw = await r.request('GET', '/v1/documents/1.0.0?raw=true');
    expect(await raw.text(), 'the stored document is byte-identical to the upload').toBe(seedText());
  });

  it('accepts a compatible change with the right bump, and refuses a breaking one with the smallest acceptable version', async () => {
    const optionalAdded = evolveSeed('PromptCreationRequested', '1.1.0', (s) => {
      s.properties = { ...(s.properties ?? {}), tags: { type: 'array', items: { type: 'string' } } };
    });
    const ok = await r.call('POST', '/v1/documents', { raw: optionalAdded, token: r.tokens.publish });
    expect(ok.status, `an optional field with a minor bump registers: ${JSON.stringify(ok.json?.events?.find((e: any) => e.status !== 'unchanged'))}`).toBe(201);
    const changed = ok.json.events.filter((e: any) => e.status === 'registered');
    expect(changed.map((e: any) => [e.eventType, e.version, e.position]), 'only the edited event gets a new version, at position 2').toEqual([['Prompt.Creation.Requested', '1.1.0', 2]]);

    const breaking = evolveSeed(
      'PromptCreationRequested',
      '1.2.0',
      (s) => {
        s.properties = { ...(s.properties ?? {}), tags: { type: 'array', items: { type: 'string' } }, tenantTier: { type: 'string' } };
        s.required = [...(s.required ?? []), 'tenantTier'];
      },
      '1.2.0',
    );
    const refused = await r.call('POST', '/v1/documents', { raw: breaking, token: r.tokens.publish });
    expect(refused.status, 'a new required field declared as a minor bump is refused').toBe(409);
    expect(refused.json.error_code).toBe(40901);
    const event = refused.json.report.events.find((e: any) => e.eventType === 'Prompt.Creation.Requested');
    expect(event.status).toBe('rejected');
    expect(event.smallestAcceptableVersion, 'the report names the version that would pass').toBe('2.0.0');
    expect(event.changes.length, 'the report lists the changes').toBeGreaterThan(0);
    const versions = await r.call('GET', '/v1/events/Prompt.Creation.Requested/versions');
    expect(versions.json.versions.map((v: any) => v.version), 'the refused document wrote nothing').toEqual(['1.0.0', '1.1.0']);
    const docs = await r.call('GET', '/v1/documents');
    expect(docs.json.documents.map((d: any) => d.version).sort(), 'nor its document').toEqual(['1.0.0', '1.1.0']);
  });

  it('refuses a changed document that keeps its info.version', async () => {
    const sameVersion = evolveSeed('PromptDraftCreated', '1.0.1', (s) => (s.description = 'reworded'), '1.0.0');
    const res = await r.call('POST', '/v1/documents?dryRun=true', { raw: sameVersion });
    expect(res.status, 'documents are immutable by info.version').toBe(409);
    expect(res.json.report.document.status).toBe('rejected');
  });

  it.each([
    ['invalid YAML', 'asyncapi: 3.0.0\ninfo:\n  title: [unclosed\n', /:\d+:\d+/],
    ['invalid JSON', '{"asyncapi": "3.0.0", "info": {', /:\d+:\d+/],
    ['not AsyncAPI', 'asyncapi: 3.0.0\ninfo:\n  title: x\n', /:\d+:\d+/],
  ])('answers 422 with line:col for %s', async (_name, body, pattern) => {
    const res = await r.call('POST', '/v1/documents?dryRun=true&file=doc.yaml', { raw: body });
    expect(res.status).toBe(422);
    expect(res.json.error_code).toBe(42201);
    expect(res.json.message, 'the message says where').toMatch(pattern);
    expect(typeof res.json.line, 'the location is machine-readable too').toBe('number');
  });

  it('refuses a remote $ref with its pointer and never connects to it', async () => {
    let connections = 0;
    const trap = createServer((_req, res) => res.end('{"type":"string"}'));
    trap.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const port = (trap.address() as { port: number }).port;
    try {
      const doc = parse(seedText());
      doc.info.version = '9.0.0';
      doc.components.messages.PromptCreationRequested.payload = { $ref: `http://127.0.0.1:${port}/schema.json` };
      const res = await r.call('POST', '/v1/documents?dryRun=true', { raw: stringify(doc) });
      expect(res.status, 'a remote $ref is unusable input').toBe(422);
      expect(JSON.stringify(res.json), 'the answer points at the offending $ref').toMatch(/PromptCreationRequested/);
      expect(connections, 'no outbound connection was attempted').toBe(0);
    } finally {
      trap.close();
    }
  });

  it('refuses a $ref into the server file system, without reading the file', async () => {
    // A valid schema file on the host: were it read, the upload would be accepted with its content.
    const dir = mkdtempSync(path.join(tmpdir(), 'evc-host-file-'));
    const secret = path.join(dir, 'secret.json');
    writeFileSync(secret, JSON.stringify({ type: 'object', description: 'HOST-SECRET-MARKER' }));
    const doc = parse(seedText());
    doc.info.version = '9.0.1';
    doc.components.messages.PromptCreationRequested.payload = { $ref: secret };
    const res = await r.call('POST', '/v1/documents?dryRun=true', { raw: stringify(doc) });
    expect(res.status, 'an upload must not read files on the registry host').toBe(422);
    expect(JSON.stringify(res.json), 'the file content never reaches the answer').not.toMatch(/HOST-SECRET-MARKER/);
  });

  it('answers 413 above 5 MB', async () => {
    const big = `# ${'x'.repeat(5 * 1024 * 1024 + 10)}\n${seedText()}`;
    const res = await r.call('POST', '/v1/documents?dryRun=true', { raw: big });
    expect(res.status).toBe(413);
    expect(res.json.error_code).toBe(41301);
  });

  it('needs a publish token for a real registration', async () => {
    expect((await r.call('POST', '/v1/documents', { raw: seedText(), token: null })).status, 'no token').toBe(401);
    expect((await r.call('POST', '/v1/documents', { raw: seedText(), token: r.tokens.read })).status, 'read token').toBe(403);
  });
});
