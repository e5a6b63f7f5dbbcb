/**
 * The _TRANSITIVE levels over histories of three versions in one major line, where each step
 * is compatible with the version before it and only the comparison with the oldest version
 * breaks. A transitive level that checked only the latest version (LEVELS[…].transitive
 * false) would accept every candidate here; the non-transitive twin must accept it.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { DEFAULT_LEVEL } from './levels.ts';
import type { Direction, JsonSchema, Level } from './types.ts';

const S = { type: 'string' };
const obj = (properties: Record<string, unknown>): JsonSchema => ({ type: 'object', properties });

// Open content models under LENIENT: removing or adding an optional property is compatible both
// ways, so every step below is FULL compatible with its predecessor.
// Backward chain: v1 wrote an integer x, v2 dropped x, v3 reads x as a string → v3 cannot read v1 events.
const integerThenString = [obj({ id: S, x: { type: 'integer' } }), obj({ id: S }), obj({ id: S, x: S })];
// Forward chain: v1 reads x as a string, v3 writes an integer x → v1 readers reject v3 events.
const stringThenInteger = [obj({ id: S, x: S }), obj({ id: S }), obj({ id: S, x: { type: 'integer' } })];

const history = (schemas: JsonSchema[]) => schemas.slice(0, 2).map((schema, i) => ({ version: `1.${i}.0`, schema }));
const check = (schemas: JsonSchema[], level: Level, version?: string) =>
  checkCompatibility({ history: history(schemas), candidate: { schema: schemas[2]!, ...(version ? { version } : {}) }, level, policy: 'LENIENT' });

const cases: { level: Level; twin: Level; chain: JsonSchema[]; breaks: Direction[]; why: string }[] = [
  { level: 'BACKWARD_TRANSITIVE', twin: 'BACKWARD', chain: integerThenString, breaks: ['backward'], why: 'v3 rejects the integer x of stored v1 events' },
  { level: 'FORWARD_TRANSITIVE', twin: 'FORWARD', chain: stringThenInteger, breaks: ['forward'], why: 'v1 readers reject the integer x v3 writes' },
  { level: 'FULL_TRANSITIVE', twin: 'FULL', chain: integerThenString, breaks: ['backward', 'forward'], why: 'x changed type between v1 and v3: neither reads the other' },
  { level: 'FULL_TRANSITIVE', twin: 'FULL', chain: stringThenInteger, breaks: ['backward', 'forward'], why: 'the same change the other way round' },
];

describe('transitive levels over three versions', () => {
  it.each(cases)('$level refuses v3 because of v1 ($why)', ({ level, chain, breaks }) => {
    const r = check(chain, level);
    expect(r.compatible, 'v1 is in the same major line, so a transitive level checks it').toBe(false);
    expect(
      r.violations.map((v) => [v.against, v.direction, v.changes.map((c) => c.kind)]),
      'the only violations are against 1.0.0 (v2 → v3 is compatible), one per checked direction',
    ).toEqual(breaks.map((d) => ['1.0.0', d, ['TYPE_CHANGED']]));
    expect(r.requiredBump, 'a break within the line needs a new major').toBe('major');
    expect(r.suggestedVersion).toBe('2.0.0');
  });

  it.each(cases)('$level refuses a declared 1.2.0 and proposes 2.0.0 ($why)', ({ level, chain }) => {
    const r = check(chain, level, '1.2.0');
    expect(r.proposal?.acceptable, 'a transitive break cannot be released as a minor').toBe(false);
    expect(r.proposal?.reasons.join('\n')).toMatch(/with 1\.0\.0 under LENIENT: type changed .* at \/properties\/x\/type/);
    expect(r.proposal?.reasons.join('\n')).toMatch(/needs a new major version: use 2\.0\.0/);
  });

  it.each(cases)('$twin (not transitive) accepts the same v3: it only reads v2', ({ twin, chain }) => {
    const r = check(chain, twin);
    expect(r.compatible, 'v2 → v3 only adds an optional property to an open model').toBe(true);
    expect(r.violations).toEqual([]);
    expect(r.latest).toBe('1.1.0');
  });

  it.each(cases)('each step of the $level chain is FULL compatible with its predecessor', ({ chain }) => {
    for (const i of [1, 2]) {
      const r = checkCompatibility({ history: [{ version: '1.0.0', schema: chain[i - 1]! }], candidate: { schema: chain[i]! }, level: 'FULL', policy: 'LENIENT' });
      expect(r.compatible, `v${i} → v${i + 1} on its own is compatible both ways`).toBe(true);
    }
  });

  it('a transitive level checks every earlier version of the line, oldest first', () => {
    // Four versions: v1 and v2 both carry an integer x; v3 drops it; v4 reads x as a string.
    const chain = [obj({ id: S, x: { type: 'integer' } }), obj({ id: S, x: { type: 'integer' }, y: S }), obj({ id: S, y: S }), obj({ id: S, y: S, x: S })];
    const r = checkCompatibility({
      history: chain.slice(0, 3).map((schema, i) => ({ version: `1.${i}.0`, schema })),
      candidate: { schema: chain[3]! },
      level: 'BACKWARD_TRANSITIVE',
      policy: 'LENIENT',
    });
    expect(r.violations.map((v) => v.against), 'both versions that wrote an integer x are named; 1.2.0 is fine').toEqual(['1.0.0', '1.1.0']);
  });

  it('the default level is transitive and checks both directions', () => {
    // why: an unconfigured subject must refuse v3 in both directions because of v1 (FULL_TRANSITIVE).
    for (const chain of [integerThenString, stringThenInteger]) {
      const r = check(chain, DEFAULT_LEVEL);
      expect(r.violations.map((v) => [v.against, v.direction])).toEqual([['1.0.0', 'backward'], ['1.0.0', 'forward']]);
    }
  });

  it('FULL checks the forward direction on its own: a widened type breaks old readers only', () => {
    const widened = { history: [{ version: '1.0.0', schema: obj({ x: S }) }], candidate: { schema: obj({ x: { type: ['string', 'integer'] } }) }, policy: 'STRICT' as const };
    expect(checkCompatibility({ ...widened, level: 'FULL' }).violations.map((v) => v.direction)).toEqual(['forward']);
    expect(checkCompatibility({ ...widened, level: 'BACKWARD' }).compatible).toBe(true);
  });
});
