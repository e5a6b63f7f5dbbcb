/**
 * The seed document's catalog, loaded once per process. The contracts tooling reads
 * the AsyncAPI document only through the catalog (`catalog/load.ts`).
 */
import path from 'node:path';
import type { Catalog } from '#catalog/model.ts';
import { repoRoot } from '#test/support/conformance.ts';

export const SEED_DOCUMENT = 'asyncapi/prompt-platform.yaml';

const cache = new Map<string, Promise<Catalog>>();

export function loadCatalogCached(file = path.join(repoRoot, SEED_DOCUMENT)): Promise<Catalog> {
  let pending = cache.get(file);
  if (!pending) {
    pending = import('#catalog/load.ts').then((m) => m.loadCatalog(file));
    cache.set(file, pending);
  }
  return pending;
}
