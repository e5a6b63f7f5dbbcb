/** `/ui/matrix`: the pact verification matrix and a can-i-deploy form with its answer and every reason. */
import type { CanIDeployAnswer } from '#contracts/can-i-deploy.ts';
import type { MatrixRow } from '../pact-source.ts';
import { AgentLink, Badge, Card, Layout, When } from '../layout.tsx';
import { VerificationBadge } from './agent.tsx';

export function MatrixPage(props: { agents: string[]; rows: MatrixRow[]; query: { pacticipant?: string; version?: string }; answer?: CanIDeployAnswer; error?: string; signedIn?: boolean }) {
  const { agents, rows, query, answer } = props;
  return (
    <Layout title="Pact matrix" section="matrix" signedIn={props.signedIn}>
      <div class="page-head">
        <h1>Pact matrix</h1>
        <p class="muted">Each consumer's pact with its provider and the latest verification results. Verify with <code>evc verify --provider AGENT --registry URL --publish</code>.</p>
      </div>
      <Card title="Can I deploy?" id="can-i-deploy" wide>
        <form method="get" action="/ui/matrix" class="inline-form">
          <label>
            Pacticipant{' '}
            <select name="pacticipant" required>
              {agents.map((a) => (
                <option value={a} selected={a === query.pacticipant}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label>
            Version <input name="version" value={query.version ?? ''} required placeholder="1.0.0" size={12} />
          </label>
          <button type="submit">Ask</button>
        </form>
        {props.error ? (
          <p class="answer bad" role="alert">
            {props.error}
          </p>
        ) : null}
        {answer ? (
          <div class={`answer ${answer.deployable ? 'ok' : 'bad'}`} role="status">
            <p>
              <strong>{answer.deployable ? 'Yes' : 'No'}</strong> — {answer.summary}
            </p>
            <ul class="reasons">
              {answer.reasons.map((r) => (
                <li>
                  {r.ok ? <Badge tone="ok">ok</Badge> : <Badge tone="bad">no</Badge>} <span class="mono small">{r.kind}</span> {r.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Card>
      <Card title="Matrix" id="matrix" wide>
        {rows.length === 0 ? (
          <p class="muted">No pact is published yet. Publish them with <code>evc publish-pacts --registry URL --consumer-version X</code>.</p>
        ) : (
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Consumer</th>
                  <th scope="col">Consumer version</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Provider version</th>
                  <th scope="col">Result</th>
                  <th scope="col">Verified</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>
                      <AgentLink agent={r.consumer} />
                    </td>
                    <td class="mono">{r.consumerVersion}</td>
                    <td>
                      <AgentLink agent={r.provider} />
                    </td>
                    <td class="mono">{r.providerVersion ?? '—'}</td>
                    <td>
                      <VerificationBadge success={r.success} />
                    </td>
                    <td>
                      <When at={r.verifiedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </Layout>
  );
}
