/**
 * The event flow as a laid-out graph: agents and events are nodes, "publishes" and
 * "subscribes" are edges, placed by ELK's layered (Sugiyama) algorithm on the server, so
 * the page is plain SVG that needs no script. Layouts are kept per catalog (a document's
 * catalog is immutable), so the layout runs once per registered document.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Catalog } from '#catalog/model.ts';

export interface FlowNode {
  id: string;
  kind: 'agent' | 'event';
  label: string;
  href: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FlowEdge {
  id: string;
  kind: 'publishes' | 'subscribes';
  from: string;
  to: string;
  /** The polyline: start, bend points, end. */
  points: { x: number; y: number }[];
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const elk = new ELK();
const layouts = new WeakMap<Catalog, Promise<FlowLayout>>();

/** Character width of the label font (13px system sans), rounded up so labels never overflow. */
const CHAR_WIDTH = 7.6;
const nodeWidth = (label: string) => Math.ceil(label.length * CHAR_WIDTH) + 28;

export const agentHref = (agent: string) => `/ui/agents/${encodeURIComponent(agent)}`;
export const eventHref = (eventType: string) => `/ui/events/${encodeURIComponent(eventType)}`;

export function layoutFlow(catalog: Catalog): Promise<FlowLayout> {
  let layout = layouts.get(catalog);
  if (!layout) {
    layout = computeLayout(catalog);
    layouts.set(catalog, layout);
  }
  return layout;
}

/**
 * Three columns: publishers | events | subscribers. An agent that both sends and receives
 * appears on both sides (the graph of agents and events has cycles, which a layered layout
 * would unroll into a very wide picture); ELK orders each column to minimise crossings.
 */
async function computeLayout(catalog: Catalog): Promise<FlowLayout> {
  const publishers = new Set(catalog.events.flatMap((e) => e.publishers));
  const subscribers = new Set(catalog.events.flatMap((e) => e.subscribers.map((s) => s.agent)));
  const agentNode = (id: string, side: 'out' | 'in'): FlowNode => ({ id: `agent-${side}:${id}`, kind: 'agent', label: id, href: agentHref(id), x: 0, y: 0, width: nodeWidth(id), height: 34 });
  const nodes: FlowNode[] = [
    ...catalog.agents.filter((a) => publishers.has(a.id) || !subscribers.has(a.id)).map((a) => agentNode(a.id, 'out')),
    ...catalog.events.map((e) => ({ id: `event:${e.eventType}`, kind: 'event' as const, label: e.eventType, href: eventHref(e.eventType), x: 0, y: 0, width: nodeWidth(e.eventType), height: 30 })),
    ...catalog.agents.filter((a) => subscribers.has(a.id)).map((a) => agentNode(a.id, 'in')),
  ];
  const edges: FlowEdge[] = catalog.events.flatMap((e) => [
    ...e.publishers.map((p) => ({ id: `pub:${p}:${e.eventType}`, kind: 'publishes' as const, from: `agent-out:${p}`, to: `event:${e.eventType}`, points: [] })),
    ...e.subscribers.map((s) => ({ id: `sub:${e.eventType}:${s.agent}:${s.operationId}`, kind: 'subscribes' as const, from: `event:${e.eventType}`, to: `agent-in:${s.agent}`, points: [] })),
  ]);
  const known = new Set(nodes.map((n) => n.id));
  const drawn = edges.filter((e) => known.has(e.from) && known.has(e.to));
  const column = (n: FlowNode) => (n.kind === 'event' ? 1 : n.id.startsWith('agent-out:') ? 0 : 2);
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'SPLINES',
      'elk.partitioning.activate': 'true',
      'elk.layered.spacing.nodeNodeBetweenLayers': '110',
      'elk.spacing.nodeNode': '12',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height, layoutOptions: { 'elk.partitioning.partition': String(column(n)) } })),
    edges: drawn.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  const laid = await elk.layout(graph);
  const placed = new Map((laid.children ?? []).map((c) => [c.id, c]));
  for (const n of nodes) {
    const p = placed.get(n.id);
    n.x = Math.round(p?.x ?? 0);
    n.y = Math.round(p?.y ?? 0);
  }
  const sections = new Map((laid.edges ?? []).map((e) => [e.id, (e as { sections?: { startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: { x: number; y: number }[] }[] }).sections?.[0]]));
  for (const e of drawn) {
    const s = sections.get(e.id);
    if (s) e.points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
  }
  return { width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), nodes, edges: drawn };
}
