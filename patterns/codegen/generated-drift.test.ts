import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { renderPatterns } from './render.ts';
import { typecheckFiles } from './typecheck.ts';

describe('generated/patterns for the seed', () => {
  it('is committed exactly as the generator renders it (drift check: npm run generate:patterns)', async () => {
    const catalog = await loadCatalog(`${repoRoot}/asyncapi/prompt-platform.yaml`);
    const files = await renderPatterns(catalog);
    expect(files.map((f) => f.path), 'one module per x-aggregate and x-saga').toEqual(['generated/patterns/prompt-aggregate.ts', 'generated/patterns/prompt-optimization-saga.ts']);
    for (const file of files) {
      expect(readFileSync(`${repoRoot}/${file.path}`, 'utf8'), `${file.path} is stale: run npm run generate:patterns`).toBe(file.contents);
    }
    const diagnostics = typecheckFiles(Object.fromEntries(files.map((f) => [f.path.split('/').pop()!, f.contents])));
    expect(diagnostics, 'the generated modules compile under strict on their own').toEqual([]);
  });
});
