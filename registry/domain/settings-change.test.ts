import { describe, expect, it } from 'vitest';
import { levelCovers, planSettingsChange, type SettingsChangeInput } from './settings-change.ts';

const none = undefined;
const row = (level: string | null, policy: string | null = null, mode: string | null = null) => ({ level, policy, mode });

describe('planSettingsChange', () => {
  it.each<[string, Partial<SettingsChangeInput>, string, Record<string, unknown>?]>([
    ['publish asks for BACKWARD under the inherited FULL_TRANSITIVE (kafkajs register())', { change: { level: 'BACKWARD' } }, 'apply', { patch: {}, after: { level: 'FULL_TRANSITIVE' } }],
    ['publish asks for FORWARD_TRANSITIVE under FULL_TRANSITIVE: already enforced', { change: { level: 'FORWARD_TRANSITIVE' } }, 'apply', { patch: {} }],
    ['publish asks for the level that applies: stored, nothing effective changes', { change: { level: 'FULL_TRANSITIVE' } }, 'apply', { patch: { level: 'FULL_TRANSITIVE' } }],
    ['publish asks for NONE: never already satisfied', { change: { level: 'NONE' } }, 'forbidden'],
    ['publish asks for BACKWARD_TRANSITIVE under FULL: transitive is not enforced', { global: row('FULL'), change: { level: 'BACKWARD_TRANSITIVE' } }, 'forbidden'],
    ['publish tightens: still a change, needs admin (issue #11)', { global: row('BACKWARD'), change: { level: 'FULL' } }, 'forbidden'],
    ['publish asks for LENIENT under STRICT: already enforced', { global: row(null, 'STRICT'), change: { policy: 'LENIENT' } }, 'apply', { patch: {} }],
    ['publish asks for CONSUMER_AWARE: never already satisfied', { change: { policy: 'CONSUMER_AWARE' } }, 'forbidden'],
    ['publish changes a mode', { change: { mode: 'READONLY' } }, 'forbidden'],
    ['publish deletes a row holding READONLY', { own: row(null, null, 'READONLY'), change: 'delete' }, 'forbidden'],
    ['publish deletes a row that changes nothing effective', { own: row('FULL_TRANSITIVE'), change: 'delete' }, 'apply', { patch: { level: null, policy: null, mode: null } }],
    ['admin lowers', { role: 'admin', change: { level: 'NONE' } }, 'apply', { patch: { level: 'NONE' }, after: { level: 'NONE' } }],
    ['admin changes a level while READONLY', { role: 'admin', own: row(null, null, 'READONLY'), change: { level: 'FULL' } }, 'read-only'],
    ['admin changes the mode while READONLY', { role: 'admin', global: row(null, null, 'READONLY'), change: { mode: 'READWRITE' } }, 'apply'],
    ['admin deletes the row', { role: 'admin', own: row('NONE'), change: 'delete' }, 'apply', { patch: 'delete', after: { level: 'FULL_TRANSITIVE' } }],
  ])('%s → %s', (_name, input, outcome, expected = {}) => {
    const plan = planSettingsChange({ global: none, own: none, scope: 'subject', role: 'publish', change: {}, ...input });
    expect(plan.outcome).toBe(outcome);
    expect(plan).toMatchObject(expected);
  });

  it('levelCovers: a level covers another when it runs every check the other runs', () => {
    expect(levelCovers('FULL_TRANSITIVE', 'BACKWARD')).toBe(true);
    expect(levelCovers('FULL', 'BACKWARD_TRANSITIVE'), 'FULL checks only the latest version').toBe(false);
    expect(levelCovers('BACKWARD', 'FORWARD')).toBe(false);
  });
});
