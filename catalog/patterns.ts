/**
 * Our document-level extensions: `x-saga`, `x-aggregate` (at the root or under `components`,
 * one object or a list) and `x-agents`. Read leniently: shape errors are lint findings, not
 * load failures, so a half-written saga still shows up in `evc catalog`.
 */
import type { Agent, Aggregate, EventContract, Saga, SagaCompensation, SagaStep } from './model.ts';
import { isObject as isObj } from '#shared/json.ts';
import { readOperations } from './events.ts';
import type { DocumentSet } from './refs.ts';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Every declaration of an extension, with its JSON pointer. */
export function extensionEntries(doc: Obj, key: string): { value: Obj; pointer: string }[] {
  const out: { value: Obj; pointer: string }[] = [];
  const places: [unknown, string][] = [
    [doc[key], `/${key}`],
    [isObj(doc.components) ? doc.components[key] : undefined, `/components/${key}`],
  ];
  for (const [value, pointer] of places) {
    if (Array.isArray(value)) value.forEach((v, i) => isObj(v) && out.push({ value: v, pointer: `${pointer}/${i}` }));
    else if (isObj(value)) out.push({ value, pointer });
  }
  return out;
}

export function readSagas(set: DocumentSet): Saga[] {
  return extensionEntries(set.root.data as Obj, 'x-saga').map(({ value, pointer }) => {
    const steps: SagaStep[] = (Array.isArray(value.steps) ? value.steps : [])
      .map((s) => (isObj(s) ? str(s.eventType) ?? str(s.event) : str(s)))
      .map((eventType, i) => ({ order: i + 1, eventType: eventType ?? '' }));
    const compensations: SagaCompensation[] = Array.isArray(value.compensations)
      ? value.compensations.filter(isObj).map((c) => ({
          onFailure: str(c.onFailure) ?? '',
          compensation: str(c.compensation) ?? '',
          ...(str(c.step) ? { step: str(c.step) } : {}),
        }))
      : Object.entries(isObj(value.compensations) ? value.compensations : {}).map(([onFailure, compensation]) => ({ onFailure, compensation: str(compensation) ?? '' }));
    const loc = set.root.locate(pointer);
    return {
      name: str(value.name) ?? 'Saga',
      ...(str(value.orchestrator) ? { orchestrator: str(value.orchestrator) } : {}),
      ...(str(value.description) ? { description: str(value.description) } : {}),
      steps,
      compensations,
      ...(typeof value.stepTimeoutMs === 'number' ? { stepTimeoutMs: value.stepTimeoutMs } : {}),
      source: { file: set.root.file, pointer, ...loc },
    };
  });
}

export function readAggregates(set: DocumentSet): Aggregate[] {
  return extensionEntries(set.root.data as Obj, 'x-aggregate').map(({ value, pointer }) => ({
    name: str(value.name) ?? 'Aggregate',
    ...(str(value.description) ? { description: str(value.description) } : {}),
    idField: str(value.idField) ?? 'id',
    events: (Array.isArray(value.events) ? value.events : []).map((e) => (isObj(e) ? str(e.eventType) ?? '' : str(e) ?? '')),
    source: { file: set.root.file, pointer, ...set.root.locate(pointer) },
  }));
}

/** Agents declared in `x-agents` first (in order), then any other agent an operation names. */
export function readAgents(set: DocumentSet, events: EventContract[]): Agent[] {
  const doc = set.root.data as Obj;
  const declared = isObj(doc['x-agents']) ? doc['x-agents'] : {};
  const agents = new Map<string, Agent>();
  const agent = (id: string): Agent => {
    let a = agents.get(id);
    if (!a) agents.set(id, (a = { id, sends: [], receives: [] }));
    return a;
  };
  for (const [id, value] of Object.entries(declared)) {
    const description = isObj(value) ? str(value.description) : str(value);
    Object.assign(agent(id), description ? { description } : {});
  }
  for (const op of readOperations(set)) agent(op.agent);
  for (const event of events) {
    for (const p of event.publishers) pushOnce(agent(p).sends, event.eventType);
    for (const s of event.subscribers) pushOnce(agent(s.agent).receives, event.eventType);
  }
  return [...agents.values()];
}

const pushOnce = (list: string[], item: string) => {
  if (!list.includes(item)) list.push(item);
};
