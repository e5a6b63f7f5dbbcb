/**
 * `/ui/…`: the registry's web UI, server-rendered with hono/jsx. Handlers read through
 * `read.ts` / `pact-source.ts` (the JSON routes' own functions) and render one page
 * component each. Every UI response carries a strict Content-Security-Policy: only our own
 * stylesheet and script, no inline code.
 */
import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { bundlePackageName } from '#generators/bundle/build.ts';
import { readSettings } from '#registry/store/config.ts';
import { findLatestVersion, findVersionBySemver, listVersions } from '#registry/store/versions.ts';
import type { AppEnv, Services } from '../context.ts';
import { parseVersion } from '#compat/semver.ts';
import { RegistryError, invalidVersion, subjectNotFound, versionNotFound } from '../errors.ts';
import { buildDiffView } from './diff-view.ts';
import { layoutFlow } from './flow-layout.ts';
import { pactSource, type MatrixRow } from './pact-source.ts';
import { AgentPage } from './pages/agent.tsx';
import { DiffPage } from './pages/diff.tsx';
import { EventPage } from './pages/event.tsx';
import { FlowPage } from './pages/flow.tsx';
import { ErrorPage, LoginPage } from './pages/login.tsx';
import { MatrixPage } from './pages/matrix.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { AggregatePage, SagaPage } from './pages/patterns.tsx';
import { readCurrentDocument, readEvent, readOverview, schemaOf } from './read.ts';
import { resolveStored } from '#registry/domain/reference-resolution.ts';
import { assertSameOrigin, readSession, safeNext, signIn, signOut, type Session } from './session.ts';
import { STATIC_FILES } from './static.ts';

const CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

type UiEnv = AppEnv & { Variables: { session: Session } };

const html = (c: Context, page: JSX.Element, status: 200 | 400 | 401 | 403 | 404 | 422 | 503 = 200) => c.html(`<!DOCTYPE html>${String(page)}`, status);

const notFound = (what: string) => new RegistryError(404, 40400, what);

export function createUi(services: Services): Hono<UiEnv> {
  const pacts = pactSource(services);
  const ui = new Hono<UiEnv>();
  ui.use('/ui/*', async (c, next) => {
    await next();
    c.header('content-security-policy', CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
  });
  ui.get('/ui', (c) => c.redirect('/ui/', 301));
  ui.get('/ui/static/:file', (c) => {
    const file = STATIC_FILES[c.req.param('file')];
    if (!file) throw notFound(`No static file ${c.req.param('file')}.`);
    return c.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'public, max-age=300' });
  });
  ui.get('/ui/login', async (c) => html(c, <LoginPage next={safeNext(c.req.query('next'))} />));
  ui.post('/ui/login', async (c) => {
    assertSameOrigin(c);
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    if (!token || !(await signIn(c, services, token))) return html(c, <LoginPage next={next} error="That token is unknown or revoked. Check it, or create one with evc token create --role read." />, 401);
    return c.redirect(next, 303);
  });
  ui.post('/ui/logout', (c) => {
    assertSameOrigin(c);
    signOut(c);
    return c.redirect(services.readAuth ? '/ui/login' : '/ui/', 303);
  });
  // Every other page: a session when reads need a token, else a redirect to the login form.
  ui.use('/ui/*', async (c, next) => {
    const session = await readSession(c, services);
    if (!session) return c.redirect(`/ui/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 303);
    c.set('session', session);
    if (session.principal) c.set('principal', session.principal);
    await next();
  });
  const signedIn = (c: Context<UiEnv>) => Boolean(c.get('session').principal);
  const currentCatalog = async () => {
    const current = await readCurrentDocument(services);
    if (!current) throw notFound('No document is registered yet. Publish one with `evc publish <file>`.');
    return current;
  };

  ui.get('/ui/', async (c) => html(c, <OverviewPage data={await readOverview(services)} signedIn={signedIn(c)} />));
  ui.get('/ui/events/:eventType', async (c) => html(c, <EventPage data={await readEvent(services, c.req.param('eventType'))} signedIn={signedIn(c)} />));
  ui.get('/ui/events/:eventType/schema.json', async (c) => {
    const eventType = c.req.param('eventType');
    const version = c.req.query('version') ?? 'latest';
    if (version !== 'latest' && !parseVersion(version)) throw invalidVersion(version);
    const row = version === 'latest' ? await findLatestVersion(services.db, eventType, 'semver') : await findVersionBySemver(services.db, eventType, version);
    if (!row) throw (await listVersions(services.db, eventType)).length === 0 ? subjectNotFound(eventType) : versionNotFound(eventType, version);
    return c.body(JSON.stringify(JSON.parse(row.canonical), null, 2), 200, {
      'content-type': 'application/schema+json; charset=utf-8',
      'content-disposition': `attachment; filename="${eventType.replace(/[^A-Za-z0-9._-]/g, '_')}-${row.version}.schema.json"`,
    });
  });
  ui.get('/ui/events/:eventType/diff', async (c) => {
    const eventType = c.req.param('eventType');
    const versions = await listVersions(services.db, eventType);
    if (versions.length === 0) throw subjectNotFound(eventType);
    const pick = (text: string | undefined, fallback: (typeof versions)[number] | undefined) => {
      if (text === undefined) return fallback;
      if (!parseVersion(text)) throw invalidVersion(text);
      const row = versions.find((v) => v.version === text);
      if (!row) throw versionNotFound(eventType, text);
      return row;
    };
    const to = pick(c.req.query('to'), versions.at(-1));
    const from = pick(c.req.query('from'), versions.at(-2));
    if (!from || !to) return html(c, <DiffPage eventType={eventType} versions={versions} signedIn={signedIn(c)} />);
    const settings = await readSettings(services.db, eventType);
    const contract = (await readCurrentDocument(services))?.catalog.events.find((e) => e.eventType === eventType);
    const resolved = await resolveStored(services.db, [from, to]);
    const view = buildDiffView({ from: { version: from.version, schema: schemaOf(from, resolved) }, to: { version: to.version, schema: schemaOf(to, resolved) }, policy: settings.policy, ...(contract ? { contract } : {}) });
    return html(c, <DiffPage eventType={eventType} versions={versions} view={view} signedIn={signedIn(c)} />);
  });
  ui.get('/ui/agents/:agent', async (c) => {
    const { version, catalog } = await currentCatalog();
    const agent = catalog.agents.find((a) => a.id === c.req.param('agent'));
    if (!agent) throw notFound(`Agent '${c.req.param('agent')}' is not in document ${version}. Agents: ${catalog.agents.map((a) => a.id).join(', ')}.`);
    const pactRows = await pacts(c.get('session').authorization).matrixOf(agent.id);
    const origin = new URL(c.req.url).origin;
    return html(c, <AgentPage agent={agent} catalog={catalog} documentVersion={version} pacts={pactRows} origin={origin} packageName={bundlePackageName(agent.id)} signedIn={signedIn(c)} />);
  });
  ui.get('/ui/agents/:agent/client.tgz', (c) => pacts(c.get('session').authorization).clientBundle(c.req.param('agent')));
  ui.get('/ui/flow', async (c) => {
    const { catalog } = await currentCatalog();
    return html(c, <FlowPage catalog={catalog} layout={await layoutFlow(catalog)} signedIn={signedIn(c)} />);
  });
  ui.get('/ui/sagas/:name', async (c) => {
    const { catalog } = await currentCatalog();
    const saga = catalog.sagas.find((s) => s.name === c.req.param('name'));
    if (!saga) throw notFound(`No saga '${c.req.param('name')}'. Sagas: ${catalog.sagas.map((s) => s.name).join(', ') || '(none)'}.`);
    return html(c, <SagaPage saga={saga} catalog={catalog} signedIn={signedIn(c)} />);
  });
  ui.get('/ui/aggregates/:name', async (c) => {
    const { catalog } = await currentCatalog();
    const aggregate = catalog.aggregates.find((a) => a.name === c.req.param('name'));
    if (!aggregate) throw notFound(`No aggregate '${c.req.param('name')}'. Aggregates: ${catalog.aggregates.map((a) => a.name).join(', ') || '(none)'}.`);
    return html(c, <AggregatePage aggregate={aggregate} catalog={catalog} signedIn={signedIn(c)} />);
  });
  ui.get('/ui/matrix', async (c) => {
    const { catalog } = await currentCatalog();
    const source = pacts(c.get('session').authorization);
    const agents = catalog.agents.map((a) => a.id);
    // Each pact once: the rows where the agent is the consumer.
    const rows: MatrixRow[] = (await Promise.all(agents.map(async (a) => (await source.matrixOf(a)).filter((r) => r.consumer === a)))).flat();
    const pacticipant = c.req.query('pacticipant');
    const version = c.req.query('version');
    let answer;
    let error: string | undefined;
    if (pacticipant && version) {
      try {
        answer = await source.canIDeploy(pacticipant, version);
      } catch (e) {
        if (!(e instanceof RegistryError) || e.status >= 500) throw e;
        error = e.message;
      }
    }
    const query = { ...(pacticipant ? { pacticipant } : {}), ...(version ? { version } : {}) };
    return html(c, <MatrixPage agents={agents} rows={rows} query={query} {...(answer ? { answer } : {})} {...(error ? { error } : {})} signedIn={signedIn(c)} />);
  });

  // Registered last, so it answers only the UI paths no page matched (the app's JSON 404 answers the rest).
  ui.get('/ui/*', (c) => html(c, <ErrorPage status={404} title="Not found" message={`No page at ${c.req.path}. Start from the overview.`} signedIn={signedIn(c)} />, 404));
  ui.onError((error, c) => {
    if (!(error instanceof RegistryError)) throw error;
    const status = error.status === 409 || error.status === 413 ? 422 : error.status;
    const title = status === 404 ? 'Not found' : status === 401 || status === 403 ? 'Not allowed' : 'Cannot show this page';
    return html(c, <ErrorPage status={status} title={title} message={error.message} />, status);
  });
  return ui;
}
