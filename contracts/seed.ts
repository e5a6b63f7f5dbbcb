/**
 * The seed document's catalog, loaded once per process and cached on disk between
 * processes (every generated consumer test runs in its own worker, and the AsyncAPI
 * parser is the slow part). The cache key is the sha-256 of the document *and* of the
 * catalog loader's sources, so a change to either reloads. Set EVC_CATALOG_CACHE=0 to
 * bypass it. The contracts tooling reads the document only through the catalog.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Catalog } from '#catalog/model.ts';
import { BUNDLED_DOCUMENT, repoRoot } from '#catalog/bundled.ts';

export const SEED_DOCUMENT = BUNDLED_DOCUMENT;

const memory = new Map<string, Promise<Catalog>>();

function cacheKey(file: string): string {
  const hash = createHash('sha256').update(readFileSync(file));
  const catalogDir = path.join(repoRoot, 'catalog');
  for (const name of readdirSync(catalogDir).filter((n) => n.endsWith('.ts')).sort()) {
    hash.update(name).update(readFileSync(path.join(catalogDir, name)));
  }
  return hash.digest('hex');
}

async function load(file: string): Promise<Catalog> {
  // The loader (and the AsyncAPI parser behind it) is imported only on a cache miss.
  const loadCatalog = async (f: string) => (await import('#catalog/load.ts')).loadCatalog(f);
  if (process.env.EVC_CATALOG_CACHE === '0') return loadCatalog(file);
  const dir = path.join(tmpdir(), 'evc-catalog-cache');
  const cached = path.join(dir, `${cacheKey(file)}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as Catalog;
  } catch {
    const catalog = await loadCatalog(file);
    mkdirSync(dir, { recursive: true });
    // Write then rename: parallel workers never read a half-written file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(catalog));
    renameSync(partial, cached);
    return catalog;
  }
}

export function loadCatalogCached(file = path.join(repoRoot, SEED_DOCUMENT)): Promise<Catalog> {
  let pending = memory.get(file);
  if (!pending) {
    pending = load(file);
    memory.set(file, pending);
  }
  return pending;
}
