/** `/ui/flow`: agents and events as a graph laid out on the server (ELK) and drawn as SVG; every node links to its page. */
import type { Catalog } from '#catalog/model.ts';
import type { FlowLayout } from '../flow-layout.ts';
import { AgentLink, Card, EventLink, Layout } from '../layout.tsx';

/** ELK's spline sections are cubic Bézier control points after the start point. */
const path = (points: { x: number; y: number }[]) => {
  const [start, ...rest] = points;
  if (!start) return '';
  if (rest.length % 3 === 0 && rest.length > 0) return `M${start.x} ${start.y} ${rest.map((p, i) => `${i % 3 === 0 ? 'C' : ''}${p.x} ${p.y}`).join(' ')}`;
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ');
};

export function FlowSvg(props: { layout: FlowLayout }) {
  const { layout } = props;
  return (
    <svg class="flow" viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} aria-labelledby="flow-title" xmlns="http://www.w3.org/2000/svg">
      <title id="flow-title">Event flow: agents publish events (left to right), subscribers receive them</title>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
        </marker>
      </defs>
      <g class="edges">
        {layout.edges.map((e) => (
          <path d={path(e.points)} class={`edge ${e.kind}`} marker-end="url(#arrow)" data-from={e.from} data-to={e.to} />
        ))}
      </g>
      <g class="nodes">
        {layout.nodes.map((n) => (
          <a href={n.href} class={`node ${n.kind}`} data-node={n.id.replace(/^agent-(in|out):/, 'agent:')}>
            <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={n.kind === 'event' ? 15 : 6} />
            <text x={n.x + n.width / 2} y={n.y + n.height / 2} dominant-baseline="central" text-anchor="middle">
              {n.label}
            </text>
          </a>
        ))}
      </g>
    </svg>
  );
}

export function FlowPage(props: { catalog: Catalog; layout: FlowLayout; signedIn?: boolean }) {
  const { catalog, layout } = props;
  return (
    <Layout title="Event flow" section="flow" signedIn={props.signedIn}>
      <div class="page-head">
        <h1>Event flow</h1>
        <p class="muted">
          Publishers on the left, the {catalog.events.length} events in the middle, subscribers on the right ({catalog.agents.length} agents; one that both sends and receives appears on both sides). Laid out automatically; select a node to open it. Patterns:{' '}
          {catalog.sagas.map((s) => (
            <a href={`/ui/sagas/${encodeURIComponent(s.name)}`}>{s.name}</a>
          ))}{' '}
          {catalog.aggregates.map((a) => (
            <a href={`/ui/aggregates/${encodeURIComponent(a.name)}`}>{a.name}</a>
          ))}
        </p>
      </div>
      <Card wide>
        <div class="scroll flow-wrap">
          <FlowSvg layout={layout} />
        </div>
      </Card>
      <Card title="As a list" id="flow-list" wide>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Publisher</th>
                <th scope="col">Event</th>
                <th scope="col">Subscribers</th>
              </tr>
            </thead>
            <tbody>
              {catalog.events.map((e) => (
                <tr>
                  <td>{e.publishers.map((p) => <AgentLink agent={p} />)}</td>
                  <td>
                    <EventLink eventType={e.eventType} />
                  </td>
                  <td>
                    {e.subscribers.map((s) => (
                      <AgentLink agent={s.agent} />
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </Layout>
  );
}
