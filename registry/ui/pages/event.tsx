/**
 * `/ui/events/{eventType}`: version history (date, semver, declared and required bump),
 * the payload as a field table, the envelope fields, publisher and subscribers (role, fields
 * read), partition key, retry policy, SLA, schema download, compatibility level and policy.
 */
import { isObject as isObj } from '#shared/json.ts';
import type { JsonSchema } from '#catalog/model.ts';
import { fieldRows, type FieldRow } from '../fields.ts';
import type { readEvent } from '../read.ts';
import { AgentLink, Badge, bumpTone, Card, Layout, When } from '../layout.tsx';

type Data = Awaited<ReturnType<typeof readEvent>>;

const enc = encodeURIComponent;

export function FieldTable(props: { rows: FieldRow[]; caption: string }) {
  if (props.rows.length === 0) return <p class="muted">No fields.</p>;
  return (
    <div class="scroll">
      <table class="fields">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Constraints</th>
            <th scope="col">Description</th>
            <th scope="col">Example</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row" class={`mono depth-${Math.min(r.depth, 4)}`} title={r.pointer}>
                {r.name}
              </th>
              <td class="mono">{r.type}</td>
              <td>{r.required ? <Badge tone="warn">required</Badge> : <span class="muted">optional</span>}</td>
              <td class="small">{r.constraints.join('; ')}</td>
              <td class="small">{r.description ?? ''}</td>
              <td class="mono small">{r.example ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}


export function EventPage(props: { data: Data; signedIn?: boolean }) {
  const { eventType, rows, settings, history, contract } = props.data;
  const latest = rows.at(-1)!;
  const schema = JSON.parse(latest.canonical) as JsonSchema;
  const enveloped = isObj(schema) && isObj(schema.properties) && 'payload' in schema.properties;
  const example = contract?.examples[0];
  const payloadSchema = enveloped && isObj(schema) && isObj(schema.properties) ? (schema.properties.payload as JsonSchema) : schema;
  const payloadRows = fieldRows(payloadSchema, enveloped && isObj(example) ? example.payload : example, [], 4, schema);
  const envelopeRows = enveloped ? fieldRows(schema, example, ['payload'], 1) : [];
  const retry = contract?.retryPolicy ?? props.data.current?.catalog.retryPolicy;
  const sla = contract?.sla ?? props.data.current?.catalog.sla;
  const previous = rows.at(-2);
  return (
    <Layout title={eventType} section="events" signedIn={props.signedIn}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/ui/">Overview</a> › <span>{eventType}</span>
      </nav>
      <div class="page-head">
        <h1 class="mono">{eventType}</h1>
        <p>
          <Badge tone="info">latest {latest.version}</Badge> <Badge>{settings.level}</Badge> <Badge>{settings.policy}</Badge>{' '}
          <a class="button" href={`/ui/events/${enc(eventType)}/schema.json?version=${enc(latest.version)}`} download={`${eventType}-${latest.version}.schema.json`}>
            Download schema
          </a>
          {previous ? (
            <>
              {' '}
              <a class="button" href={`/ui/events/${enc(eventType)}/diff?from=${enc(previous.version)}&to=${enc(latest.version)}`}>
                Diff {previous.version} → {latest.version}
              </a>
            </>
          ) : null}
        </p>
        {contract?.description || contract?.summary ? <p class="lead">{contract.description ?? contract.summary}</p> : null}
      </div>
      <div class="grid">
        <Card title="Publisher and subscribers" id="agents">
          <dl class="pairs">
            <dt>Publisher</dt>
            <dd>{contract?.publishers.length ? contract.publishers.map((p) => <AgentLink agent={p} />) : <span class="muted">none in document {props.data.current?.version ?? ''}</span>}</dd>
          </dl>
          <div class="scroll"><table>
            <thead>
              <tr>
                <th scope="col">Subscriber</th>
                <th scope="col">Role</th>
                <th scope="col">Reads</th>
              </tr>
            </thead>
            <tbody>
              {(contract?.subscribers ?? []).map((s) => (
                <tr class="subscriber">
                  <td>
                    <AgentLink agent={s.agent} />
                  </td>
                  <td>{s.role}</td>
                  <td class="mono small">{s.reads ? s.reads.join(', ') : 'required fields'}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </Card>
        <Card title="Delivery" id="delivery">
          <dl class="pairs">
            <dt>Channel</dt>
            <dd class="mono">{contract?.channel.address ?? contract?.channel.id ?? '—'}</dd>
            <dt>Partition key</dt>
            <dd class="mono">{contract?.partitionKey ?? '—'}</dd>
            <dt>Retry policy</dt>
            <dd>{retry ? `${retry.maxAttempts} attempts, ${retry.backoff} backoff ${retry.initialDelayMs}–${retry.maxDelayMs} ms; retries ${retry.retryableErrors.join(', ')}` : '—'}</dd>
            <dt>SLA</dt>
            <dd>{sla ? `p95 ≤ ${sla.latencyP95Ms} ms, ${sla.throughputPerSecond.toLocaleString('en')} events/s, ${sla.delivery}, ordering ${sla.ordering}` : '—'}</dd>
            <dt>Compatibility</dt>
            <dd>
              level {settings.level}, policy {settings.policy}, mode {settings.mode}
            </dd>
          </dl>
        </Card>
      </div>
      <Card title={`Payload (${latest.version})`} id="payload" wide>
        <FieldTable rows={payloadRows} caption={`Payload fields of ${eventType} ${latest.version}`} />
      </Card>
      {enveloped ? (
        <Card title="Envelope" id="envelope" wide>
          <FieldTable rows={envelopeRows} caption="Envelope fields" />
        </Card>
      ) : null}
      <Card title="Version history" id="history" wide>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Registered</th>
                <th scope="col">Declared bump</th>
                <th scope="col">Needed bump</th>
                <th scope="col">Schema id</th>
                <th scope="col">Document</th>
                <th scope="col">By</th>
                <th scope="col">Compare</th>
              </tr>
            </thead>
            <tbody>
              {[...history].reverse().map((h, i, all) => {
                const before = all[i + 1];
                return (
                  <tr>
                    <td class="mono">{h.row.version}</td>
                    <td>
                      <When at={h.row.createdAt} />
                    </td>
                    <td>{h.declared ? <Badge tone={bumpTone(h.declared)}>{h.declared}</Badge> : <span class="muted">first</span>}</td>
                    <td>{h.required ? <Badge tone={bumpTone(h.required)}>{h.required}</Badge> : <span class="muted">—</span>}</td>
                    <td class="mono">{h.row.schemaId}</td>
                    <td class="mono">{h.row.documentVersion ?? '—'}</td>
                    <td>{h.row.createdBy}</td>
                    <td>
                      {before ? <a href={`/ui/events/${enc(eventType)}/diff?from=${enc(before.row.version)}&to=${enc(h.row.version)}`}>diff from {before.row.version}</a> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
    </Layout>
  );
}
