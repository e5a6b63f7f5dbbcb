/** `/ui/`: every event with its latest version, publisher and subscriber count (filterable); agents; documents; latest registrations; health. */
import type { readOverview } from '../read.ts';
import { AgentLink, Badge, Card, EventLink, Layout, When } from '../layout.tsx';

type Data = Awaited<ReturnType<typeof readOverview>>;

const detailOf = (detail: unknown): string => {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, v]) => typeof v !== 'object')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
};

export function OverviewPage(props: { data: Data; signedIn?: boolean }) {
  const { current, events, documents, audit, health } = props.data;
  const catalog = current?.catalog;
  return (
    <Layout title="Overview" section="overview" signedIn={props.signedIn}>
      <div class="page-head">
        <h1>{catalog?.title ?? 'Event registry'}</h1>
        <p class="muted">
          {events.length} events · {catalog?.agents.length ?? 0} agents · document {current?.version ?? '(none yet)'} ·{' '}
          {health.database === 'ok' ? <Badge tone="ok">database ok · {health.latencyMs} ms</Badge> : <Badge tone="bad">database unreachable</Badge>}
        </p>
      </div>
      <Card title="Events" id="events" wide>
        <div class="filter">
          <label for="event-filter">Filter events</label>
          <input id="event-filter" type="search" placeholder="type, agent or version…" data-filter="#event-table tbody tr" autocomplete="off" />
        </div>
        <div class="scroll">
          <table id="event-table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Latest</th>
                <th scope="col">Versions</th>
                <th scope="col">Publisher</th>
                <th scope="col">Subscribers</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr data-text={`${e.eventType} ${e.latest} ${(e.contract?.publishers ?? []).join(' ')} ${(e.contract?.subscribers ?? []).map((s) => s.agent).join(' ')}`}>
                  <td>
                    <EventLink eventType={e.eventType} />
                    {e.contract?.summary ? <div class="sub">{e.contract.summary}</div> : null}
                  </td>
                  <td class="mono">{e.latest}</td>
                  <td>{e.versions}</td>
                  <td>{e.contract?.publishers.length ? e.contract.publishers.map((p) => <AgentLink agent={p} />) : <span class="muted">—</span>}</td>
                  <td>{e.contract?.subscribers.length ?? 0}</td>
                  <td>
                    <When at={e.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="filter-empty muted" hidden>
          No event matches the filter.
        </p>
      </Card>
      <div class="grid">
        <Card title="Agents" id="agents">
          <ul class="plain">
            {(catalog?.agents ?? []).map((a) => (
              <li>
                <AgentLink agent={a.id} /> <span class="muted small">sends {a.sends.length} · receives {a.receives.length}</span>
              </li>
            ))}
          </ul>
          {catalog?.sagas.length || catalog?.aggregates.length ? (
            <>
              <h3>Patterns</h3>
              <ul class="plain">
                {catalog.sagas.map((s) => (
                  <li>
                    saga <a href={`/ui/sagas/${encodeURIComponent(s.name)}`}>{s.name}</a>
                  </li>
                ))}
                {catalog.aggregates.map((a) => (
                  <li>
                    aggregate <a href={`/ui/aggregates/${encodeURIComponent(a.name)}`}>{a.name}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Card>
        <Card title="Documents" id="documents">
          <div class="scroll"><table>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Registered</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr>
                  <td class="mono">{d.version}</td>
                  <td>
                    <When at={d.createdAt} />
                  </td>
                  <td>{d.createdBy}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </Card>
        <Card title="Latest registrations" id="audit">
          <ol class="plain audit">
            {audit.map((a) => (
              <li>
                <When at={a.at} /> <Badge tone="info">{a.action}</Badge> {a.subject ? <EventLink eventType={a.subject} /> : null}{' '}
                {a.version ? <span class="mono">{a.version}</span> : null} <span class="muted small">{a.subject ? '' : detailOf(a.detail)} by {a.actor}</span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </Layout>
  );
}
