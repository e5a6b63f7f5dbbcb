/**
 * Compatibility levels, policies and modes as data: the valid values, the defaults, and
 * how a subject's stored overrides combine with the global row.
 */
import type { Level, Policy } from '#compat/types.ts';

export const LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const satisfies readonly Level[];
export const POLICIES = ['STRICT', 'LENIENT', 'CONSUMER_AWARE'] as const satisfies readonly Policy[];
export const MODES = ['READWRITE', 'READONLY'] as const;
export type Mode = (typeof MODES)[number];

export const DEFAULT_LEVEL: Level = 'FULL_TRANSITIVE';
export const DEFAULT_POLICY: Policy = 'LENIENT';
export const DEFAULT_MODE: Mode = 'READWRITE';

export interface Settings {
  level: Level;
  policy: Policy;
  mode: Mode;
}

export interface StoredSettings {
  level: string | null;
  policy: string | null;
  mode: string | null;
}

/** Subject overrides win column by column; then the global row; then the defaults. */
export const effectiveSettings = (global?: StoredSettings, subject?: StoredSettings): Settings => ({
  level: (subject?.level ?? global?.level ?? DEFAULT_LEVEL) as Level,
  policy: (subject?.policy ?? global?.policy ?? DEFAULT_POLICY) as Policy,
  mode: (subject?.mode ?? global?.mode ?? DEFAULT_MODE) as Mode,
});

export const isLevel = (value: unknown): value is Level => (LEVELS as readonly unknown[]).includes(value);
export const isPolicy = (value: unknown): value is Policy => (POLICIES as readonly unknown[]).includes(value);
export const isMode = (value: unknown): value is Mode => (MODES as readonly unknown[]).includes(value);
