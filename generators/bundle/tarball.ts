/**
 * Packs files into an npm-style tarball (`package/<path>`, gzipped). Deterministic: sorted
 * entries, a fixed mtime and no owner data, so the same input gives the same bytes.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { create } from 'tar';

const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

export async function packTarball(files: Map<string, string>): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'evc-bundle-'));
  try {
    const names = [...files.keys()].sort();
    for (const name of names) {
      const target = path.join(dir, 'package', name);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, files.get(name)!);
    }
    const out = path.join(dir, 'bundle.tgz');
    await create({ gzip: true, file: out, cwd: dir, portable: true, mtime: FIXED_MTIME, noDirRecurse: true }, names.map((n) => `package/${n}`));
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
