/**
 * Levels are data, not code paths (as in Confluent's CompatibilityChecker): which
 * directions a level checks, and whether it checks every earlier version of the major
 * line or only the latest one.
 */
import type { Direction, Level } from './types.ts';

export const LEVELS: Record<Level, { directions: Direction[]; transitive: boolean }> = {
  NONE: { directions: [], transitive: false },
  BACKWARD: { directions: ['backward'], transitive: false },
  BACKWARD_TRANSITIVE: { directions: ['backward'], transitive: true },
  FORWARD: { directions: ['forward'], transitive: false },
  FORWARD_TRANSITIVE: { directions: ['forward'], transitive: true },
  FULL: { directions: ['backward', 'forward'], transitive: false },
  FULL_TRANSITIVE: { directions: ['backward', 'forward'], transitive: true },
};

export const LEVEL_NAMES = Object.keys(LEVELS) as Level[];
export const POLICY_NAMES = ['STRICT', 'LENIENT', 'CONSUMER_AWARE'] as const;

/** Defaults: events are read by consumers that lag producers (FORWARD) and replayed by newer code (BACKWARD). */
export const DEFAULT_LEVEL: Level = 'FULL_TRANSITIVE';
export const DEFAULT_POLICY = 'LENIENT' as const;
