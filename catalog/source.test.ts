import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogError } from './errors.ts';
import { loadCatalog, parseCatalog } from './load.ts';
import { MAX_DOCUMENT_BYTES, parseSource } from './source.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'evc-source-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const diagnosticsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error, 'the input must be refused with a CatalogError').toBeInstanceOf(CatalogError);
  return (error as CatalogError).diagnostics;
};

describe('reading documents safely', () => {
  it('refuses a 10 MB document from its size alone, before parsing it', async () => {
    const file = path.join(dir, 'huge.yaml');
    // Valid YAML all the way through, so only the size check can refuse it.
    const line = '# padding padding padding padding padding padding padding padding padding\n';
    await writeFile(file, `asyncapi: 3.0.0\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length))}`);
    const [d, ...rest] = await diagnosticsOf(loadCatalog(file));
    expect(rest, 'one message').toHaveLength(0);
    expect(d).toMatchObject({ code: 'input-too-large', file });
    expect(d!.message).toBe(`the file is 10.0 MiB; documents larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB are refused`);
  });

  it('applies the same limit to text passed to parseCatalog', async () => {
    const [d] = await diagnosticsOf(parseCatalog('#'.repeat(MAX_DOCUMENT_BYTES + 1), 'inline.yaml'));
    expect(d?.code).toBe('input-too-large');
  });

  it('allows aliases up to the cap, so ordinary anchors keep working', () => {
    const doc = parseSource('asyncapi: 3.0.0\nbase: &b {type: string}\nuse: [*b, *b, *b]\n', 'ok.yaml');
    expect((doc.data as { use: unknown[] }).use, 'aliases resolve to the anchored value').toEqual([{ type: 'string' }, { type: 'string' }, { type: 'string' }]);
  });

  it('refuses duplicate keys with their position (YAML 1.2 requires unique keys)', () => {
    const error = (() => {
      try {
        parseSource('asyncapi: 3.0.0\ninfo: {}\ninfo: {}\n', 'dup.yaml');
      } catch (e) {
        return e as CatalogError;
      }
    })();
    expect(error?.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', line: 3, col: 1 });
  });

  it('locates JSON pointers at the key of a mapping entry, and at list items', () => {
    const doc = parseSource('a:\n  b:\n    - x\n    - y: 1\n', 'loc.yaml');
    expect(doc.locate('/a/b'), 'the key "b"').toEqual({ line: 2, col: 3 });
    expect(doc.locate('/a/b/1/y'), 'the key "y" inside the second item').toEqual({ line: 4, col: 7 });
    expect(doc.locate('/a/missing'), 'the deepest existing node').toEqual({ line: 1, col: 1 });
  });
});
