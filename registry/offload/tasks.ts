/**
 * The registry's CPU-heavy steps, run inside worker threads (pool.ts): reading and checking an
 * uploaded document, checking one schema, building a client bundle. Pure functions of their
 * input; errors cross the thread boundary as plain data (serializeError / deserializeError).
 */
import { CatalogError, type Diagnostic } from '#catalog/errors.ts';
import type { Catalog, JsonSchema } from '#catalog/model.ts';
import { RegistryError } from '../errors.ts';
import type { TaskError } from './pool.ts';

/**
 * An uploaded document as a catalog whose every event schema is processable (json-schema.ts).
 * Uploads are untrusted: no remote refs, and no refs into the server's file system.
 */
export async function checkedCatalog(text: string, file: string): Promise<Catalog> {
  const [{ parseCatalog }, { assertProcessableSchema }] = await Promise.all([import('#catalog/load.ts'), import('../domain/json-schema.ts')]);
  const catalog = await parseCatalog(text, file, { allowRemoteRefs: false, allowFileRefs: false });
  for (const event of catalog.events) assertProcessableSchema(event.schema, event.source.pointer);
  return catalog;
}

export const tasks = {
  /** Loads what document and schema checks need, so the first real request does not wait for it. */
  warm: async () => {
    await Promise.all([import('#catalog/load.ts'), import('../domain/json-schema.ts')]);
    return true;
  },
  document: (input: { text: string; file: string }) => checkedCatalog(input.text, input.file),
  // Modules load on a task's first use: a worker that only checks schemas never loads the generators.
  schema: async (input: { schema: JsonSchema; prefix?: string }) => {
    const { assertProcessableSchema } = await import('../domain/json-schema.ts');
    assertProcessableSchema(input.schema, input.prefix ?? '');
    return true;
  },
  /** A stored document (validated when it was registered) → one agent's client bundle. */
  bundle: async (input: { text: string; file: string; agent: string; documentVersion: string }) => {
    const [{ parseCatalog }, { buildClientBundle, planCatalog }] = await Promise.all([import('#catalog/load.ts'), import('#generators/index.ts')]);
    const catalog = await parseCatalog(input.text, input.file, { allowRemoteRefs: false, allowFileRefs: false });
    const agents = planCatalog(catalog).agents.map((a) => a.agent);
    if (!agents.includes(input.agent)) throw agentNotFound(input.agent, input.documentVersion, agents);
    return new Uint8Array(await buildClientBundle(catalog, input.agent, input.documentVersion));
  },
};

export type TaskName = keyof typeof tasks;

const agentNotFound = (agent: string, version: string, valid: string[]) =>
  new RegistryError(404, 40410, `Agent '${agent}' not found in document ${version}. Valid agents: ${valid.join(', ')}.`, { validAgents: valid });

export function serializeError(error: unknown): TaskError {
  if (error instanceof RegistryError) return { kind: 'registry', message: error.message, status: error.status, code: error.code, details: error.details };
  if (error instanceof CatalogError) return { kind: 'catalog', message: error.message, diagnostics: error.diagnostics };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

export function deserializeError(error: TaskError): Error {
  if (error.kind === 'registry') return new RegistryError(error.status as RegistryError['status'], error.code as number, error.message, error.details as Record<string, unknown> | undefined);
  if (error.kind === 'catalog') return new CatalogError(error.diagnostics as Diagnostic[]);
  return new Error(error.message);
}
