/** `/ui/agents/{agent}`: what it sends and receives, its pacts with their verification status, its client bundle and the commands to install it. */
import type { Agent, Catalog } from '#catalog/model.ts';
import type { MatrixRow } from '../pact-source.ts';
import { AgentLink, Badge, Card, CopyCommand, EventLink, Layout, When } from '../layout.tsx';

const enc = encodeURIComponent;

export const VerificationBadge = (props: { success: boolean | null }) =>
  props.success === null ? <Badge tone="warn">unverified</Badge> : props.success ? <Badge tone="ok">verified</Badge> : <Badge tone="bad">failed</Badge>;

export function AgentPage(props: { agent: Agent; catalog: Catalog; documentVersion: string; pacts: MatrixRow[]; origin: string; packageName: string; signedIn?: boolean }) {
  const { agent, catalog, pacts, origin } = props;
  const receives = catalog.events.flatMap((e) => e.subscribers.filter((s) => s.agent === agent.id).map((s) => ({ event: e, sub: s })));
  const sends = catalog.events.filter((e) => e.publishers.includes(agent.id));
  const bundleUrl = `${origin}/v1/clients/${enc(agent.id)}.tgz`;
  return (
    <Layout title={agent.id} section="agents" signedIn={props.signedIn}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/ui/">Overview</a> › <span>{agent.id}</span>
      </nav>
      <div class="page-head">
        <h1>{agent.id}</h1>
        {agent.description ? <p class="lead">{agent.description}</p> : null}
      </div>
      <div class="grid">
        <Card title={`Sends (${sends.length})`} id="sends">
          {sends.length === 0 ? (
            <p class="muted">Publishes nothing.</p>
          ) : (
            <ul class="plain">
              {sends.map((e) => (
                <li>
                  <EventLink eventType={e.eventType} /> <span class="muted small">{e.version} → {e.subscribers.length} subscriber(s)</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={`Receives (${receives.length})`} id="receives">
          {receives.length === 0 ? (
            <p class="muted">Subscribes to nothing.</p>
          ) : (
            <div class="scroll"><table>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">From</th>
                  <th scope="col">Role</th>
                  <th scope="col">Reads</th>
                </tr>
              </thead>
              <tbody>
                {receives.map(({ event, sub }) => (
                  <tr>
                    <td>
                      <EventLink eventType={event.eventType} />
                    </td>
                    <td>{event.publishers.map((p) => <AgentLink agent={p} />)}</td>
                    <td>{sub.role}</td>
                    <td class="mono small">{sub.reads?.join(', ') ?? 'required fields'}</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </Card>
      </div>
      <Card title="Client bundle" id="client" wide>
        <p>
          Typed producer and consumer for <strong>{agent.id}</strong>, generated from document {props.documentVersion}: package <code>{props.packageName}</code>.{' '}
          <a class="button" href={`/ui/agents/${enc(agent.id)}/client.tgz`}>
            Download .tgz
          </a>
        </p>
        <CopyCommand label="npm" command={`npm install ${bundleUrl}`} />
        <CopyCommand label="evc" command={`npx evc pull ${agent.id} --registry ${origin} --out ./clients/${agent.id}`} />
      </Card>
      <Card title="Pacts" id="pacts" wide>
        {pacts.length === 0 ? (
          <p class="muted">
            No pact of {agent.id} is published yet. Publish with <code>evc publish-pacts</code>, verify with <code>evc verify --provider … --publish</code>.
          </p>
        ) : (
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Consumer</th>
                  <th scope="col">Version</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Provider version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Verified</th>
                </tr>
              </thead>
              <tbody>
                {pacts.map((p) => (
                  <tr>
                    <td>
                      <AgentLink agent={p.consumer} />
                    </td>
                    <td class="mono">{p.consumerVersion}</td>
                    <td>
                      <AgentLink agent={p.provider} />
                    </td>
                    <td class="mono">{p.providerVersion ?? '—'}</td>
                    <td>
                      <VerificationBadge success={p.success} />
                      {p.failedInteractions?.length ? <div class="small">{p.failedInteractions.join('; ')}</div> : null}
                    </td>
                    <td>
                      <When at={p.verifiedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <a href={`/ui/matrix?pacticipant=${enc(agent.id)}`}>Can {agent.id} deploy?</a>
        </p>
      </Card>
    </Layout>
  );
}
