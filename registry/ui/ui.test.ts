/**
 * The UI's pages through `app.request()` (no browser, no port): each page renders the
 * registry's data, links where it should, escapes document text, and honours read auth.
 * PGlite by default, PostgreSQL with DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRegistry, seedText, type TestRegistry } from '../testing/harness.ts';
import { EVOLVED, openUiRegistry, PROVIDER } from './testing.ts';

let r: TestRegistry;
const page = async (url: string, headers: Record<string, string> = {}) => {
  const res = await r.request('GET', url, { headers });
  return { status: res.status, html: await res.text(), headers: res.headers };
};
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

beforeAll(async () => {
  r = await openUiRegistry();
}, 300_000);
afterAll(async () => r?.close());

describe('UI pages (app.request)', () => {
  it('overview: every registered event links to its page, with its latest version', async () => {
    const events = (await r.call('GET', '/v1/events')).json.events as { eventType: string; latest: string }[];
    expect(events.length, 'the seed has 19 events').toBe(19);
    const { status, html, headers } = await page('/ui/');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(headers.get('content-security-policy'), 'no inline script or style is allowed').toContain("script-src 'self'");
    for (const e of events) expect(hrefs(html), `the overview links ${e.eventType}`).toContain(`/ui/events/${e.eventType}`);
    expect(html, 'the evolved event shows its latest version, as GET /v1/events does').toContain('<td class="mono">2.0.0</td>');
    expect(html, 'the filter box is there').toContain('id="event-filter"');
    expect(html, 'latest registrations come from the audit log').toMatch(/Latest registrations[\s\S]*Prompt\.Creation\.Requested/);
  });

  it(`event page: ${EVOLVED} names every subscriber with role and reads, the payload fields and the settings`, async () => {
    const { html } = await page(`/ui/events/${EVOLVED}`);
    for (const [agent, role] of [['prompt-engineering-specialist', 'handler'], ['domain-modeller', 'context-analysis'], ['ui-ux-designer', 'ui-update']]) {
      expect(html, `${agent} is a subscriber with role ${role}`).toMatch(new RegExp(`href="/ui/agents/${agent}">${agent}</a></td><td>${role}</td>`));
    }
    expect(html, 'a field the 2.0.0 schema requires').toMatch(/>tenantId<\/th><td class="mono">string<\/td><td><span class="badge warn">required/);
    expect(html, 'constraints in words').toContain('length ≥ 1');
    expect(html, 'partition key').toContain('<dt>Partition key</dt><dd class="mono">/correlationId</dd>');
    expect(html, 'payload fields behind a $ref are resolved').toMatch(/>priority<\/th><td class="mono">string \(Priority\)<\/td>/);
    expect(html, 'level and policy in force').toContain('FULL_TRANSITIVE');
    expect(html, 'the version history has the three versions').toMatch(/1\.0\.0[\s\S]*1\.1\.0[\s\S]*2\.0\.0|2\.0\.0[\s\S]*1\.1\.0[\s\S]*1\.0\.0/);
  });

  it('schema download returns the same schema as the JSON API', async () => {
    const api = (await r.call('GET', `/v1/events/${EVOLVED}/versions/1.1.0`)).json.schema;
    const res = await r.request('GET', `/ui/events/${EVOLVED}/schema.json?version=1.1.0`);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(JSON.parse(await res.text()), 'one read path: the page serves what the API serves').toEqual(api);
  });

  it('diff page: typed changes, verdicts, bump and the readers each change touches', async () => {
    const { status, html } = await page(`/ui/events/${EVOLVED}/diff?from=1.0.0&to=2.0.0`);
    expect(status).toBe(200);
    const api = (await r.call('GET', `/v1/events/${EVOLVED}/diff?from=1.0.0&to=2.0.0`)).json.changes as { kind: string; path: string }[];
    expect(api.length).toBeGreaterThan(0);
    for (const c of api) expect(html, `change ${c.kind} at ${c.path} is listed`).toContain(c.kind);
    expect(html, 'removing a required field and adding one needs a major release').toMatch(/Needs a <span class="badge bad">major<\/span>/);
    expect(html, 'BACKWARD breaks').toMatch(/BACKWARD<\/span> <span class="badge bad">breaks/);
    const deadlineRow = html.split('<tr>').find((row) => row.includes('/properties/payload/properties/deadline'));
    expect(deadlineRow, 'the removed deadline field is a change').toBeDefined();
    for (const reader of ['prompt-engineering-specialist', 'ui-ux-designer']) expect(deadlineRow, `${reader} reads /deadline`).toContain(`/ui/agents/${reader}`);
    expect(deadlineRow, 'domain-modeller does not read /deadline').not.toContain('/ui/agents/domain-modeller');
    expect(html, 'changed lines are marked on both sides').toMatch(/class="ln removed"[\s\S]*class="ln added"/);
  });

  it('diff page: bad versions are a 4xx page, not a crash', async () => {
    expect((await page(`/ui/events/${EVOLVED}/diff?from=9.9.9`)).status).toBe(404);
    expect((await page(`/ui/events/${EVOLVED}/diff?from=latest-ish`)).status).toBe(422);
    expect((await page('/ui/events/No.Such.Event')).status).toBe(404);
  });

  it('agent page: sends, receives, pacts with their status and the install commands', async () => {
    const { html } = await page(`/ui/agents/${PROVIDER}`);
    expect(html).toContain(`/ui/events/${EVOLVED}`);
    expect(html, 'one pact verified, one failed, the rest unverified').toMatch(/badge ok">verified[\s\S]*/);
    expect(html).toContain('badge bad">failed');
    expect(html).toContain('badge warn">unverified');
    expect(html, 'npm install command').toContain(`npm install http://localhost/v1/clients/${PROVIDER}.tgz`);
    expect(html, 'evc pull command').toContain(`npx evc pull ${PROVIDER} --registry http://localhost`);
  });

  it('client bundle download is the /v1/clients tarball', async () => {
    const res = await r.request('GET', `/ui/agents/${PROVIDER}/client.tgz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1]], 'gzip magic').toEqual([0x1f, 0x8b]);
  }, 180_000); // the first download builds the bundle

  it('flow: an SVG with a node per agent and event, each linking to its page', async () => {
    const { html } = await page('/ui/flow');
    const catalog = (await r.call('GET', '/v1/documents/2.0.0')).json;
    expect(catalog.version).toBe('2.0.0');
    expect(html).toContain('<svg class="flow"');
    for (const agent of ['prompt-studio', 'prompt-engineering-specialist', 'observability-engineer', 'workflow-engine']) expect(html).toContain(`data-node="agent:${agent}"`);
    expect(html.match(/data-node="event:/g)?.length, 'one node per event').toBe(19);
  });

  it('saga and aggregate pages show steps, compensations and lifecycle', async () => {
    const saga = await page('/ui/sagas/PromptOptimizationSaga');
    expect(saga.html).toMatch(/Prompt\.Creation\.Failed[\s\S]*Prompt\.Creation\.RolledBack/);
    const aggregate = await page('/ui/aggregates/PromptAggregate');
    expect(aggregate.status).toBe(200);
    expect((await page('/ui/sagas/Nope')).status).toBe(404);
  });

  it('matrix: every published pact and a can-i-deploy answer with its reasons', async () => {
    const api = (await r.call('GET', `/v1/can-i-deploy?pacticipant=${PROVIDER}&version=1.0.0`)).json;
    const { html } = await page(`/ui/matrix?pacticipant=${PROVIDER}&version=1.0.0`);
    expect(html, 'the answer is the API answer').toContain(api.deployable ? '<strong>Yes</strong>' : '<strong>No</strong>');
    expect(api.deployable, 'a failed and unverified pacts make it a no').toBe(false);
    for (const reason of api.reasons as { message: string }[]) expect(html).toContain(reason.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
  });

  it('unknown UI paths get the HTML 404 page; the JSON API keeps its 404', async () => {
    expect((await page('/ui/nope')).html).toContain('No page at /ui/nope');
    expect((await r.call('GET', '/nope')).json.error_code).toBe(404);
  });
});

describe('UI escaping and read auth', () => {
  let guarded: TestRegistry;
  beforeAll(async () => {
    guarded = await openTestRegistry({ readAuth: true });
    const hostile = seedText().replace('Designs, drafts and optimizes prompts; owns the PromptAggregate.', '<script>alert(1)</script><img src=x onerror=alert(2)>');
    const res = await guarded.call('POST', '/v1/documents', { raw: hostile, headers: { 'content-type': 'application/yaml' } });
    expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(201);
  }, 300_000);
  afterAll(async () => guarded?.close());

  const get = (url: string, cookie?: string) => guarded.request('GET', url, { headers: cookie ? { cookie } : {} });
  const login = (token: string, origin = 'http://localhost', next = '/ui/flow') =>
    guarded.app.request('/ui/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams({ token, next }).toString() });

  it('without a token every page redirects to the login form, which keeps where you were going', async () => {
    const res = await get('/ui/events/Prompt.Creation.Requested?x=1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/ui/login?next=%2Fui%2Fevents%2FPrompt.Creation.Requested%3Fx%3D1');
    expect((await get('/ui/login')).status).toBe(200);
  });

  it('a wrong token is refused; a right one sets an HttpOnly, SameSite=Strict cookie that opens the pages', async () => {
    expect((await login('evc_wrong')).status).toBe(401);
    const ok = await login(guarded.tokens.read);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/ui/flow');
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/ui/);
    const pageRes = await get('/ui/agents/prompt-engineering-specialist', cookie.split(';')[0]);
    expect(pageRes.status).toBe(200);
    const html = await pageRes.text();
    expect(html, 'document text is escaped').toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html, 'never raw').not.toContain('<script>alert(1)');
    const bundle = await get('/ui/agents/prompt-studio/client.tgz', cookie.split(';')[0]);
    expect(bundle.status, 'downloads pass the session token to /v1/clients').toBe(200);
  }, 180_000); // the first download builds the bundle (tsc over the generated client)

  it('cross-site posts and off-site redirects are refused', async () => {
    expect((await login(guarded.tokens.read, 'https://evil.example')).status, 'CSRF: another origin').toBe(403);
    const res = await login(guarded.tokens.read, 'http://localhost', '//evil.example/');
    expect(res.headers.get('location'), 'next stays inside the UI').toBe('/ui/');
  });
});
