/**
 * The compatibility engine's public API (pure: no IO). See compat/README.md.
 */
export { diffSchemas } from './diff.ts';
export { breakingChanges } from './check.ts';
import { checkCompatibility as checkAgainstHistory } from './check.ts';
import { applyConsumerAware, type ConsumerAwareReport } from './consumers.ts';
import type { CheckInput } from './types.ts';
export type { ConsumerAwareReport, ConsumerImpactReport, ChangeImpact } from './consumers.ts';
/** The engine's verdict, then consumer-aware annotations and the CONSUMER_AWARE policy (compat/consumers.ts). */
export const checkCompatibility = (input: CheckInput): ConsumerAwareReport => applyConsumerAware(checkAgainstHistory(input), input);
export { diffCatalogs } from './catalog-diff.ts';
export { nextVersion } from './semver.ts';
export { CompatError } from './errors.ts';
export { RULES, CHANGE_KINDS } from './rules.ts';
export { LEVELS, LEVEL_NAMES, POLICY_NAMES, DEFAULT_LEVEL, DEFAULT_POLICY } from './levels.ts';
export type * from './types.ts';
