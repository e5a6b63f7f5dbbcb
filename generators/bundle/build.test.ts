import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildClientBundle } from '#generators/index.ts';
import { miniCatalog } from '#generators/fixtures/mini-catalog.ts';
import { bundlePackageName } from './build.ts';

/** Entry names of an uncompressed ustar archive. */
function entries(tar: Buffer): string[] {
  const names: string[] = [];
  for (let off = 0; off + 512 <= tar.length; ) {
    const name = tar.subarray(off, off + 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const size = Number.parseInt(tar.subarray(off + 124, off + 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    names.push(name);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

describe('buildClientBundle', () => {
  it('is deterministic and lays out an npm package', async () => {
    const first = await buildClientBundle(miniCatalog(), 'worker', '2.1.0');
    const second = await buildClientBundle(miniCatalog(), 'worker', '2.1.0');
    // why: the registry serves the hash as ETag; rebuilding the same input must give the same bytes.
    expect(first.equals(second)).toBe(true);
    const names = entries(gunzipSync(first));
    // why: npm expects everything under package/, sorted entries keep the archive stable.
    expect(names.every((n) => n.startsWith('package/'))).toBe(true);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['package/package.json', 'package/README.md', 'package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/runtime/index.js']));
    // why: tests and shared suites of the runtime are not shipped.
    expect(names.filter((n) => /\.test\.|suite/.test(n))).toEqual([]);
  }, 180_000);

  it('names packages in the @evc-clients scope with npm-safe names', () => {
    // why: npm package names are lower-case and URL-safe.
    expect([bundlePackageName('evaluation-engine'), bundlePackageName('My Agent')]).toEqual(['@evc-clients/evaluation-engine', '@evc-clients/my-agent']);
  });
});
