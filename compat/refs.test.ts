/**
 * Local `$ref` resolution (refs.ts): JSON pointers with RFC 6901 escapes and URI percent-encoding,
 * `$defs` / `definitions`, plain-name fragments (`$anchor`, draft-07 `$id: "#X"`, draft-04
 * `id: "#X"`), refs through the root's own `$id`, refusals (remote, missing, circular) with their
 * text, pointer, hint and side, the hop limit, stable identities, and how keywords beside a
 * `$ref` combine with its target.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { CompatError } from './errors.ts';
import { createResolver } from './refs.ts';
import type { JsonSchema } from './types.ts';

const S = { type: 'string' };
const resolveIn = (root: unknown, node: unknown, side: 'before' | 'after' = 'after') => createResolver(root, side).resolve(node, '/properties/a');
/** Resolves `{$ref: ref}` inside `root`. */
const follow = (root: Record<string, unknown>, ref: string) => resolveIn(root, { $ref: ref });
function refusal(run: () => unknown): CompatError {
  try {
    run();
  } catch (error) {
    if (error instanceof CompatError) return error;
    throw error;
  }
  throw new Error('expected a CompatError');
}

describe('JSON pointer fragments', () => {
  const A = { type: 'string', maxLength: 3 };
  const B = { type: 'integer' };
  const root = { $defs: { A, 'a/b': { type: 'boolean' }, 't~x': { type: 'null' }, '~1': { type: 'array' }, 'A B': { type: 'object' }, '%41': { minimum: 1 } }, definitions: { B } };

  it('follow $defs and definitions to the target itself', () => {
    // why: without sibling keywords the target is the resolved schema, same object
    expect(follow(root, '#/$defs/A')).toBe(A);
    expect(follow(root, '#/definitions/B')).toBe(B);
  });

  it('unescape ~1 to / and ~0 to ~ (RFC 6901), ~01 being ~1', () => {
    expect(follow(root, '#/$defs/a~1b')).toBe(root.$defs['a/b']);
    expect(follow(root, '#/$defs/t~0x')).toBe(root.$defs['t~x']);
    expect(follow(root, '#/$defs/~01')).toBe(root.$defs['~1']);
  });

  it('percent-decode the fragment first (a URI fragment, RFC 6901 section 6)', () => {
    expect(follow(root, '#/$defs/A%20B')).toBe(root.$defs['A B']);
    // why: %2541 decodes once to %41, the literal key
    expect(follow(root, '#/$defs/%2541')).toBe(root.$defs['%41']);
  });

  it('"#" is the root: a recursive schema resolves to its root', () => {
    const tree: Record<string, unknown> = { type: 'object', properties: { child: { $ref: '#' } } };
    expect(follow(tree, '#')).toBe(tree);
  });

  it('a missing key is refused with the ref, the unescaped key, the pointer and a hint', () => {
    const e = refusal(() => follow(root, '#/$defs/Nope'));
    expect(e.message).toBe('unresolvable $ref "#/$defs/Nope": no "Nope" (at /properties/a in the new schema)');
    expect(e.pointer).toBe('/properties/a');
    expect(e.hint).toBe('point the $ref at an existing schema, e.g. "#/$defs/Name"');
    expect(e.side).toBe('after');
    expect(refusal(() => follow(root, '#/$defs/x~1y')).message).toMatch(/^unresolvable \$ref "#\/\$defs\/x~1y": no "x\/y"/);
    // why: keys are own properties: {} has no "constructor" in a JSON document
    expect(refusal(() => follow(root, '#/$defs/constructor')).message).toMatch(/no "constructor"/);
    expect(refusal(() => resolveIn(root, { $ref: '#/$defs/Nope' }, 'before')).message).toMatch(/in the old schema\)$/);
  });
});

describe('plain-name fragments', () => {
  const Addr = { $anchor: 'Addr', type: 'string' };
  const Old = { $id: '#Old', type: 'integer' };
  const Older = { id: '#Older', type: 'boolean' };
  const root = { $defs: { Addr, Old, notes: { items: [Older] } } };

  it('name a $anchor, a draft-07 "#X" $id or a draft-04 "#X" id anywhere in the document', () => {
    expect(follow(root, '#Addr')).toBe(Addr);
    expect(follow(root, '#Old')).toBe(Old);
    expect(follow(root, '#Older')).toBe(Older);
  });

  it('an unknown name is refused with what to declare', () => {
    const e = refusal(() => follow(root, '#Nope'));
    expect(e.message).toBe('$ref "#Nope" names no $anchor or "#Nope" $id (at /properties/a in the new schema)');
    expect(e.hint).toBe('declare "$anchor": "Nope" on the target schema, or use a JSON pointer such as "#/$defs/Nope"');
  });

  it('only a fragment $id / id or a string $anchor declares a name', () => {
    // why: "xAddr" is a relative URI, not the fragment "#Addr"
    const ids = { $defs: { a: { $id: 'xName', type: 'string' }, b: { id: 'yOther', type: 'string' }, c: { $anchor: 5 } } };
    expect(refusal(() => follow(ids, '#Name')).message).toMatch(/names no \$anchor/);
    expect(refusal(() => follow(ids, '#Other')).message).toMatch(/names no \$anchor/);
    expect(refusal(() => follow(ids, '#5')).message).toMatch(/names no \$anchor/);
  });
});

describe('refs through the root $id', () => {
  const A = { type: 'string' };
  it('a ref that starts with the root $id (2019-09+) or draft-04 id is local', () => {
    const root = { $id: 'https://example.com/e.json', $defs: { A } };
    expect(follow(root, 'https://example.com/e.json#/$defs/A')).toBe(A);
    // why: the document's own URI without a fragment, or with an empty one, is its root
    expect(follow(root, 'https://example.com/e.json')).toBe(root);
    expect(follow(root, 'https://example.com/e.json#')).toBe(root);
    const draft4 = { id: 'urn:example:e', definitions: { A } };
    expect(follow(draft4, 'urn:example:e#/definitions/A')).toBe(A);
  });

  it('any other base is remote and refused, even when the fragment exists locally', () => {
    const root = { $id: 'https://example.com/e.json', $defs: { A } };
    const e = refusal(() => follow(root, 'other.json#/$defs/A'));
    expect(e.message).toBe('remote $ref "other.json#/$defs/A" is not supported (at /properties/a in the new schema)');
    expect(e.hint).toBe('make the schema self-contained: copy the referenced schema into $defs and use "#/$defs/Name" (evc catalog does this for AsyncAPI documents)');
    expect(refusal(() => follow({ $defs: { A } }, 'https://example.com/e.json')).message).toMatch(/^remote \$ref "https:\/\/example.com\/e.json" is not supported/);
    expect(refusal(() => follow({ $defs: { A } }, 'x#/$defs/A')).message).toMatch(/^remote \$ref/);
  });
});

describe('chains and cycles', () => {
  /** A chain of `n` $defs, each a $ref to the next, the last one a string schema. */
  const chain = (n: number) => {
    const defs: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) defs[`d${i}`] = { $ref: `#/$defs/d${i + 1}` };
    defs[`d${n}`] = { type: 'string' };
    return { $defs: defs };
  };

  it('a chain of refs resolves to the schema at its end', () => {
    expect(follow(chain(3), '#/$defs/d0')).toEqual({ type: 'string' });
  });

  it('a cycle that never reaches a schema is refused, every time it is asked', () => {
    const root = { $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } } };
    const resolver = createResolver(root, 'before');
    for (let i = 0; i < 2; i++) {
      let error: unknown;
      try {
        resolver.resolve(root.$defs.A, '/$defs/A');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CompatError);
      expect((error as CompatError).message).toBe('circular $ref chain that never reaches a schema (at /$defs/A in the old schema)');
      expect((error as CompatError).hint).toBe('make one of the $refs in the chain point at a real schema');
    }
    const self = { $ref: '#' };
    const selfResolver = createResolver(self, 'after');
    expect(() => selfResolver.resolve(self, '')).toThrow(/circular \$ref chain/);
    // why: the second call meets the cached result of the first and must still refuse
    expect(() => selfResolver.resolve(self, '')).toThrow(/circular \$ref chain/);
  });

  it('follows at most 64 steps: a 62-ref chain resolves, a 63-ref chain is refused', () => {
    // why: the hop budget counts every step, including the final schema's own check
    expect(follow(chain(62), '#/$defs/d0')).toEqual({ type: 'string' });
    expect(() => follow(chain(63), '#/$defs/d0')).toThrow(/circular \$ref chain/);
  });
});

describe('stable identities', () => {
  it('resolving the same node twice gives the same object (the recursion guard compares identities)', () => {
    const root = { $defs: { A: { type: 'string' } } };
    const resolver = createResolver(root, 'after');
    const withSibling = { $ref: '#/$defs/A', maxLength: 3 };
    const first = resolver.resolve(withSibling, '');
    expect(first).toEqual({ type: 'string', maxLength: 3 });
    expect(resolver.resolve(withSibling, '')).toBe(first);
    const oneBranch = { anyOf: [S] };
    // why: the normalized form is returned again, not the node as written
    expect(resolver.resolve(oneBranch, '')).toEqual(S);
    expect(resolver.resolve(oneBranch, '')).toEqual(S);
    expect(resolver.resolve(oneBranch, '')).toBe(resolver.resolve(oneBranch, ''));
    const ref = { $ref: '#/$defs/A' };
    expect(resolver.resolve(ref, '')).toBe(root.$defs.A);
    expect(resolver.resolve(ref, ''), 'asked again, still the target').toBe(root.$defs.A);
  });
});

describe('keywords beside a $ref', () => {
  const A = { type: 'string', description: 'the def', maxLength: 3 };
  const O = { type: 'object', properties: { a: S } };
  const root = { $defs: { A, O, Never: false } };
  const beside = (ref: string, siblings: Record<string, unknown>) => resolveIn(root, { $ref: ref, ...siblings });

  it('identity and container keywords are not constraints: the target is returned itself', () => {
    expect(beside('#/$defs/A', { $comment: 'why', $schema: 'https://json-schema.org/draft/2020-12/schema', $defs: { X: S }, $id: '#Y', $anchor: 'Z' })).toBe(A);
    // why: minLength 0 constrains nothing
    expect(beside('#/$defs/A', { minLength: 0 })).toBe(A);
  });

  it('an annotation beside the $ref describes this use and wins', () => {
    expect(beside('#/$defs/A', { description: 'this use' })).toEqual({ type: 'string', description: 'this use', maxLength: 3 });
  });

  it('a new constraint merges; an equal one adds nothing', () => {
    expect(beside('#/$defs/A', { minLength: 1 })).toEqual({ type: 'string', description: 'the def', maxLength: 3, minLength: 1 });
    expect(beside('#/$defs/A', { type: 'string' })).toEqual(A);
  });

  it('a new keyword merges into the target even where the target has an allOf of its own', () => {
    const target = { allOf: [{ not: { const: 2 } }, { not: { const: 3 } }] };
    // why: items read nothing the target sets, so it applies as a keyword of the merged node
    expect(resolveIn({ $defs: { T: target } }, { $ref: '#/$defs/T', items: S })).toEqual({ ...target, items: S });
    // why: an equal keyword beside the $ref says nothing new and adds no allOf branch
    const withItems = { ...target, items: S };
    expect(resolveIn({ $defs: { T: withItems } }, { $ref: '#/$defs/T', items: { type: 'string' } })).toEqual(withItems);
  });

  it('a constraint set differently goes to allOf, so both apply', () => {
    expect(beside('#/$defs/A', { maxLength: 5 })).toEqual({ type: 'string', description: 'the def', maxLength: 3, allOf: [{ maxLength: 5 }] });
    // why: a string that is also an integer does not exist
    expect(beside('#/$defs/A', { type: 'integer' })).toBe(false);
    // why: the target's own allOf keeps its branches; the conflicting sibling is added after them
    const withAllOf = { $defs: { T: { allOf: [{ not: { const: 2 } }, { not: { const: 3 } }], maximum: 9 } } };
    expect(resolveIn(withAllOf, { $ref: '#/$defs/T', maximum: 5 })).toEqual({ maximum: 9, allOf: [{ not: { const: 2 } }, { not: { const: 3 } }, { maximum: 5 }] });
  });

  it('a keyword that reads siblings stays apart from the target it never saw', () => {
    // why: beside the $ref, additionalProperties false sees no properties, so it forbids a too
    expect(beside('#/$defs/O', { additionalProperties: false })).toEqual({ type: 'object', properties: { a: S }, allOf: [{ additionalProperties: false }] });
  });

  it('a target that accepts nothing stays false', () => {
    expect(beside('#/$defs/Never', { type: 'string' })).toBe(false);
    expect(beside('#/$defs/Never', {})).toBe(false);
  });
});

describe('the effect on verdicts', () => {
  const check = (before: unknown, after: unknown) =>
    checkCompatibility({ history: [{ version: '1.0.0', schema: before as JsonSchema }], candidate: { schema: after as JsonSchema }, level: 'BACKWARD', policy: 'STRICT' }).compatible;
  it('a $ref through an escaped key is compared with its target', () => {
    const doc = (max: number) => ({ type: 'object', properties: { a: { $ref: '#/$defs/a~1b' } }, $defs: { 'a/b': { type: 'string', maxLength: max } } });
    // why: lowering maxLength rejects old 4-character values
    expect(check(doc(5), doc(3))).toBe(false);
    expect(check(doc(3), doc(5))).toBe(true);
  });

  it('an annotation beside a $ref is no break; a constraint beside it is judged', () => {
    const doc = (siblings: Record<string, unknown>) => ({ type: 'object', properties: { a: { $ref: '#Id', ...siblings } }, $defs: { Id: { $anchor: 'Id', type: 'string' } } });
    expect(check(doc({}), doc({ description: 'the id' }))).toBe(true);
    expect(check(doc({}), doc({ maxLength: 2 }))).toBe(false);
  });
});
