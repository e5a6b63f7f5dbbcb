import { describe, expect, it } from 'vitest';
import { buildClientBundle } from '#generators/index.ts';
import { miniCatalog } from '#generators/fixtures/mini-catalog.ts';
import { tarEntries } from '#generators/fixtures/untar.ts';
import { bundlePackageName } from './build.ts';

describe('buildClientBundle', () => {
  it('is deterministic and lays out an npm package', async () => {
    const first = await buildClientBundle(miniCatalog(), 'worker', '2.1.0');
    const second = await buildClientBundle(miniCatalog(), 'worker', '2.1.0');
    // why: the registry serves the hash as ETag; rebuilding the same input must give the same bytes.
    expect(first.equals(second)).toBe(true);
    const names = tarEntries(first).map((e) => e.path);
    // why: npm expects everything under package/, sorted entries keep the archive stable.
    expect(names.every((n) => n.startsWith('package/'))).toBe(true);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['package/package.json', 'package/README.md', 'package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/runtime/index.js']));
    // why: the runtime reads versions through shared/version.ts (one grammar for all of evc); the bundle must carry it.
    expect(names, 'the dependency-free shared helpers ship beside the runtime').toEqual(expect.arrayContaining(['package/dist/shared/version.js', 'package/dist/shared/version.d.ts']));
    // why: tests and shared suites of the runtime are not shipped.
    expect(names.filter((n) => /\.test\.|suite/.test(n))).toEqual([]);
  }, 180_000);

  it('names packages in the @evc-clients scope with npm-safe names', () => {
    // why: npm package names are lower-case and URL-safe.
    expect([bundlePackageName('evaluation-engine'), bundlePackageName('My Agent')]).toEqual(['@evc-clients/evaluation-engine', '@evc-clients/my-agent']);
  });
});
