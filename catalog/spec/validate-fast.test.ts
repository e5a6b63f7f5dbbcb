/**
 * What the fast validator adds beyond verdicts (validator-agreement.test.ts): errors inside a
 * referenced file are reported in that file, hostile reference fan-out is refused quickly, and
 * it never opens a file or a socket of its own.
 */
import fs, { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CatalogError } from '../errors.ts';
import { analyzeDocument, loadCatalog } from '../load.ts';
import { clearValidationMemo } from '../validate.ts';

const header = 'asyncapi: 3.0.0\ninfo:\n  title: T\n  version: 1.0.0\n';

afterEach(() => vi.restoreAllMocks());

describe('fast validator', () => {
  it('reports an invalid schema at its line in the referenced local file, not at the $ref', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-fast-'));
    writeFileSync(path.join(dir, 'schemas.yaml'), 'Broken:\n  type: object\n  properties:\n    a:\n      type: 12\n');
    const root = path.join(dir, 'api.yaml');
    writeFileSync(root, `${header}channels:\n  c:\n    messages:\n      m:\n        payload:\n          $ref: './schemas.yaml#/Broken'\n`);
    const error = await loadCatalog(root).then(() => undefined, (e: unknown) => e);
    expect(error, 'an invalid schema means no catalog').toBeInstanceOf(CatalogError);
    const [first] = (error as CatalogError).diagnostics;
    // why: the fix goes in schemas.yaml at the `type:` of property a, so that is where we point.
    expect(first).toMatchObject({ file: path.join(dir, 'schemas.yaml'), line: 5, col: 7, pointer: '/Broken/properties/a/type', code: 'asyncapi/asyncapi-document-resolved' });
  });

  it('refuses a reference fan-out bomb quickly instead of walking 2^40 nodes', async () => {
    const levels = Array.from({ length: 40 }, (_, i) => `    L${i}:\n      allOf:\n        - $ref: '#/components/schemas/L${i + 1}'\n        - $ref: '#/components/schemas/L${i + 1}'\n`).join('');
    const text = `${header}channels:\n  c:\n    messages:\n      m:\n        payload:\n          $ref: '#/components/schemas/L0'\ncomponents:\n  schemas:\n${levels}    L40:\n      type: string\n`;
    const started = performance.now();
    const { diagnostics, catalog } = await analyzeDocument(text, 'bomb.yaml');
    expect(catalog, 'refused: no catalog').toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['ref-expansion-limit']);
    expect(performance.now() - started, 'refused in well under a second').toBeLessThan(1000);
  });

  it('accepts recursive schemas (recursion stays a $ref)', async () => {
    const text = `${header}channels:\n  c:\n    messages:\n      m:\n        payload:\n          $ref: '#/components/schemas/Node'\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        next:\n          $ref: '#/components/schemas/Node'\n`;
    const { diagnostics, catalog } = await analyzeDocument(text, 'recursive.yaml');
    expect(diagnostics, 'no findings').toEqual([]);
    expect(catalog?.events, 'one event').toHaveLength(1);
  });

  it('reads no file and opens no socket while validating', async () => {
    clearValidationMemo();
    const reads = vi.spyOn(fs.promises, 'readFile');
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const { diagnostics } = await analyzeDocument(`${header}channels:\n  c:\n    address: x\n`, 'inline.yaml');
    expect(diagnostics).toEqual([]);
    expect(reads, 'validation does not touch the file system').not.toHaveBeenCalled();
    expect(connect, 'nor the network').not.toHaveBeenCalled();
  });
});
