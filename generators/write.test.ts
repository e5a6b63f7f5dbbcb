/**
 * The writer stays inside `--out` and deletes only what it generated (issue #18: an agent
 * named `..` made `evc generate --out proj/generated` delete `proj/package.json`).
 */
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';
import { parseCatalog } from '#catalog/load.ts';
import { GenerationError, planCatalog, renderClients, writeClients, checkClients } from '#generators/index.ts';
import { MANIFEST } from './write.ts';
import { repoRoot } from './fixtures/temp-dir.ts';

const VALID = path.join(repoRoot, 'test/fixtures/lint/valid.yaml');
/** valid.yaml with the agent `prompt-studio` renamed to `name` everywhere. */
const withAgent = async (name: string) => (await readFile(VALID, 'utf8')).replaceAll('prompt-studio', name);

let project: string;
beforeEach(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'evc-write-'));
  await writeFile(path.join(project, 'package.json'), '{ "name": "mine" }\n');
});
afterEach(() => rm(project, { recursive: true, force: true }));

describe('evc generate never touches files outside --out', () => {
  it('the issue repro: an agent named ".." is refused and proj/package.json survives', async () => {
    await writeFile(path.join(project, 'asyncapi.yaml'), await withAgent('..'));
    const result = await runCli(['generate', 'asyncapi.yaml', '--out', 'generated'], { cwd: project });
    // why: exit 2 (unusable input) naming the bad agent id and where it is declared.
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/agent id "\.\." cannot be used: it contains "\.\."/);
    expect(result.stderr).toMatch(/asyncapi\.yaml:\d+:\d+/);
    // why: the old writer listed `generated/..` as a client folder and deleted package.json there.
    expect(await readFile(path.join(project, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n');
    expect((await readdir(project)).sort()).toEqual(['asyncapi.yaml', 'package.json']);
  });

  it.each([
    ['a parent folder', '../package.json'],
    ['a nested parent', 'agent/../../package.json'],
    ['an absolute path', path.join(os.tmpdir(), 'x.ts')],
    ['the folder itself', '.'],
  ])('refuses a rendered file path pointing at %s before writing anything', async (_what, rel) => {
    const out = path.join(project, 'generated');
    const write = writeClients([{ path: 'ok/index.ts', contents: 'export {};\n' }, { path: rel, contents: 'pwned' }], out);
    // why: the check runs before the first write or delete, so nothing is half written.
    await expect(write).rejects.toBeInstanceOf(GenerationError);
    await expect(readdir(out)).rejects.toThrow();
    expect(await readFile(path.join(project, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n');
  });

  it('plans no folder for an agent id that bypassed the loader', async () => {
    const catalog = await parseCatalog(await readFile(VALID, 'utf8'), 'valid.yaml');
    const hostile = { ...catalog, agents: catalog.agents.map((a) => (a.id === 'prompt-studio' ? { ...a, id: '..' } : a)) };
    // why: defence in depth — a catalog built in code (not loaded) cannot name a folder `..` either.
    expect(() => planCatalog(hostile)).toThrow(/agent id "\.\." cannot be a folder name/);
  });
});

describe('the writer deletes only files listed in its manifest', () => {
  it('removes a file an earlier run generated, keeps hand-written ones, and never follows a tampered manifest', async () => {
    const out = path.join(project, 'generated');
    const catalog = await parseCatalog(await readFile(VALID, 'utf8'), 'valid.yaml');
    const files = await renderClients(catalog, { agent: 'prompt-studio' });
    await writeClients([...files, { path: 'prompt-studio/old.ts', contents: 'export {};\n' }], out);
    await writeFile(path.join(out, 'prompt-studio', 'mine.ts'), 'export const mine = 1;\n');
    const manifest = JSON.parse(await readFile(path.join(out, MANIFEST), 'utf8')) as { files: string[] };
    // why: the manifest is what makes a later delete legitimate; it lists exactly what was written.
    expect(manifest.files).toEqual([...files.map((f) => f.path), 'prompt-studio/old.ts'].sort());
    // A manifest edited to name a file outside --out (or one in the client folder the writer never wrote).
    manifest.files.push('../package.json', 'prompt-studio/../../package.json');
    await writeFile(path.join(out, MANIFEST), JSON.stringify(manifest));
    expect((await checkClients(files, out)).extra).toEqual(['prompt-studio/old.ts']);
    const { removed } = await writeClients(files, out);
    expect(removed).toEqual(['prompt-studio/old.ts']);
    // why: hand-written files and anything outside --out survive every run.
    expect(await readFile(path.join(out, 'prompt-studio', 'mine.ts'), 'utf8')).toBe('export const mine = 1;\n');
    expect(await readFile(path.join(project, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n');
    expect(await checkClients(files, out)).toEqual({ changed: [], missing: [], extra: [] });
  });

  it('deletes nothing in a folder without a manifest', async () => {
    const out = path.join(project, 'generated');
    await mkdir(path.join(out, 'prompt-studio'), { recursive: true });
    await writeFile(path.join(out, 'prompt-studio', 'stale.ts'), 'export {};\n');
    const catalog = await parseCatalog(await readFile(VALID, 'utf8'), 'valid.yaml');
    const { removed } = await writeClients(await renderClients(catalog, { agent: 'prompt-studio' }), out);
    // why: without a record of having generated it, a file is the user's.
    expect(removed).toEqual([]);
    expect(await readFile(path.join(out, 'prompt-studio', 'stale.ts'), 'utf8')).toBe('export {};\n');
  });
});
