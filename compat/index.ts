/**
 * The compatibility engine's public API (pure: no IO). See compat/README.md.
 */
export { diffSchemas } from './diff.ts';
export { checkCompatibility, breakingChanges } from './check.ts';
export { diffCatalogs } from './catalog-diff.ts';
export { nextVersion } from './semver.ts';
export { CompatError } from './errors.ts';
export { RULES, CHANGE_KINDS } from './rules.ts';
export { LEVELS, LEVEL_NAMES, POLICY_NAMES, DEFAULT_LEVEL, DEFAULT_POLICY } from './levels.ts';
export type * from './types.ts';
