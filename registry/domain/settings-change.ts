/**
 * Who may change settings, as a pure function of the stored rows, the requested change and
 * the caller's role (issues #11 and #13: no publish token may weaken governance).
 *
 * - Every effective change of a level, policy or mode needs `admin`.
 * - A `publish` token's request that the effective settings already satisfy is acknowledged
 *   without change: asking for `BACKWARD` where `FULL_TRANSITIVE` applies changes nothing,
 *   because FULL_TRANSITIVE already runs every check BACKWARD runs. This is what lets
 *   `@kafkajs/confluent-schema-registry`'s `register()` (default options: on 40408 from
 *   `GET /config/{s}` it `PUT`s `{"compatibility":"BACKWARD"}`) succeed with a publish token
 *   without lowering the event's level. `NONE` and `CONSUMER_AWARE` ask for checks to be
 *   dropped, so they are never "already satisfied".
 * - While the scope is `READONLY`, only the mode itself may change (Confluent's READONLY
 *   refuses every write but `PUT /mode`).
 */
import { LEVELS } from '#compat/levels.ts';
import type { Level, Policy } from '#compat/types.ts';
import { effectiveSettings, type Settings, type StoredSettings } from './settings.ts';
import type { Role } from './tokens.ts';

export type SettingsPatch = Partial<Record<keyof StoredSettings, string | null>>;

export interface SettingsChangeInput {
  global: StoredSettings | undefined;
  /** The subject's own row; undefined for a global change or a subject without one. */
  own: StoredSettings | undefined;
  scope: 'global' | 'subject';
  /** The requested columns (`null` = inherit again), or `delete` to drop the subject's row. */
  change: SettingsPatch | 'delete';
  role: Role;
}

export type SettingsChangePlan =
  | { outcome: 'apply'; patch: SettingsPatch | 'delete'; before: Settings; after: Settings; acknowledged: string[] }
  | { outcome: 'forbidden'; reasons: string[] }
  | { outcome: 'read-only' };

/** True when `strong` runs every check `weak` runs (same or more directions, transitive if `weak` is). */
export const levelCovers = (strong: Level, weak: Level): boolean =>
  LEVELS[weak].directions.every((d) => LEVELS[strong].directions.includes(d)) &&
  (!LEVELS[weak].transitive || LEVELS[strong].transitive);

/** STRICT flags more changes than LENIENT, which flags more than CONSUMER_AWARE. */
const POLICY_RANK: Record<Policy, number> = { CONSUMER_AWARE: 0, LENIENT: 1, STRICT: 2 };
export const policyCovers = (strong: Policy, weak: Policy): boolean => POLICY_RANK[strong] >= POLICY_RANK[weak];

const satisfied = (key: keyof StoredSettings, before: Settings, value: string | null, inherited: Settings): boolean => {
  const wanted = value ?? inherited[key];
  if (wanted === before[key]) return true;
  if (key === 'level') return wanted !== 'NONE' && levelCovers(before.level, wanted as Level);
  if (key === 'policy') return wanted !== 'CONSUMER_AWARE' && policyCovers(before.policy, wanted as Policy);
  return false;
};

const applyPatch = (row: StoredSettings | undefined, patch: SettingsPatch): StoredSettings => ({
  level: row?.level ?? null,
  policy: row?.policy ?? null,
  mode: row?.mode ?? null,
  ...patch,
});

export function planSettingsChange(input: SettingsChangeInput): SettingsChangePlan {
  const { scope, change, role } = input;
  const ownRow = scope === 'global' ? input.global : input.own;
  const before = scope === 'global' ? effectiveSettings(input.global) : effectiveSettings(input.global, input.own);
  // What a column falls back to when set to null: the global row (for a subject) or the defaults.
  const inherited = scope === 'global' ? effectiveSettings() : effectiveSettings(input.global);
  const requested: SettingsPatch = change === 'delete' ? { level: null, policy: null, mode: null } : change;
  const onlyMode = Object.keys(requested).every((k) => k === 'mode');

  const patch: SettingsPatch = {};
  const acknowledged: string[] = [];
  const reasons: string[] = [];
  for (const [key, value] of Object.entries(requested) as [keyof StoredSettings, string | null][]) {
    if ((value ?? inherited[key]) === before[key]) {
      patch[key] = value;
      continue;
    }
    if (role === 'admin') patch[key] = value;
    else if (key !== 'mode' && satisfied(key, before, value, inherited)) acknowledged.push(`${key} ${value ?? inherited[key]} is already enforced by ${before[key]}; nothing changed`);
    else reasons.push(`changing ${key} from ${before[key]} to ${value ?? `the inherited ${inherited[key]}`}`);
  }
  if (reasons.length > 0) return { outcome: 'forbidden', reasons };
  if (before.mode === 'READONLY' && !onlyMode) return { outcome: 'read-only' };
  // A publish token's delete applies only when it changes nothing effective; keep the row then.
  const finalPatch: SettingsPatch | 'delete' = change === 'delete' && role === 'admin' ? 'delete' : patch;
  const after = finalPatch === 'delete' ? inherited : scope === 'global' ? effectiveSettings(applyPatch(ownRow, finalPatch)) : effectiveSettings(input.global, applyPatch(ownRow, finalPatch));
  return { outcome: 'apply', patch: finalPatch, before, after, acknowledged };
}
