/** `/ui/sagas/{name}` (steps, compensations, orchestrator) and `/ui/aggregates/{name}` (lifecycle events, id field). */
import type { Aggregate, Catalog, Saga } from '#catalog/model.ts';
import { AgentLink, Card, EventLink, Layout } from '../layout.tsx';

const publishersOf = (catalog: Catalog, eventType: string) => catalog.events.find((e) => e.eventType === eventType)?.publishers ?? [];

const Publishers = (props: { catalog: Catalog; eventType: string }) => (
  <>
    {publishersOf(props.catalog, props.eventType).map((p, i) => (
      <>
        {i ? ', ' : ''}
        <AgentLink agent={p} />
      </>
    ))}
  </>
);

export function SagaPage(props: { saga: Saga; catalog: Catalog; signedIn?: boolean }) {
  const { saga, catalog } = props;
  return (
    <Layout title={saga.name} section="patterns" signedIn={props.signedIn}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/ui/">Overview</a> › <a href="/ui/flow">Event flow</a> › <span>{saga.name}</span>
      </nav>
      <div class="page-head">
        <h1>{saga.name}</h1>
        {saga.description ? <p class="lead">{saga.description}</p> : null}
        <p class="muted">
          Orchestrator: {saga.orchestrator ? <AgentLink agent={saga.orchestrator} /> : 'not named'} · step timeout {saga.stepTimeoutMs ?? '—'} ms
        </p>
      </div>
      <Card title="Steps" id="steps" wide>
        <ol class="steps">
          {saga.steps.map((s) => {
            const comp = saga.compensations.find((c) => c.step === s.eventType);
            return (
              <li class="step">
                <div>
                  <EventLink eventType={s.eventType} /> <span class="muted small">published by</span> <Publishers catalog={catalog} eventType={s.eventType} />
                </div>
                {comp ? (
                  <div class="compensation small">
                    on <EventLink eventType={comp.onFailure} /> → compensate with <EventLink eventType={comp.compensation} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      </Card>
      <Card title="Compensations" id="compensations" wide>
        <div class="scroll"><table>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">On failure</th>
              <th scope="col">Compensation</th>
            </tr>
          </thead>
          <tbody>
            {saga.compensations.map((c) => (
              <tr>
                <td>{c.step ? <EventLink eventType={c.step} /> : '—'}</td>
                <td>
                  <EventLink eventType={c.onFailure} />
                </td>
                <td>
                  <EventLink eventType={c.compensation} />
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
        <p class="small muted">On a failure of step k the orchestrator emits step k's compensation, then those of the completed steps in reverse order.</p>
      </Card>
    </Layout>
  );
}

export function AggregatePage(props: { aggregate: Aggregate; catalog: Catalog; signedIn?: boolean }) {
  const { aggregate, catalog } = props;
  return (
    <Layout title={aggregate.name} section="patterns" signedIn={props.signedIn}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/ui/">Overview</a> › <a href="/ui/flow">Event flow</a> › <span>{aggregate.name}</span>
      </nav>
      <div class="page-head">
        <h1>{aggregate.name}</h1>
        {aggregate.description ? <p class="lead">{aggregate.description}</p> : null}
        <p class="muted">
          Identified by <code>payload.{aggregate.idField}</code> (the partition key); events apply in <code>sequence</code> order.
        </p>
      </div>
      <Card title="Lifecycle" id="lifecycle" wide>
        <ol class="steps">
          {aggregate.events.map((e) => (
            <li class="step">
              <EventLink eventType={e} /> <span class="muted small">published by</span> <Publishers catalog={catalog} eventType={e} />
            </li>
          ))}
        </ol>
      </Card>
    </Layout>
  );
}
