/**
 * Every generated pattern file for a catalog: one module per `x-aggregate` and per `x-saga`,
 * each self-contained (no shared index: their payload types may share names). Pure; `patterns/generate.ts` writes or drift-checks the result.
 */
import type { Catalog } from '#catalog/model.ts';
import { renderAggregate, type GeneratedFile } from './render-aggregate.ts';
import { renderSaga } from './render-saga.ts';

export const defaultPatternsDir = 'generated/patterns';

export async function renderPatterns(catalog: Catalog, dir = defaultPatternsDir): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const aggregate of catalog.aggregates) files.push(await renderAggregate(catalog, aggregate, dir));
  for (const saga of catalog.sagas) files.push(await renderSaga(catalog, saga, dir));
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
