/**
 * `evc diff` end to end (in-process): JSON Schema files and AsyncAPI documents, every
 * output format, and exit codes 0 compatible / 1 incompatible / 2 unusable input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { runCli } from '#cli/test-io.ts';
import { loadCatalog } from '#catalog/load.ts';
import { repoRoot } from '#test/support/conformance.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'evc-diff-'));
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return file;
};

const v1 = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
const optional = { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } }, required: ['id'] };
const breaking = { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] };

describe('evc diff with JSON Schema files', () => {
  beforeAll(() => {
    write('v1.json', v1);
    write('optional.json', optional);
    write('breaking.json', breaking);
  });

  it('exits 0 for a compatible change; two bare schema files have no versions, so none is mentioned', async () => {
    const r = await runCli(['diff', 'v1.json', 'optional.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL \/properties\/note/);
    expect(r.stdout).toMatch(/compatible under FULL_TRANSITIVE\/LENIENT\.$/m);
    // why: the trial's user was told "needs minor" / "Required bump" about files that carry no version.
    expect(r.stdout).not.toMatch(/bump|needs (major|minor|patch)|version/i);
  });

  it('mentions the bump when the schema files carry x-version', async () => {
    write('v1-versioned.json', { ...v1, 'x-version': '1.0.0' });
    write('optional-versioned.json', { ...optional, 'x-version': '1.1.0' });
    const r = await runCli(['diff', 'v1-versioned.json', 'optional-versioned.json'], { cwd: dir });
    expect(r.stdout).toMatch(/Required bump: minor\./);
  });

  it('prints paths as the user gave them', async () => {
    const absolute = path.join(dir, 'breaking.json');
    const r = await runCli(['diff', 'v1.json', absolute], { cwd: dir });
    // why: path.relative turned an absolute path into ../../..; the user's own spelling is clearer.
    expect(r.stdout.split('\n')[0]).toBe(`${absolute} [changed] INCOMPATIBLE`);
  });

  it('exits 1 under STRICT for the same change (policy is a flag)', async () => {
    const r = await runCli(['diff', 'v1.json', 'optional.json', '--policy', 'STRICT'], { cwd: dir });
    expect(r.code).toBe(1);
  });

  it('BACKWARD only: the optional field is fine, a type change is not', async () => {
    expect((await runCli(['diff', 'v1.json', 'optional.json', '--level', 'BACKWARD', '--policy', 'STRICT'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['diff', 'optional.json', 'v1.json', '--level', 'BACKWARD', '--policy', 'STRICT'], { cwd: dir })).code, 'removing a field from an open object is backward compatible').toBe(0);
  });

  it('explains a breaking change with its pointer and a fix hint, exit 1', async () => {
    const r = await runCli(['diff', 'v1.json', 'breaking.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ TYPE_CHANGED \/properties\/id\/type: type changed from "string" to "integer"/);
    expect(r.stdout).toMatch(/hint: add a new field with the new type instead/);
    expect(r.stdout).toMatch(/INCOMPATIBLE under FULL_TRANSITIVE\/LENIENT\.$/m);
  });

  it('json output is the full report', async () => {
    const r = await runCli(['diff', 'v1.json', 'breaking.json', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ compatible: false, level: 'FULL_TRANSITIVE', policy: 'LENIENT', requiredBump: 'major' });
    expect(report.violations.map((v: { direction: string }) => v.direction)).toEqual(['backward', 'forward']);
  });

  it('markdown output is a table for a PR comment', async () => {
    const r = await runCli(['diff', 'v1.json', 'breaking.json', '--format', 'markdown'], { cwd: dir });
    expect(r.stdout).toMatch(/^## evc diff: ❌ incompatible/);
    expect(r.stdout).toMatch(/\| ❌ \| TYPE_CHANGED \| `\/properties\/id\/type` \|/);
  });

  it('github output annotates the changed line of the new file', async () => {
    const r = await runCli(['diff', 'v1.json', 'breaking.json', '--format', 'github'], { cwd: dir });
    const line = readFileSync(path.join(dir, 'breaking.json'), 'utf8').split('\n').findIndex((l) => l.includes('"integer"')) + 1;
    expect(r.stdout).toContain(`::error file=breaking.json,line=${line},title=breaking.json%3A TYPE_CHANGED::type changed from "string" to "integer"`);
    expect(r.stdout).toMatch(/::notice title=evc diff::/);
  });

  it('judges an x-version proposal', async () => {
    const r = await runCli(['diff', write('a.json', { ...v1, 'x-version': '1.0.0' }), write('b.json', { ...breaking, 'x-version': '1.1.0' })], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/version: a FULL_TRANSITIVE break needs a new major version: use 2\.0\.0/);
  });

  it.each([
    ['one file', ['diff', 'v1.json'], /expected two files \(OLD NEW\), got 1/],
    ['a missing file', ['diff', 'v1.json', 'nope.json'], /cannot read nope\.json/],
    ['an unknown level', ['diff', 'v1.json', 'v1.json', '--level', 'SIDEWAYS'], /unknown level "SIDEWAYS"; valid levels: NONE, BACKWARD/],
    ['an unknown policy', ['diff', 'v1.json', 'v1.json', '--policy', 'LAX'], /unknown policy "LAX"; valid policies: STRICT, LENIENT, CONSUMER_AWARE/],
    ['an unknown format', ['diff', 'v1.json', 'v1.json', '--format', 'xml'], /valid formats: text, json, markdown, github/],
    ['invalid JSON', ['diff', 'v1.json', write('broken.json', '{"type": ')], /cannot read \/\S+\/broken\.json/],
    ['an invalid regex', ['diff', 'v1.json', write('regex.json', { type: 'string', pattern: '([a-z' })], /regex\.json: invalid regular expression "\(\[a-z"/],
    ['a schema against a document', ['diff', 'v1.json', path.join(repoRoot, 'asyncapi/prompt-platform.yaml')], /is a JSON Schema but .* is an AsyncAPI document/],
  ])('exits 2 for %s, saying what to fix', async (_what, argv, message) => {
    const r = await runCli(argv as string[], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('evc diff with AsyncAPI documents', () => {
  const seedFile = path.join(repoRoot, 'asyncapi/prompt-platform.yaml');
  let changedFile: string;
  beforeAll(() => {
    const doc = parseDocument(readFileSync(seedFile, 'utf8'));
    // A new required payload field on Prompt.Creation.Requested: old events lack it.
    doc.setIn(['components', 'schemas', 'PromptCreationRequestedPayload', 'properties', 'tags'], doc.createNode({ type: 'array', items: { type: 'string' } }));
    doc.setIn(['components', 'schemas', 'PromptCreationRequestedPayload', 'required'], doc.createNode(['requirements', 'priority', 'tags']));
    changedFile = write('changed.yaml', doc.toString());
  });

  it('the seed against itself is compatible (exit 0)', async () => {
    const r = await runCli(['diff', seedFile, seedFile], { cwd: repoRoot });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/19 events: 0 changed, 0 added, 0 removed, 19 unchanged; 0 incompatible/);
  });

  it('lists a change that breaks both directions once, with all the agents that read the field', async () => {
    const doc = parseDocument(readFileSync(seedFile, 'utf8'));
    doc.setIn(['components', 'schemas', 'PromptCreationRequestedPayload', 'properties', 'deadline'], doc.createNode({ type: 'integer' }));
    const retyped = write('retyped.yaml', doc.toString());
    const r = await runCli(['diff', seedFile, retyped], { cwd: repoRoot });
    expect(r.code).toBe(1);
    const typeLines = r.stdout.split('\n').filter((l) => l.includes('TYPE_CHANGED'));
    // why: the trial printed it twice (once per direction) with the same readers each time.
    expect(typeLines, r.stdout).toHaveLength(1);
    expect(typeLines[0]).toMatch(/readers of 1\.0\.0 cannot read new data/);
    for (const agent of ['prompt-engineering-specialist', 'ui-ux-designer', 'prompt-optimization-orchestrator']) expect(typeLines[0]).toContain(agent);
    expect(r.stdout, 'no second section for the same edits').not.toMatch(/seen from the new schema back to the old one/);
  });

  it('groups changes by event with verdict and bump, exit 1', async () => {
    const r = await runCli(['diff', seedFile, changedFile], { cwd: repoRoot });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Prompt\.Creation\.Requested 1\.0\.0 → 1\.0\.0 \[changed\] INCOMPATIBLE, needs major \(suggested 2\.0\.0\)$/m);
    expect(r.stdout).toMatch(/✗ REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL \/properties\/payload\/properties\/tags: required property added at \/properties\/payload\/properties\/tags \[read by no registered consumer\]/);
  });

  it('github annotations point at the event in the new document (the catalog source line)', async () => {
    const line = (await loadCatalog(changedFile)).events.find((e) => e.eventType === 'Prompt.Creation.Requested')!.source.line;
    const r = await runCli(['diff', seedFile, changedFile, '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error file=changed.yaml,line=${line},title=Prompt.Creation.Requested%3A REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL::`);
  });
});
