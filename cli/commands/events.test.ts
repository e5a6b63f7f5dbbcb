/**
 * `evc events` and `evc versions EVENT` list what a registry holds, as a table and as JSON,
 * and say what to do for an unknown event type or a missing --registry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';
import { parseCatalog } from '#catalog/load.ts';
import { registerDocument } from '#registry/domain/register-document.ts';
import { evolveSeed } from '#registry/testing/evolve.ts';
import { openTestRegistry, seedText, type TestRegistry } from '#registry/testing/harness.ts';
import type { RunningServer } from '#registry/server.ts';

describe('evc events / evc versions', () => {
  let r: TestRegistry;
  let server: RunningServer;
  beforeAll(async () => {
    r = await openTestRegistry();
    server = await r.listen();
    for (const raw of [
      seedText(),
      evolveSeed('PromptCreationRequested', '1.1.0', (schema) => {
        schema.properties.tenantTier = { type: 'string' };
      }),
    ]) {
      const report = await registerDocument(r.conn.db, { catalog: await parseCatalog(raw, 'doc.yaml'), raw, dryRun: false, actor: 'test' });
      expect(report.ok, 'the fixture documents register').toBe(true);
    }
  }, 180_000);
  afterAll(async () => r?.close());

  it('evc events prints one row per event type with its latest and all versions', async () => {
    const table = await runCli(['events', '--registry', server.url]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^EVENT\s+LATEST\s+VERSIONS$/);
    // why: the evolved event shows both versions, oldest first, and the new one as latest.
    expect(table.stdout).toMatch(/^Prompt\.Creation\.Requested\s+1\.1\.0\s+1\.0\.0, 1\.1\.0$/m);
    expect(table.stdout).toContain('19 event type(s).');
    const json = await runCli(['events', '--registry', server.url, '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { events: { eventType: string; versions: string[] }[] };
    expect(parsed.events).toHaveLength(19);
    expect(parsed.events.find((e) => e.eventType === 'Prompt.Creation.Requested')?.versions).toEqual(['1.0.0', '1.1.0']);
  });

  it('evc versions EVENT lists every version with schema id and document version', async () => {
    const table = await runCli(['versions', 'Prompt.Creation.Requested', '--registry', server.url]);
    expect(table.code, table.stderr).toBe(0);
    const rows = table.stdout.split('\n').filter((l) => /^\d+\.\d+\.\d+\s/.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0]), 'oldest first').toEqual(['1.0.0', '1.1.0']);
    const json = JSON.parse((await runCli(['versions', 'Prompt.Creation.Requested', '--registry', server.url, '--format', 'json'])).stdout) as {
      versions: { version: string; schemaId: number }[];
    };
    expect(json.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
    expect(json.versions[0]!.schemaId, 'two different schemas').not.toBe(json.versions[1]!.schemaId);
  });

  it.each([
    [['versions', 'No.Such.Event'], /40401|not found/, /evc events/],
    [['versions'], /expected one event type/, /evc versions Prompt/],
    [['events', '--format', 'xml'], /unknown --format "xml"/, null],
  ])('evc %j is unusable input (exit 2) that says what to do', async (argv, message, hint) => {
    const result = await runCli([...argv, '--registry', server.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    if (hint) expect(result.stderr).toMatch(hint);
  });

  it('needs a registry', async () => {
    const result = await runCli(['events'], { env: { EVC_REGISTRY_URL: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--registry/);
  });
});
