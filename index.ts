/**
 * The `event-contracts` package entry: what another program needs to use evc as a library.
 * Catalog loading (AsyncAPI document → plain data), the schema diff and compatibility check
 * (pure), and the registry client. The producer/consumer runtime is `event-contracts/runtime`.
 * Everything here is re-exported from the module that owns it; nothing is defined twice.
 */
export { loadCatalog, parseCatalog } from './catalog/load.ts';
export type { LoadOptions } from './catalog/load.ts';
export { CatalogError } from './catalog/errors.ts';
export type { Diagnostic } from './catalog/errors.ts';
export type * from './catalog/model.ts';
export * from './compat/index.ts';
export { registryClient, RegistryCallError } from './contracts/registry-client.ts';
export type { RegistryClient } from './contracts/registry-client.ts';
