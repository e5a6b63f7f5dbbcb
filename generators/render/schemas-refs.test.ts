/**
 * SchemaMerger on the edges of ref handling: what counts as a reference (only a string `$ref`
 * that points into the schema's own `$defs`/`definitions`), what is reachable, how renamed
 * definitions are rewritten everywhere (arrays, properties named `$ref`), and boolean schemas.
 */
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '#catalog/model.ts';
import { GLOBAL_REF, SchemaMerger } from './schemas.ts';

type Defs = Record<string, Record<string, unknown>>;

const stringTag = { type: 'string' };
const objectTag = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };

function merge(...schemas: [string, JsonSchema][]): { defs: Defs; names: string[] } {
  const m = new SchemaMerger();
  for (const [name, schema] of schemas) m.add(name, schema);
  const { root, names } = m.merged();
  return { defs: root.$defs as Defs, names };
}

describe('SchemaMerger: names and boolean schemas', () => {
  it('reports the added names in order', () => {
    const { names } = merge(['B', { type: 'string' }], ['A', { type: 'number' }]);
    // why: callers build the union from these names, in the order they added them.
    expect(names).toEqual(['B', 'A']);
  });

  it('turns boolean and missing schemas into titled schemas json-schema-to-typescript can name', () => {
    const { defs } = merge(['T', true], ['F', false], ['U', undefined as unknown as JsonSchema]);
    // why: `true` (and no schema) accepts anything; `false` accepts nothing (`not: {}`); each needs a title to become a named type.
    expect(defs).toEqual({ T: { title: 'T' }, F: { title: 'F', not: {} }, U: { title: 'U' } });
  });
});

describe('SchemaMerger: which definitions are reachable', () => {
  it('keeps only definitions reached by a local ref, not those reached from unused definitions', () => {
    const { defs } = merge(
      ['D', { properties: { a: { type: 'string' } }, $defs: { Unused: { $ref: '#/$defs/Other' }, Other: stringTag } }],
      ['L', { properties: { a: { type: 'string' } }, definitions: { Unused: { $ref: '#/definitions/Other' }, Other: stringTag } }],
    );
    // why: a definition only an unused definition points at is unused too; keeping it adds stray types.
    expect(Object.keys(defs).sort()).toEqual(['D', 'L']);
  });

  it('does not treat ref-like strings outside `$ref`, nor refs into other documents, as local refs', () => {
    const { defs } = merge([
      'E',
      {
        description: '#/$defs/Doc',
        properties: { ext: { $ref: 'other.json#/$defs/Ext' }, odd: { $ref: 'other.json#/x' } },
        $defs: { Doc: stringTag, Ext: stringTag, undefined: { $ref: '#/$defs/ViaUndefined' }, ViaUndefined: stringTag },
      },
    ]);
    // why: only a `$ref` of the form `#/$defs/<name>` names a definition of this schema.
    expect(Object.keys(defs)).toEqual(['E']);
    expect(defs.E!.description).toBe('#/$defs/Doc');
  });

  it('walks through null values and follows refs inside a property named `$ref`', () => {
    const { defs } = merge([
      'E',
      { enum: ['a', null], default: null, properties: { $ref: { $ref: '#/$defs/Tag' } }, $defs: { Tag: stringTag } },
    ]);
    // why: `null` is a JSON value schemas use (enum, default); a property may be called `$ref` and its schema is a schema like any other.
    expect(defs).toEqual({
      Tag: { type: 'string', title: 'Tag' },
      E: { enum: ['a', null], default: null, properties: { $ref: { $ref: '#/$defs/Tag' } }, title: 'E' },
    });
  });

  it('handles a recursive definition', () => {
    const node = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } };
    const { defs } = merge(['Tree', { properties: { root: { $ref: '#/$defs/Node' } }, $defs: { Node: node } }]);
    // why: a tree refers to itself; following it again would never end.
    expect(defs.Node).toEqual({ ...node, title: 'Node' });
    expect(defs.Tree).toEqual({ properties: { root: { $ref: '#/$defs/Node' } }, title: 'Tree' });
  });
});

describe('SchemaMerger: rewriting refs to renamed definitions', () => {
  it('rewrites refs in arrays and in properties named `$ref`, and nothing that only looks like a ref', () => {
    const { defs } = merge(
      ['A', { properties: { t: { $ref: '#/$defs/Tag' } }, $defs: { Tag: stringTag } }],
      [
        'B',
        {
          description: '#/$defs/Tag',
          $comment: `${GLOBAL_REF}A`,
          required: ['x', 'y'],
          properties: {
            x: { anyOf: [{ $ref: '#/$defs/Tag' }, { type: 'null' }] },
            $ref: { $ref: '#/$defs/Tag' },
            ext: { $ref: 'other.json#/$defs/Tag' },
            missing: { $ref: '#/$defs/Missing/properties/a' },
          },
          $defs: { Tag: objectTag },
        },
      ],
    );
    // why: B's Tag differs from A's, so it is stored as Tag2 and every local ref to it must follow, including inside anyOf and under a property called `$ref`.
    expect(defs.Tag2).toEqual({ ...objectTag, title: 'Tag2' });
    expect(defs.B).toEqual({
      description: '#/$defs/Tag',
      $comment: `${GLOBAL_REF}A`,
      required: ['x', 'y'],
      properties: {
        x: { anyOf: [{ $ref: '#/$defs/Tag2' }, { type: 'null' }] },
        $ref: { $ref: '#/$defs/Tag2' },
        // why: a ref into another document, or to a definition the schema does not have, is not one of ours: left unchanged.
        ext: { $ref: 'other.json#/$defs/Tag' },
        missing: { $ref: '#/$defs/Missing/properties/a' },
      },
      title: 'B',
    });
  });

  it('numbers further different definitions of one name upwards', () => {
    const { defs } = merge(
      ['A', { properties: { t: { $ref: '#/$defs/Tag' } }, $defs: { Tag: stringTag } }],
      ['B', { properties: { t: { $ref: '#/$defs/Tag' } }, $defs: { Tag: objectTag } }],
      ['C', { properties: { t: { $ref: '#/$defs/Tag' } }, $defs: { Tag: { type: 'number' } } }],
    );
    // why: three different shapes named Tag are three types: Tag, Tag2, Tag3.
    expect(Object.keys(defs).filter((k) => k.startsWith('Tag')).sort()).toEqual(['Tag', 'Tag2', 'Tag3']);
    expect(defs.Tag3).toEqual({ type: 'number', title: 'Tag3' });
    expect(defs.C!.properties).toEqual({ t: { $ref: '#/$defs/Tag3' } });
  });

  it('does not share a definition whose referenced definition was renamed', () => {
    // Z refers to B; in the second schema B differs (so it becomes B2), hence Z differs too.
    // Z is listed before B, but B sorts first, so its new name is known when Z is compared.
    const { defs } = merge(
      ['E1', { properties: { z: { $ref: '#/$defs/Z' } }, $defs: { Z: { $ref: '#/$defs/B' }, B: stringTag } }],
      ['E2', { properties: { z: { $ref: '#/$defs/Z' } }, $defs: { Z: { $ref: '#/$defs/B' }, B: { type: 'number' } } }],
    );
    // why: sharing Z would give E2's z the type of E1's B (string instead of number).
    expect(defs.Z2).toEqual({ $ref: '#/$defs/B2', title: 'Z2' });
    expect(defs.B2).toEqual({ type: 'number', title: 'B2' });
    expect(defs.E2!.properties).toEqual({ z: { $ref: '#/$defs/Z2' } });
    expect(defs.Z).toEqual({ $ref: '#/$defs/B', title: 'Z' });
  });

  it('does not share a definition that refers to a renamed one, whichever sorts first', () => {
    // A refers to B and sorts before it: B's new name must be known before A is compared.
    const { defs } = merge(
      ['E1', { properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { $ref: '#/$defs/B' }, B: stringTag } }],
      ['E2', { properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { $ref: '#/$defs/B' }, B: { type: 'number' } } }],
    );
    // why: sharing A would type E2's a as E1's B (string instead of number)
    expect(defs.E2!.properties).toEqual({ a: { $ref: '#/$defs/A2' } });
    expect(defs.A2).toEqual({ $ref: '#/$defs/B2', title: 'A2' });
    expect(defs.B2).toEqual({ type: 'number', title: 'B2' });
    expect(defs.E1!.properties).toEqual({ a: { $ref: '#/$defs/A' } });
  });

  it('shares a definition together with what it refers to when both are equal', () => {
    const schema = { properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { $ref: '#/$defs/B' }, B: stringTag } };
    const { defs } = merge(['E1', schema], ['E2', schema]);
    // why: identical definitions are one type, however they are linked
    expect(Object.keys(defs).sort()).toEqual(['A', 'B', 'E1', 'E2']);
  });

  it('gives two local names with one PascalCase form two types', () => {
    const { defs } = merge(['E', { properties: { a: { $ref: '#/$defs/my-tag' }, b: { $ref: '#/$defs/myTag' } }, $defs: { 'my-tag': stringTag, myTag: { type: 'number' } } }]);
    // why: both become MyTag in PascalCase; one merged name would drop the number definition and type b as a string
    expect(defs.E!.properties).toEqual({ a: { $ref: '#/$defs/MyTag' }, b: { $ref: '#/$defs/MyTag2' } });
    expect([defs.MyTag, defs.MyTag2]).toEqual([{ type: 'string', title: 'MyTag' }, { type: 'number', title: 'MyTag2' }]);
  });

  it('merges mutually recursive definitions without looping, each event keeping its own shapes', () => {
    const tree = (leaf: unknown) => ({ properties: { n: { $ref: '#/$defs/Node' } }, $defs: { Node: { properties: { kids: { $ref: '#/$defs/Kids' }, v: leaf } }, Kids: { type: 'array', items: { $ref: '#/$defs/Node' } } } });
    const { defs } = merge(['E1', tree(stringTag)], ['E2', tree({ type: 'number' })]);
    // why: E2's Node holds a number, so it cannot be E1's Node; its Kids must point at E2's Node
    const e2Node = (defs.E2!.properties as Record<string, { $ref: string }>).n!.$ref.replace('#/$defs/', '');
    expect(e2Node).not.toBe('Node');
    const kids = ((defs[e2Node]!.properties as Record<string, { $ref: string }>).kids!.$ref).replace('#/$defs/', '');
    expect((defs[kids]!.items as { $ref: string }).$ref).toBe(`#/$defs/${e2Node}`);
    expect((defs[e2Node]!.properties as Record<string, unknown>).v).toEqual({ type: 'number' });
  });

  it('numbers PascalCase twins in name order, wherever they are declared or referred to from', () => {
    const twins = { 'b-tag': stringTag, bTag: { type: 'number' } };
    const swapped = { bTag: { type: 'number' }, 'b-tag': stringTag };
    // why: `b-tag` sorts before `bTag`, so it is BTag and bTag is BTag2, whatever the declaration order
    for (const $defs of [twins, swapped]) {
      const { defs } = merge(['E', { properties: { p: { $ref: '#/$defs/bTag' }, q: { $ref: '#/$defs/b-tag' } }, $defs }]);
      expect([defs.BTag, defs.BTag2]).toEqual([{ type: 'string', title: 'BTag' }, { type: 'number', title: 'BTag2' }]);
    }
    // why: the same when a definition refers to both twins, bTag first
    const { defs } = merge(['E', { properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { properties: { p: { $ref: '#/$defs/bTag' }, q: { $ref: '#/$defs/b-tag' } } }, ...swapped } }]);
    expect(defs.A!.properties).toEqual({ p: { $ref: '#/$defs/BTag2' }, q: { $ref: '#/$defs/BTag' } });
  });

  it('leaves a ref to a missing definition inside a used one as written, and reads no $ref out of data', () => {
    const { defs } = merge(['E', { properties: { a: { $ref: '#/$defs/Used' }, c: { const: { $ref: ['#/$defs/Data'] } } }, $defs: { Used: { properties: { x: { $ref: '#/$defs/gone' } } }, Data: stringTag } }]);
    // why: `gone` is not defined: no merged name is made up for it (it would point at nothing)
    expect(defs.Used).toEqual({ properties: { x: { $ref: '#/$defs/gone' } }, title: 'Used' });
    // why: a `$ref` whose value is not a string is data, not a reference: Data is unused and dropped
    expect(Object.keys(defs).sort()).toEqual(['E', 'Used']);
  });
});
