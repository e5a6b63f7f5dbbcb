/**
 * Loads every registered schema a set of references reaches (references of references
 * included), each once, with bounded work: at most `reference-count` schemas and
 * `reference-depth` levels (catalog/input-limits.ts), checked while walking, so a wide or deep
 * graph is refused before it is read whole. Loading is passed in (the store at the edges,
 * a map in tests). References only name versions registered before them, so the registry
 * cannot hold a cycle; one is still refused by name rather than followed, should a store
 * ever produce one.
 */
import type { JsonSchema } from '#catalog/model.ts';
import { INPUT_LIMITS, violation } from '#catalog/input-limits.ts';
import { RegistryError } from '../errors.ts';
import { assertDistinctNames, missingReference, referenceCycle, type SchemaReference } from './references.ts';

export interface ReferencedSchema {
  subject: string;
  /** The position it is registered at (never -1). */
  version: number;
  schemaId: number;
  schema: JsonSchema;
  /** Its own references, as stored. */
  references: SchemaReference[];
}

/** One registered version by subject and position (-1: the latest live one), or undefined. */
export type LoadReferenced = (subject: string, version: number) => Promise<ReferencedSchema | undefined>;

export interface ReferenceGraph {
  /** The references asked for, `-1` replaced by the position it named (what is stored). */
  references: SchemaReference[];
  /** Every schema reached, by `nodeKey`, in the order first reached. */
  nodes: Map<string, ReferencedSchema>;
}

export const nodeKey = (subject: string, version: number): string => `${subject}\u0000${version}`;
const label = (subject: string, version: number) => `'${subject}' version ${version}`;

const refused = (name: 'reference-count' | 'reference-depth', actual: number, via: string): RegistryError => {
  const v = violation(name, actual);
  return new RegistryError(422, 42201, `${v.message} (reached through ${via})`, { limit: v.limit.name, max: v.limit.max });
};

export async function resolveReferenceGraph(references: SchemaReference[], load: LoadReferenced): Promise<ReferenceGraph> {
  assertDistinctNames(references);
  const nodes = new Map<string, ReferencedSchema>();
  const maxCount = INPUT_LIMITS['reference-count'].max;
  const maxDepth = INPUT_LIMITS['reference-depth'].max;

  // Depth-first along one path at a time: `path` is the chain from the schema being checked.
  async function visit(ref: SchemaReference, path: string[], onPath: Set<string>): Promise<SchemaReference> {
    const via = path.length > 0 ? path.join(' → ') : 'this schema';
    if (path.length + 1 > maxDepth) throw refused('reference-depth', path.length + 1, via);
    if (ref.version !== -1) {
      const key = nodeKey(ref.subject, ref.version);
      if (onPath.has(key)) throw referenceCycle([...path, label(ref.subject, ref.version)]);
      if (nodes.has(key)) return ref;
    }
    const found = await load(ref.subject, ref.version);
    if (!found) throw missingReference(ref, path.length > 0 ? path[path.length - 1] : undefined);
    const key = nodeKey(found.subject, found.version);
    const concrete = { name: ref.name, subject: found.subject, version: found.version };
    if (onPath.has(key)) throw referenceCycle([...path, label(found.subject, found.version)]);
    if (nodes.has(key)) return concrete;
    nodes.set(key, found);
    if (nodes.size > maxCount) throw refused('reference-count', nodes.size, via);
    assertDistinctNames(found.references);
    const here = [...path, label(found.subject, found.version)];
    const nextOnPath = new Set(onPath).add(key);
    for (const child of found.references) await visit(child, here, nextOnPath);
    return concrete;
  }

  const resolved: SchemaReference[] = [];
  for (const ref of references) resolved.push(await visit(ref, [], new Set()));
  return { references: resolved, nodes };
}
