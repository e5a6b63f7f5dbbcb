/**
 * The page frame every UI page renders in: header with navigation, main, footer. Styles and
 * the small progressive script are static files under `/ui/static/` (no inline code, so the
 * Content-Security-Policy allows only our own origin). All text goes through hono/jsx, which
 * escapes it; no page uses raw HTML.
 */
import type { Child } from 'hono/jsx';

export type Section = 'overview' | 'flow' | 'matrix' | 'events' | 'agents' | 'patterns' | 'login';

const NAV: [Section, string, string][] = [
  ['overview', '/ui/', 'Overview'],
  ['flow', '/ui/flow', 'Event flow'],
  ['matrix', '/ui/matrix', 'Pact matrix'],
];

export function Layout(props: { title: string; section?: Section; signedIn?: boolean; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · evc registry`}</title>
        <link rel="stylesheet" href="/ui/static/app.css" />
        <link rel="icon" href="/ui/static/favicon.svg" type="image/svg+xml" />
        <script src="/ui/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/ui/">
            <span class="logo" aria-hidden="true">◆</span> evc registry
          </a>
          <nav aria-label="Main">
            {NAV.map(([id, href, label]) => (
              <a href={href} aria-current={props.section === id ? 'page' : undefined}>
                {label}
              </a>
            ))}
            <a href="/openapi.json">API</a>
          </nav>
          {props.signedIn ? (
            <form method="post" action="/ui/logout" class="logout">
              <button type="submit">Sign out</button>
            </form>
          ) : null}
        </header>
        <main id="main">{props.children}</main>
        <footer>
          event-contracts · AsyncAPI 3 as the source of truth · <a href="/health">health</a> · <a href="/metrics">metrics</a>
        </footer>
      </body>
    </html>
  );
}

/** A titled card. */
export const Card = (props: { title?: string; id?: string; children: Child; wide?: boolean }) => (
  <section class={props.wide ? 'card wide' : 'card'} id={props.id} aria-labelledby={props.id && props.title ? `${props.id}-h` : undefined}>
    {props.title ? <h2 id={props.id ? `${props.id}-h` : undefined}>{props.title}</h2> : null}
    {props.children}
  </section>
);

export const Badge = (props: { tone?: 'ok' | 'bad' | 'warn' | 'info' | 'muted'; children: Child }) => <span class={`badge ${props.tone ?? 'muted'}`}>{props.children}</span>;

export const EventLink = (props: { eventType: string }) => <a href={`/ui/events/${encodeURIComponent(props.eventType)}`} class="mono">{props.eventType}</a>;
export const AgentLink = (props: { agent: string }) => <a href={`/ui/agents/${encodeURIComponent(props.agent)}`}>{props.agent}</a>;

export const When = (props: { at: Date | string | null | undefined }) => {
  if (!props.at) return <span class="muted">—</span>;
  const d = new Date(props.at);
  return <time datetime={d.toISOString()}>{d.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>;
};

/** A shell command with a copy button (the button works only with the script; the text is selectable anyway). */
export const CopyCommand = (props: { label: string; command: string }) => (
  <div class="copy">
    <span class="copy-label">{props.label}</span>
    <code>{props.command}</code>
    <button type="button" class="copy-btn" data-copy={props.command} hidden>
      Copy
    </button>
  </div>
);

export const bumpTone = (bump: string | undefined) => (bump === 'major' ? 'bad' : bump === 'minor' ? 'info' : bump === 'patch' ? 'muted' : 'muted');
