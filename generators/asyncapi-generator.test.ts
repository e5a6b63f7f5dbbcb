/**
 * The template under generators/template/ is a real AsyncAPI Generator template (React
 * render engine, local, install: false): run through the generator's Node API it writes
 * exactly the files `evc generate` committed under generated/.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from 'tsx/esm/api';
import { generateWithAsyncApiGenerator, TEMPLATE_DIR } from '#generators/asyncapi-generator.ts';
import { repoRoot, repoTempDir } from '#generators/fixtures/temp-dir.ts';

describe('the AsyncAPI Generator template', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let unregister: () => Promise<void>;
  beforeAll(async () => {
    // The template loads the TypeScript renderers with a native import(); the generator
    // requires template files outside vitest's module graph, so tsx handles them here.
    unregister = register();
    tmp = await repoTempDir('asyncapi-generator');
  });
  afterAll(async () => {
    await tmp.remove();
    await unregister();
  });

  it('declares the React render engine and the v3 API in its package.json', async () => {
    const pkg = JSON.parse(await readFile(path.join(TEMPLATE_DIR, 'package.json'), 'utf8'));
    // why: `asyncapi generate fromTemplate` reads exactly this config to pick the renderer.
    expect(pkg.generator).toMatchObject({ renderer: 'react', apiVersion: 'v3' });
  });

  it('writes the same files as `evc generate` for an agent of the seed', async () => {
    await generateWithAsyncApiGenerator(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'), tmp.dir, { agent: 'evaluation-engine' });
    const committed = path.join(repoRoot, 'generated/evaluation-engine');
    const names = (await readdir(committed)).sort();
    // why: both paths share the pure renderers, so their output is byte-identical.
    expect((await readdir(path.join(tmp.dir, 'evaluation-engine'))).sort()).toEqual(names);
    for (const name of names) {
      expect(await readFile(path.join(tmp.dir, 'evaluation-engine', name), 'utf8'), name).toBe(await readFile(path.join(committed, name), 'utf8'));
    }
  }, 300_000);
});
