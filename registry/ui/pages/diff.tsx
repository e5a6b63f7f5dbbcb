/**
 * `/ui/events/{eventType}/diff?from=A&to=B`: typed changes (kind, JSON pointer, which
 * directions they break), the verdict of each level, the bump, the readers each change
 * touches, and both schemas side by side with the changed lines marked.
 */
import type { StoredVersion } from '#registry/store/versions.ts';
import type { DiffView } from '../diff-view.ts';
import { foldUnchanged, type Segment, type SideLine } from '../line-diff.ts';
import { AgentLink, Badge, bumpTone, Card, Layout } from '../layout.tsx';

const enc = encodeURIComponent;

const VersionSelect = (props: { name: string; label: string; versions: StoredVersion[]; selected: string }) => (
  <label>
    {props.label}{' '}
    <select name={props.name}>
      {props.versions.map((v) => (
        <option value={v.version} selected={v.version === props.selected}>
          {v.version}
        </option>
      ))}
    </select>
  </label>
);

const Column = (props: { lines: SideLine[]; segments: Segment[]; title: string }) => (
  <div class="side">
    <h3>{props.title}</h3>
    <pre class="code" tabindex={0} aria-label={props.title}>
      {props.segments.map((seg) =>
        seg.kind === 'fold' ? (
          <span class="ln fold">
            <span class="n" aria-hidden="true">
              ⋯
            </span>
            {`${seg.count} unchanged lines\n`}
          </span>
        ) : (
          props.lines.slice(seg.from, seg.to).map((l) => (
            <span class={`ln ${l.mark}`}>
              <span class="n" aria-hidden="true">
                {l.n ?? ''}
              </span>
              {l.mark === 'removed' ? <span class="sr-only">removed: </span> : l.mark === 'added' ? <span class="sr-only">added: </span> : null}
              {l.text}
              {'\n'}
            </span>
          ))
        ),
      )}
    </pre>
  </div>
);

export function DiffPage(props: { eventType: string; versions: StoredVersion[]; view?: DiffView; signedIn?: boolean }) {
  const { eventType, versions, view } = props;
  const segments = view ? foldUnchanged(view.schemas) : [];
  return (
    <Layout title={`${eventType} diff`} section="events" signedIn={props.signedIn}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/ui/">Overview</a> › <a href={`/ui/events/${enc(eventType)}`}>{eventType}</a> › <span>diff</span>
      </nav>
      <div class="page-head">
        <h1>
          <span class="mono">{eventType}</span> {view ? `${view.from} → ${view.to}` : ''}
        </h1>
        <form method="get" class="inline-form" action={`/ui/events/${enc(eventType)}/diff`}>
          <VersionSelect name="from" label="From" versions={versions} selected={view?.from ?? versions[0]?.version ?? ''} />
          <VersionSelect name="to" label="To" versions={versions} selected={view?.to ?? versions.at(-1)?.version ?? ''} />
          <button type="submit">Compare</button>
        </form>
      </div>
      {!view ? (
        <Card>
          <p>This event has one version only: there is nothing to compare yet.</p>
        </Card>
      ) : (
        <>
          <Card title="Verdict" id="verdict" wide>
            <p>
              Needs a <Badge tone={bumpTone(view.bump)}>{view.bump}</Badge> release under policy {view.policy} · {view.rows.length} change(s) ·{' '}
              {view.schemas.changed} changed line(s)
            </p>
            <ul class="verdicts">
              {view.verdicts.map((v) => (
                <li>
                  <span class="mono">{v.level}</span> {v.compatible ? <Badge tone="ok">compatible</Badge> : <Badge tone="bad">breaks</Badge>}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Changes" id="changes" wide>
            {view.rows.length === 0 ? (
              <p class="muted">The two versions have the same schema.</p>
            ) : (
              <div class="scroll">
                <table class="changes">
                  <thead>
                    <tr>
                      <th scope="col">Kind and pointer</th>
                      <th scope="col">Change</th>
                      <th scope="col">Backward</th>
                      <th scope="col">Forward</th>
                      <th scope="col">Readers touched</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.rows.map((r) => (
                      <tr>
                        <td class="mono small">
                          {r.change.kind}
                          <div class="muted">{r.change.path || '/'}</div>
                        </td>
                        <td class="small">
                          {r.change.message}
                          {r.change.hint && (r.breaksBackward || r.breaksForward) ? <div class="hint">{r.change.hint}</div> : null}
                        </td>
                        <td>{r.breaksBackward ? <Badge tone="bad">breaks</Badge> : <Badge tone="ok">ok</Badge>}</td>
                        <td>{r.breaksForward ? <Badge tone="bad">breaks</Badge> : <Badge tone="ok">ok</Badge>}</td>
                        <td>
                          {r.readers.length ? (
                            r.readers.map((a) => <AgentLink agent={a} />) /* the stylesheet puts commas between links in a cell */
                          ) : (
                            <span class="muted">nobody</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
          <Card title="Schemas side by side" id="schemas" wide>
            <p class="small muted">Changed lines with three lines of context; unchanged runs are folded.</p>
            <div class="sides">
              <Column lines={view.schemas.left} segments={segments} title={`${view.from} (before)`} />
              <Column lines={view.schemas.right} segments={segments} title={`${view.to} (after)`} />
            </div>
          </Card>
        </>
      )}
    </Layout>
  );
}
