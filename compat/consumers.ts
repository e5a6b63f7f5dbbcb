/**
 * Consumer-aware classification (the CONSUMER_AWARE policy and the "who does this
 * break?" annotations). Input: the engine's report and what each registered consumer
 * reads (`x-reads` JSON pointers into the payload; envelope fields are read by every
 * consumer). Output: the same report, where each breaking change names the consumers
 * that read the field it touches, the changes nobody reads are listed apart, and under
 * CONSUMER_AWARE a break of unread fields only is accepted as a minor bump, with the
 * fields that became safe to remove. Pure; owned by the contracts part, wired in
 * `compat/index.ts`.
 */
import { hasOwn, isObject, own, setOwn } from '#shared/json.ts';
import { escapeToken as encode, unescapeToken as decode } from '#shared/json-pointer.ts';
import { majorOf, nextVersion, compareVersions } from './semver.ts';
import type { Change, CheckInput, CompatReport, ConsumerReads, JsonSchema } from './types.ts';

export interface AffectedConsumer {
  agent: string;
  operationId?: string;
}

export interface ChangeImpact {
  change: Change;
  direction: 'backward' | 'forward';
  against: string;
  /** JSON pointer into the payload (or `envelope:/field`); undefined when the path cannot be mapped. */
  field: string | undefined;
  consumers: AffectedConsumer[];
}

export interface ConsumerImpactReport {
  /** Breaking changes that hit a field some consumer reads. */
  affecting: ChangeImpact[];
  /** Breaking changes that touch only fields no registered consumer reads. */
  unread: ChangeImpact[];
  /** Payload fields of the candidate that no registered consumer reads (topmost only). */
  safeToRemove: string[];
}

export type ConsumerAwareReport = CompatReport & { consumerImpact?: ConsumerImpactReport };


/**
 * A schema path of a change (`/properties/payload/properties/r/allOf/0/properties/d/type`)
 * → the instance pointer it is about (`/payload/r/d`). Array items become `*`.
 */
export function instancePointer(change: Pick<Change, 'path' | 'before' | 'after'>): string | undefined {
  const tokens = change.path.split('/').slice(1).map(decode);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'properties') out.push(tokens[++i] ?? '');
    else if (t === 'items' || t === 'additionalItems' || t === 'contains') {
      out.push('*');
      if (/^\d+$/.test(tokens[i + 1] ?? '')) i++;
    } else if (t === 'prefixItems') (out.push('*'), i++);
    else if (t === 'additionalProperties' || t === 'unevaluatedProperties') out.push('*');
    else if (t === 'patternProperties') (out.push('*'), i++);
    else if (t === 'allOf' || t === 'anyOf' || t === 'oneOf') i++;
    else if (t === 'not' || t === 'then' || t === 'else' || t === 'if') continue;
    else if (t === 'required' || t === 'dependentRequired') {
      const name = typeof change.before === 'string' ? change.before : typeof change.after === 'string' ? change.after : undefined;
      if (name !== undefined) out.push(name);
      break;
    } else if (t === '$defs' || t === 'definitions') return undefined;
    else break; // a keyword (type, enum, format, ...): the change is about this location
  }
  return out.length === 0 ? '' : `/${out.map(encode).join('/')}`;
}

const norm = (p: string) => p.replace(/\/(\d+|-)(?=\/|$)/g, '/*');

/** Does a consumer reading `reads` (payload pointers) read the payload location `pointer`? */
export const readsPointer = (reads: string[], pointer: string): boolean => {
  const target = norm(pointer);
  return reads.some((read) => {
    const r = norm(read);
    return r === '' || target === '' || target === r || target.startsWith(`${r}/`) || r.startsWith(`${target}/`);
  });
};

/** Where the change lands: `{ envelope: true }` for envelope fields, else the payload pointer. */
function locate(change: Change, enveloped: boolean): { envelope: boolean; field: string | undefined } {
  const pointer = instancePointer(change);
  if (pointer === undefined) return { envelope: false, field: undefined };
  if (!enveloped) return { envelope: false, field: pointer };
  if (pointer === '') return { envelope: true, field: '' };
  const [first, ...rest] = pointer.slice(1).split('/');
  if (first === 'payload') return { envelope: false, field: rest.length ? `/${rest.join('/')}` : '' };
  return { envelope: true, field: pointer };
}

function readersOf(change: Change, consumers: ConsumerReads[], enveloped: boolean): { field: string | undefined; consumers: AffectedConsumer[] } {
  const { envelope, field } = locate(change, enveloped);
  const all = consumers.map((c) => ({ agent: c.agent, ...(c.operationId ? { operationId: c.operationId } : {}) }));
  // Envelope fields are always read; a path we cannot map is assumed read (never silently safe).
  if (envelope || field === undefined) return { field: envelope && field !== undefined ? `envelope:${field}` : field, consumers: all };
  return { field, consumers: consumers.filter((c) => readsPointer(c.reads, field)).map((c) => ({ agent: c.agent, ...(c.operationId ? { operationId: c.operationId } : {}) })) };
}

/** Topmost payload properties of `schema` that no consumer reads (follows local $refs and allOf). */
export function unreadFields(schema: JsonSchema, consumers: ConsumerReads[], enveloped: boolean): string[] {
  const root = schema;
  const deref = (s: unknown, depth = 0): Record<string, unknown> | undefined => {
    if (!isObject(s) || depth > 16) return undefined;
    if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) {
      let target: unknown = root;
      for (const t of s.$ref.slice(2).split('/').map(decode)) target = isObject(target) ? own(target, t) : undefined;
      return deref(target, depth + 1);
    }
    return s;
  };
  const propertiesOf = (s: unknown): Record<string, unknown> => {
    const node = deref(s);
    if (!node) return {};
    const declared = isObject(node.properties) ? node.properties : {};
    const merged: Record<string, unknown> = { ...declared };
    if (Array.isArray(node.allOf)) for (const b of node.allOf) for (const [k, v] of [...Object.entries(propertiesOf(b)), ...Object.entries(declared)]) setOwn(merged, k, v);
    return merged;
  };
  const out: string[] = [];
  const walk = (s: unknown, prefix: string, depth: number) => {
    for (const [name, child] of Object.entries(propertiesOf(s)).sort(([a], [b]) => a.localeCompare(b))) {
      const pointer = `${prefix}/${encode(name)}`;
      if (!consumers.some((c) => readsPointer(c.reads, pointer))) out.push(pointer);
      else if (depth < 6 && !consumers.some((c) => c.reads.some((r) => norm(r) === norm(pointer)))) walk(child, pointer, depth + 1);
    }
  };
  walk(enveloped ? own(propertiesOf(root), 'payload') : root, '', 0);
  return out;
}

const label = (c: AffectedConsumer) => (c.operationId ? `${c.agent} (${c.operationId})` : c.agent);

export function applyConsumerAware(report: CompatReport, input: Pick<CheckInput, 'consumers' | 'policy' | 'candidate'>): ConsumerAwareReport {
  const consumers = input.consumers;
  if (!consumers || consumers.length === 0) return report;
  const enveloped = isObject(input.candidate.schema) && hasOwn(input.candidate.schema.properties, 'payload');
  const affecting: ChangeImpact[] = [];
  const unread: ChangeImpact[] = [];
  const violations = report.violations.map((v) => ({
    ...v,
    changes: v.changes.map((change) => {
      const { field, consumers: readers } = readersOf(change, consumers, enveloped);
      const impact: ChangeImpact = { change, direction: v.direction, against: v.against, field, consumers: readers };
      (readers.length > 0 ? affecting : unread).push(impact);
      const note = readers.length > 0 ? ` [read by ${readers.map(label).join(', ')}]` : ' [read by no registered consumer]';
      return { ...change, message: `${change.message}${note}` };
    }),
  }));
  const consumerImpact: ConsumerImpactReport = { affecting, unread, safeToRemove: unreadFields(input.candidate.schema, consumers, enveloped) };
  const annotated: ConsumerAwareReport = { ...report, violations, consumerImpact };
  if (input.policy !== 'CONSUMER_AWARE' || report.compatible || affecting.length > 0) return annotated;

  // CONSUMER_AWARE: every break touches only unread fields → a compatible minor change.
  const latest = report.latest;
  const requiredBump = report.requiredBump === 'major' ? 'minor' : report.requiredBump;
  const suggestedVersion = latest ? nextVersion(latest, requiredBump) : report.suggestedVersion;
  const notes = [
    `accepted under CONSUMER_AWARE: the breaking changes touch only fields no registered consumer reads (${[...new Set(unread.map((u) => u.field ?? '?'))].join(', ')})`,
    `safe to remove (no registered consumer reads them): ${consumerImpact.safeToRemove.join(', ') || '(none)'}`,
  ];
  const accepted: ConsumerAwareReport = { ...annotated, compatible: true, violations: [], requiredBump, suggestedVersion };
  const proposed = report.proposal?.version;
  if (proposed !== undefined) {
    const sameLine = latest === undefined || majorOf(proposed) === majorOf(latest);
    const enough = compareVersions(proposed, suggestedVersion) >= 0;
    const reasons = sameLine && enough ? [] : [`under CONSUMER_AWARE this change needs at least ${suggestedVersion}`];
    accepted.proposal = { version: proposed, acceptable: reasons.length === 0 || !sameLine, notes: [...(report.proposal?.notes ?? []), ...notes], reasons: sameLine ? reasons : [] };
  }
  return accepted;
}
