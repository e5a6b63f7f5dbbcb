/**
 * The generators' public API (see README.md): render typed clients per agent from a catalog,
 * write or drift-check them, and build npm-installable client bundles.
 */
export { renderClients, DEFAULT_RUNTIME_IMPORT, type RenderOptions } from './render/clients.ts';
export type { GeneratedFile } from './render/file.ts';
export { GenerationError, generationNotes } from './render/errors.ts';
export { GENERATOR_VERSION } from './render/header.ts';
export { planCatalog } from './render/plan.ts';
export { writeClients, checkClients, hasDrift, type DriftReport } from './write.ts';
export { buildClientBundle } from './bundle/build.ts';
