/**
 * Counterexamples the random properties (properties.test.ts) found, pinned as fixed cases so
 * they are checked on every run, whatever seed fast-check draws. Each says which property
 * found it and why the verdict is right, with an Ajv (2020-12) witness where instances matter.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { diffSchemas } from './diff.ts';
import type { JsonSchema, Level } from './types.ts';

const ajv = new Ajv2020({ strict: false, validateFormats: false });
const verdict = (before: JsonSchema, after: JsonSchema, level: Level) =>
  checkCompatibility({ history: [{ version: '1.0.0', schema: before }], candidate: { schema: after }, level, policy: 'STRICT' }).compatible;
const kinds = (before: JsonSchema, after: JsonSchema) => diffSchemas(before, after).map((c) => c.kind);

describe('"needless incompatible verdicts": annotations set on both sides of a normalization', () => {
  // Found by the safe-edit property ("behind a $ref with a description"): the $ref's description
  // was merged into the target's one-branch anyOf node, whose branch has its own description, and
  // the conflicting annotation stopped the branch from being merged, so FORWARD compared
  // `{anyOf: [...], description}` with `{type: number, multipleOf: 1, ...}` and reported MULTIPLE_OF_ADDED.
  const a = { anyOf: [{ type: 'number', multipleOf: 1, description: 'n' }] };
  const behindRef = { $defs: { T: a }, $ref: '#/$defs/T', description: 'same' };

  it.each(['BACKWARD', 'FORWARD', 'FULL'] as const)('the exact counterexample: a one-branch anyOf behind a $ref with a description (%s)', (level) => {
    expect(verdict(a, behindRef, level), 'both accept the same instances').toBe(true);
  });

  it('only the description differs, in both directions', () => {
    for (const v of [1, 2, 1.5, 'x']) expect(ajv.validate(a, v), `witness ${v}`).toBe(ajv.validate(behindRef, v));
    expect(kinds(a, behindRef)).toEqual(['DESCRIPTION_CHANGED']);
    expect(kinds(behindRef, a)).toEqual(['DESCRIPTION_CHANGED']);
  });

  it('a one-branch allOf whose branch has another title is its branch', () => {
    const before = { type: 'string', maxLength: 3, title: 'inner' };
    const after = { title: 'outer', allOf: [{ type: 'string', maxLength: 3, title: 'inner' }] };
    expect(kinds(before, after), 'a title change, nothing else').toEqual(['TITLE_CHANGED']);
    expect(verdict(before, after, 'FULL')).toBe(true);
  });

  it('allOf branches with their own description are flattened into the node', () => {
    const before = { type: 'string', maxLength: 5, description: 'outer' };
    const after = { description: 'outer', allOf: [{ type: 'string', description: 'inner' }, { maxLength: 5 }] };
    expect(kinds(before, after), 'the outer description is kept: no change').toEqual([]);
    expect(verdict(before, after, 'FULL')).toBe(true);
  });

  it('a constraint set differently on both sides still blocks the merge (and is compared)', () => {
    const before = { type: 'string', maxLength: 5 };
    const after = { maxLength: 3, anyOf: [{ type: 'string', maxLength: 5 }] };
    expect(ajv.validate(before, 'abcd'), 'witness: valid before').toBe(true);
    expect(ajv.validate(after, 'abcd'), 'witness: invalid after').toBe(false);
    expect(verdict(before, after, 'BACKWARD'), 'old 4-character strings fail the new schema').toBe(false);
  });
});

describe('allOf flattening keeps the branches it cannot merge', () => {
  // Found by the stress run (20× numRuns) of the safe-edit property ("allOf with true") while
  // fixing the case above: a union branch beside `true` must survive the flattening.
  it.each([
    ['a union', { anyOf: [{ type: 'string' }, { type: 'number' }] }],
    ['a conditional', { if: { type: 'string' }, then: { minLength: 1 } }],
    ['a not', { not: { type: 'null' } }],
  ] as const)('allOf: [%s, true] is the branch', (_name, branch) => {
    expect(kinds(branch, { allOf: [branch, true] })).toEqual([]);
    expect(kinds({ allOf: [branch, true] }, branch)).toEqual([]);
  });
});
