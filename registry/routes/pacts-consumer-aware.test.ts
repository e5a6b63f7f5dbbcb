/**
 * Consumer-aware compatibility through the registry's document dry run: every breaking
 * change names the consumers that read the field (or says nobody does), and the same
 * document is rejected under LENIENT but accepted under CONSUMER_AWARE when it breaks
 * only fields no registered consumer reads. PGlite, or Postgres with DATABASE_URL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';
import { openTestRegistry, seedText, type TestRegistry } from '../testing/harness.ts';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await openTestRegistry();
  const seed = await registry.call('POST', '/v1/documents', { raw: seedText(), headers: { 'content-type': 'application/yaml' } });
  expect(seed.status, JSON.stringify(seed.json).slice(0, 300)).toBe(201);
}, 120_000);
afterAll(async () => registry?.close());

const bumpDraft = (text: string) =>
  text
    .replace(/^( {2}version:) 1\.0\.0$/m, '$1 1.2.0')
    .replace(/(x-event-type: Prompt\.Draft\.Created\n\s+x-version:) 1\.0\.0/, '$1 1.1.0');

/** Prompt.Draft.Created without `template`, which no subscriber of the event reads. */
const withoutTemplate = () => {
  const text = seedText();
  const out = bumpDraft(text)
    .replace('required: [promptId, revision, title, template, variables]', 'required: [promptId, revision, title, variables]')
    .replace(/ {8}template:\n {10}type: string\n {10}minLength: 1\n {10}description: .*\n/, '')
    .replace(/ {14}template: \|-\n(?: {16}.*\n|\n)+?(?= {14}variables:)/, '');
  const count = (t: string) => t.split('template: |-').length;
  expect(count(out), 'the Prompt.Draft.Created example no longer carries template').toBe(count(text) - 1);
  return out;
};
/** Prompt.Draft.Created without `title`, which ui-ux-designer reads. */
const withoutTitle = () =>
  bumpDraft(seedText())
    .replace('required: [promptId, revision, title, template, variables]', 'required: [promptId, revision, template, variables]')
    .replace(/ {8}title:\n {10}type: string\n {10}minLength: 1\n {10}maxLength: 200\n/, '')
    .replace(/ {14}title: Support ticket brief\n/, '');

const dryRun = async (text: string) => registry.call('POST', '/v1/documents?dryRun=true', { raw: text, headers: { 'content-type': 'application/yaml' } });
const draftOf = (json: any) => (json.events ?? json.report?.events ?? []).find((e: any) => e.eventType === 'Prompt.Draft.Created');

describe('consumer-aware dry run', () => {
  it('rejects under LENIENT a change to a field nobody reads, saying nobody reads it', async () => {
    const res = await dryRun(withoutTemplate());
    const draft = draftOf(res.json);
    expect(draft?.status, JSON.stringify(res.json).slice(0, 1500)).toBe('rejected');
    expect(JSON.stringify(draft), 'the breaking change is marked as unread').toContain('read by no registered consumer');
  }, 120_000);

  it('accepts the same change under CONSUMER_AWARE as a minor bump and lists what became safe to remove', async () => {
    const cfg = await registry.call('PUT', '/v1/config/Prompt.Draft.Created', { body: { policy: 'CONSUMER_AWARE' } });
    expect(cfg.status, JSON.stringify(cfg.json)).toBe(200);
    const res = await dryRun(withoutTemplate());
    const draft = draftOf(res.json);
    expect(draft?.status, JSON.stringify(draft).slice(0, 1500)).not.toBe('rejected');
    expect(JSON.stringify(draft), 'the report says why and what is safe to remove').toMatch(/accepted under CONSUMER_AWARE.*safe to remove/s);
    expect(JSON.stringify(draft), 'as a minor bump').toContain('"requiredBump":"minor"');
    expect(JSON.stringify(draft), 'template is listed as safe to remove').toContain('/template');
  }, 120_000);

  it('still rejects under CONSUMER_AWARE a change to a field a consumer reads, naming the consumer', async () => {
    const res = await dryRun(withoutTitle());
    const draft = draftOf(res.json);
    expect(draft?.status, JSON.stringify(res.json).slice(0, 1500)).toBe('rejected');
    expect(JSON.stringify(draft), 'ui-ux-designer reads title').toContain('read by ui-ux-designer');
  }, 120_000);
});

describe('evc check', () => {
  it('shows the affected consumers of every breaking change and exits 1', async () => {
    const server = await registry.listen();
    const dir = mkdtempSync(path.join(tmpdir(), 'evc-check-'));
    try {
      const file = path.join(dir, 'asyncapi.yaml');
      writeFileSync(file, withoutTitle());
      const result = await runCli(['check', file, '--registry', server.url]);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout, 'the CI output names who reads the field').toContain('read by ui-ux-designer');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
