import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';
import { evolveSeed } from '#registry/testing/evolve.ts';
import { openTestRegistry, seedText, type TestRegistry } from '#registry/testing/harness.ts';
import type { RunningServer } from '#registry/server.ts';

describe('evc publish / evc check / evc token', () => {
  let r: TestRegistry;
  let server: RunningServer;
  const dir = mkdtempSync(path.join(tmpdir(), 'evc-cli-'));
  const seed = path.join(dir, 'asyncapi.yaml');
  const breaking = path.join(dir, 'breaking.yaml');
  beforeAll(async () => {
    r = await openTestRegistry();
    server = await r.listen();
    writeFileSync(seed, seedText());
    const doc = evolveSeed('PromptCreationRequested', '1.1.0', (schema) => {
      schema.properties.tenantTier = { type: 'string' };
      schema.required = [...(schema.required ?? []), 'tenantTier'];
    });
    writeFileSync(breaking, doc);
  }, 180_000);
  afterAll(async () => r?.close());

  it('publishes with a token, then checks clean (exit 0)', async () => {
    const noToken = await runCli(['publish', 'asyncapi.yaml', '--registry', server.url], { cwd: dir, env: { EVC_TOKEN: '' } });
    expect(noToken.code, 'publishing without a token is unusable input').toBe(2);
    const published = await runCli(['publish', 'asyncapi.yaml', '--registry', server.url, '--token', r.tokens.publish], { cwd: dir });
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toMatch(/OK: registered 19 event\(s\)/);
    const checked = await runCli(['check', 'asyncapi.yaml', '--registry', server.url], { cwd: dir, env: { EVC_TOKEN: '' } });
    expect(checked.code, 'check needs no token and passes on unchanged events').toBe(0);
    expect(checked.stdout).toMatch(/19 unchanged/);
  });

  it('rejects a breaking change (exit 1) in every format, annotating the document line for GitHub', async () => {
    const text = await runCli(['check', 'breaking.yaml', '--registry', server.url], { cwd: dir });
    expect(text.code, 'a rejected document fails the gate').toBe(1);
    expect(text.stdout).toMatch(/Prompt.Creation.Requested 1.1.0 rejected/);
    expect(text.stdout).toMatch(/smallest acceptable version: 2.0.0/);

    const json = await runCli(['check', 'breaking.yaml', '--registry', server.url, '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);

    const md = await runCli(['check', 'breaking.yaml', '--registry', server.url, '--format', 'markdown'], { cwd: dir });
    expect(md.stdout, 'markdown is a PR-ready table').toMatch(/\| `Prompt.Creation.Requested` \| 1.1.0 \| rejected \| major \| 2.0.0 \|/);

    const gh = await runCli(['check', 'breaking.yaml', '--registry', server.url, '--format', 'github'], { cwd: dir });
    const rejected = report.events.find((e: any) => e.status === 'rejected');
    expect(gh.stdout, 'the annotation points at the event in the document').toContain(`::error file=breaking.yaml,line=${rejected.source.line},col=${rejected.source.col},`);
    const lines = (await import('node:fs')).readFileSync(breaking, 'utf8').split('\n');
    expect(lines[rejected.source.line - 1], 'and that line is the event message').toMatch(/PromptCreationRequested/);
  });

  it('a dry run says "would register", and unchanged events are one line unless --verbose', async () => {
    const minor = path.join(dir, 'minor.yaml');
    writeFileSync(minor, evolveSeed('PromptCreationRequested', '1.1.0', (schema) => {
      schema.properties.note = { type: 'string' };
    }));
    const checked = await runCli(['check', 'minor.yaml', '--registry', server.url], { cwd: dir, env: { EVC_TOKEN: '' } });
    expect(checked.code, checked.stderr).toBe(0);
    // why: the trial's user read "registered" on a dry run and thought the registry had changed.
    expect(checked.stdout).toMatch(/\+ Prompt\.Creation\.Requested 1\.1\.0 would register/);
    expect(checked.stdout).not.toMatch(/ registered\b/);
    expect(checked.stdout.match(/ unchanged$/gm) ?? [], 'no line per unchanged event').toEqual([]);
    expect(checked.stdout).toMatch(/= 18 event\(s\) unchanged \(--verbose lists them\)/);
    const verbose = await runCli(['check', 'minor.yaml', '--registry', server.url, '--verbose'], { cwd: dir, env: { EVC_TOKEN: '' } });
    expect(verbose.stdout.match(/ unchanged$/gm), '--verbose lists each unchanged event').toHaveLength(18);
    const md = await runCli(['check', 'minor.yaml', '--registry', server.url, '--format', 'markdown'], { cwd: dir, env: { EVC_TOKEN: '' } });
    expect(md.stdout).toMatch(/\| `Prompt.Creation.Requested` \| 1.1.0 \| would register \|/);
  });

  it.each([
    ['an unreachable registry', ['check', 'asyncapi.yaml', '--registry', 'http://127.0.0.1:1'], /unreachable/],
    ['a missing file', ['check', 'nope.yaml', '--registry', 'REG'], /cannot read nope.yaml/],
    ['an unknown format', ['check', 'asyncapi.yaml', '--registry', 'REG', '--format', 'xml'], /Valid formats: text, json, markdown, github/],
    ['an invalid document', ['check', 'bad.yaml', '--registry', 'REG'], /bad.yaml:\d+:\d+/],
  ])('exits 2 for %s', async (_name, argv, message) => {
    writeFileSync(path.join(dir, 'bad.yaml'), 'asyncapi: 3.0.0\ninfo:\n  title: [oops\n');
    const res = await runCli(argv.map((a) => (a === 'REG' ? server.url : a)), { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it('creates tokens through the registry and directly in a data directory', async () => {
    const viaApi = await runCli(['token', 'create', '--role', 'publish', '--name', 'ci', '--registry', server.url, '--token', r.tokens.admin], { cwd: dir });
    expect(viaApi.code, viaApi.stderr).toBe(0);
    const token = viaApi.stdout.trim();
    const use = await runCli(['publish', 'asyncapi.yaml', '--registry', server.url, '--token', token, '--dry-run'], { cwd: dir });
    expect(use.code, 'the new token works').toBe(0);
    const refused = await runCli(['token', 'create', '--role', 'admin', '--registry', server.url, '--token', token], { cwd: dir });
    expect(refused.code, 'a publish token cannot mint tokens').toBe(2);
    const local = await runCli(['token', 'create', '--role', 'read', '--data-dir', path.join(dir, 'data')], { cwd: dir, env: { DATABASE_URL: '' } });
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout.trim()).toMatch(/^evc_/);
  });
});
