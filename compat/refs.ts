/**
 * Local `$ref` resolution for one root schema: `#`, `#/json/pointer` (incl. `#/$defs/X`
 * and `#/definitions/X`), and plain-name fragments (`#Address`, declared by `$anchor` or
 * by a draft-07 `$id: "#Address"`). Remote references are refused with a clear error:
 * the catalog makes event schemas self-contained. A `$ref` with sibling keywords applies
 * both (2019-09+ semantics; draft-07 siblings are ignored by validators, so merging
 * equal siblings is harmless). Resolution is cached per node so identities stay stable,
 * which the diff's recursion guard relies on.
 */
import { CompatError } from './errors.ts';
import { siblingsInteract, simplify } from './normalize.ts';
import { documentFacts, dropNoOps, type DocumentFacts } from './no-ops.ts';
import { STRUCTURAL, hasOwn, isAnnotation, isObject, toNode, sameJson, type Node, type SchemaObject } from './schema-view.ts';
import { forEachObject, setOwn } from '#shared/json.ts';
import { unescapeToken } from '#shared/json-pointer.ts';

export interface Resolver {
  /** Follows `$ref`s until a schema without one; `at` is the pointer used in errors. */
  resolve(node: unknown, at: string): Node;
}

const MAX_REF_HOPS = 64;

export function createResolver(root: unknown, side: 'before' | 'after'): Resolver {
  const rootNode = toNode(root);
  const merged = new WeakMap<object, Node>();
  let anchors: Map<string, unknown> | undefined;
  let facts: DocumentFacts | undefined;

  const fail = (message: string, at: string, hint: string): never => {
    throw new CompatError(message, at, hint, side);
  };

  function collectAnchors(): Map<string, unknown> {
    const map = new Map<string, unknown>();
    forEachObject(rootNode, (o) => {
      if (typeof o.$anchor === 'string') map.set(o.$anchor, o);
      if (typeof o.$id === 'string' && o.$id.startsWith('#')) map.set(o.$id.slice(1), o);
      if (typeof o.id === 'string' && o.id.startsWith('#')) map.set(o.id.slice(1), o);
    });
    return map;
  }

  function lookup(ref: string, at: string): unknown {
    const hashAt = ref.indexOf('#');
    const base = hashAt === -1 ? ref : ref.slice(0, hashAt);
    const rootId = isObject(rootNode) ? (rootNode.$id ?? rootNode.id) : undefined;
    if (base !== '' && base !== rootId) {
      fail(`remote $ref ${JSON.stringify(ref)} is not supported`, at, 'make the schema self-contained: copy the referenced schema into $defs and use "#/$defs/Name" (evc catalog does this for AsyncAPI documents)');
    }
    const fragment = decodeURIComponent(hashAt === -1 ? '' : ref.slice(hashAt + 1));
    if (fragment === '') return rootNode;
    if (!fragment.startsWith('/')) {
      anchors ??= collectAnchors();
      const target = anchors.get(fragment);
      if (target === undefined) fail(`$ref ${JSON.stringify(ref)} names no $anchor or "#${fragment}" $id`, at, `declare "$anchor": "${fragment}" on the target schema, or use a JSON pointer such as "#/$defs/${fragment}"`);
      return target;
    }
    let node: unknown = rootNode;
    for (const raw of fragment.slice(1).split('/')) {
      const key = unescapeToken(raw);
      if (!hasOwn(node, key)) {
        fail(`unresolvable $ref ${JSON.stringify(ref)}: no "${key}"`, at, 'point the $ref at an existing schema, e.g. "#/$defs/Name"');
      }
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }

  function resolve(input: unknown, at: string): Node {
    let node = toNode(input);
    for (let hops = 0; node !== false; hops++) {
      if (hops >= MAX_REF_HOPS) fail('circular $ref chain that never reaches a schema', at, 'make one of the $refs in the chain point at a real schema');
      const isRef = typeof node.$ref === 'string';
      const cached = merged.get(node);
      if (cached !== undefined) {
        if (cached === node && !isRef) return node;
        node = cached;
        continue;
      }
      // Follow a $ref, else apply one normalization step (normalize.ts); a node that needs
      // neither is final. Results are cached per node, so identities stay stable.
      facts ??= documentFacts(rootNode);
      const result = isRef ? withSiblings(node, toNode(lookup(node.$ref as string, at)), facts) : simplify(node, (n) => resolve(n, at), facts);
      merged.set(node, result);
      if (result === node && !isRef) return node;
      node = result;
    }
    return node;
  }

  return { resolve };
}

/**
 * A `$ref` node's own keywords also apply; equal or non-overlapping ones merge, the rest go to
 * allOf. No-ops are dropped first, judged in the `$ref` node's own object (no-ops.ts), and a
 * keyword that reads its siblings (`additionalProperties`, `maxContains`, ...) goes to allOf when
 * the target has its partner: beside a `$ref` it never saw the target's `properties` (2019-09+).
 */
function withSiblings(rawRefNode: SchemaObject, target: Node, doc: DocumentFacts): Node {
  const refNode = dropNoOps(rawRefNode, doc) ?? rawRefNode;
  // Containers and identity next to a $ref ($defs, $schema, ...) are not constraints: keep the target's identity.
  const siblings = Object.keys(refNode).filter((k) => k !== '$ref' && !STRUCTURAL.has(k) && k !== '$schema' && k !== '$comment');
  if (siblings.length === 0) return target;
  if (target === false) return false;
  const result: SchemaObject = { ...target };
  const rest: SchemaObject = {};
  const own: SchemaObject = {};
  for (const key of siblings) setOwn(own, key, refNode[key]);
  const apart = siblingsInteract(own, target);
  for (const key of siblings) {
    // An annotation beside a $ref describes this use of the target: it wins, constraining nothing.
    if (isAnnotation(key) || (!apart && !hasOwn(result, key))) setOwn(result, key, refNode[key]);
    else if (apart || !sameJson(result[key], refNode[key])) setOwn(rest, key, refNode[key]);
  }
  if (Object.keys(rest).length > 0) result.allOf = [...(Array.isArray(result.allOf) ? result.allOf : []), rest];
  return result;
}
