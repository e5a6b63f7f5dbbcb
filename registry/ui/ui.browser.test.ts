/**
 * The UI in a real browser (Debian's Chromium through playwright-core) against a real
 * server on a free port: every page renders the registry's data, every link on it answers
 * 200, the console stays clean, no request fails, and axe-core finds no serious or critical
 * accessibility violation. `UPDATE_SCREENSHOTS=1` writes the screenshots in docs/ui/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '#catalog/bundled.ts';
import { chromiumPath, needsBrowser, skipWithout } from '#test/support/requirements.ts';
import { startServer } from '../server.ts';
import { openTestRegistry, seedText, type TestRegistry } from '../testing/harness.ts';
import { EVOLVED, openUiRegistry, PROVIDER } from './testing.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repoRoot, 'docs/ui') : undefined;

interface Visit {
  page: Page;
  problems: string[];
}

/** Opens a page and records every console error, page error, failed request and 4xx/5xx response. */
async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  const res = await page.goto(url, { waitUntil: 'load' });
  if (res?.status() !== 200) problems.push(`HTTP ${res?.status()} for ${url}`);
  return { page, problems };
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(() => (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] }))) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

// Callbacks run in the page read `(globalThis as any).document`: the project's tsconfig has no DOM lib.
/** Every same-origin link of the page answers 200 (fetched with the page's cookies). */
async function brokenLinks(page: Page, origin: string, checked: Map<string, number>): Promise<string[]> {
  // getAttribute, not .href: an SVG <a>'s href is an SVGAnimatedString.
  const links = await page.$$eval('a[href]', (as) => as.map((a) => new URL(a.getAttribute('href')!, (globalThis as any).document.baseURI).toString()));
  const broken: string[] = [];
  for (const link of new Set(links)) {
    const url = new URL(link);
    if (url.origin !== origin) continue;
    url.hash = '';
    const key = url.toString();
    if (!checked.has(key)) checked.set(key, (await page.request.get(key, { maxRedirects: 0, timeout: 120_000 })).status());
    if (checked.get(key) !== 200) broken.push(`${checked.get(key)} ${key}`);
  }
  return broken;
}

const PAGES: { name: string; path: string; check: (page: Page) => Promise<void> }[] = [
  {
    name: 'overview',
    path: '/ui/',
    check: async (page) => {
      expect(await page.locator('#event-table tbody tr').count(), 'all 19 events of the seed').toBe(19);
      await page.fill('#event-filter', 'Prompt.Creation');
      expect(await page.locator('#event-table tbody tr:visible').count(), 'the filter box narrows the table (progressive script)').toBeLessThan(19);
      await page.fill('#event-filter', '');
    },
  },
  {
    name: 'event',
    path: `/ui/events/${EVOLVED}`,
    check: async (page) => {
      const subscribers = await page.locator('tr.subscriber td:first-child').allTextContents();
      for (const agent of ['prompt-engineering-specialist', 'domain-modeller', 'ui-ux-designer']) expect(subscribers, `the seed's subscriber ${agent}`).toContain(agent);
    },
  },
  {
    name: 'diff',
    path: `/ui/events/${EVOLVED}/diff?from=1.0.0&to=2.0.0`,
    check: async (page) => {
      expect(await page.locator('table.changes tbody tr').count(), 'the 2.0.0 change has typed changes').toBeGreaterThan(1);
      expect(await page.locator('.ln.removed').count(), 'removed lines are marked').toBeGreaterThan(0);
      expect(await page.locator('.ln.added').count(), 'added lines are marked').toBeGreaterThan(0);
    },
  },
  {
    name: 'agent',
    path: `/ui/agents/${PROVIDER}`,
    check: async (page) => {
      expect(await page.locator('.copy code').first().textContent()).toContain(`/v1/clients/${PROVIDER}.tgz`);
      expect(await page.locator('.badge', { hasText: 'verified' }).count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'flow',
    path: '/ui/flow',
    check: async (page) => {
      const agents = (await page.locator('svg.flow a.node.agent').evaluateAll((ns) => ns.map((n) => n.getAttribute('data-node')))).sort();
      const expected = (await page.locator('#flow-list a[href^="/ui/agents/"]').allTextContents()).map((a) => `agent:${a}`);
      for (const agent of expected) expect(agents, `${agent} is drawn`).toContain(agent);
      const box = await page.locator('svg.flow').boundingBox();
      expect(box?.width, 'the graph is drawn, not empty').toBeGreaterThan(300);
    },
  },
  { name: 'saga', path: '/ui/sagas/PromptOptimizationSaga', check: async (page) => expect(await page.locator('li.step').count()).toBe(6) },
  { name: 'aggregate', path: '/ui/aggregates/PromptAggregate', check: async (page) => expect(await page.locator('li.step').count()).toBeGreaterThan(2) },
  {
    name: 'matrix',
    path: `/ui/matrix?pacticipant=${PROVIDER}&version=1.0.0`,
    check: async (page) => {
      expect(await page.locator('#matrix tbody tr').count(), 'the published pacts').toBeGreaterThan(1);
      expect(await page.locator('.answer .reasons li').count(), 'the can-i-deploy answer lists its reasons').toBeGreaterThan(0);
    },
  },
];

describe.skipIf(skipWithout(needsBrowser))('UI in Chromium', () => {
  let registry: TestRegistry;
  let origin: string;
  let browser: Browser;
  const checked = new Map<string, number>();

  beforeAll(async () => {
    registry = await openUiRegistry();
    origin = (await registry.listen()).url;
    // Build the agent's client bundle now: the first build takes tens of seconds on a loaded
    // machine, and the link check below should time the link, not the build.
    expect((await registry.request('GET', `/v1/clients/${PROVIDER}.tgz`)).status).toBe(200);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await registry?.close();
  });

  for (const p of PAGES) {
    it(`${p.name}: renders the data, links answer 200, clean console, no failed request, no serious axe violation`, async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, colorScheme: scheme });
        const { page, problems } = await visit(context, `${origin}${p.path}`);
        await p.check(page);
        expect(await seriousViolations(page), `axe (${scheme})`).toEqual([]);
        if (scheme === 'light') expect(await brokenLinks(page, origin, checked), 'links').toEqual([]);
        expect(problems, 'console errors, failed requests').toEqual([]);
        if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${p.name}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
        await context.close();
      }
    }, 300_000);
  }

  it('on a phone the pages fit the screen width', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const overflowing: string[] = [];
    for (const p of PAGES) {
      const { page, problems } = await visit(context, `${origin}${p.path}`);
      const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).document.documentElement.clientWidth);
      if (overflow > 1) overflowing.push(`${p.name}: ${overflow}px`);
      expect(problems).toEqual([]);
      if (SHOTS && (p.name === 'overview' || p.name === 'event')) await page.screenshot({ path: path.join(SHOTS, `${p.name}-phone.png`) });
      await page.close();
    }
    expect(overflowing, 'no page scrolls sideways as a whole (wide tables and the graph scroll inside their card)').toEqual([]);
    await context.close();
  }, 120_000);

  describe('with EVC_READ_AUTH', () => {
    let guarded: TestRegistry;
    let guardedOrigin: string;
    let stop = async () => {};
    beforeAll(async () => {
      guarded = await openTestRegistry({ readAuth: true });
      await guarded.call('POST', '/v1/documents', { raw: seedText(), headers: { 'content-type': 'application/yaml' } });
      // The harness's listen() serves without read auth: start this one with it.
      const server = await startServer({ connection: guarded.conn, port: 0, readAuth: true, log: () => {} });
      stop = () => server.close();
      guardedOrigin = server.url;
    }, 180_000);
    afterAll(async () => {
      await stop();
      await guarded?.close();
    });

    it('asks for a token, then shows the page that was asked for', async () => {
      const context = await browser.newContext();
      const { page, problems } = await visit(context, `${guardedOrigin}/ui/flow`);
      expect(new URL(page.url()).pathname).toBe('/ui/login');
      expect(await seriousViolations(page)).toEqual([]);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'login.png') });
      await page.fill('#token', guarded.tokens.read);
      await Promise.all([page.waitForURL(`${guardedOrigin}/ui/flow`), page.click('button[type=submit]')]);
      expect(await page.locator('svg.flow').count()).toBe(1);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'evc_ui_token'), 'the token cookie is HttpOnly').toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(await page.evaluate(() => (globalThis as any).document.cookie), 'scripts cannot read it').toBe('');
      expect(problems).toEqual([]);
      await context.close();
    }, 120_000);
  });
});
