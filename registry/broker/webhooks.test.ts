/**
 * Broker webhooks against a real listener on 127.0.0.1: one delivery per event, retries
 * on a 500, a delivery log, and never a request to a host the admin did not allow.
 * PGlite, or PostgreSQL with DATABASE_URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRegistry, type TestRegistry } from '#registry/testing/harness.ts';
import { refuseUrl } from './webhooks.ts';

interface Hit {
  path: string;
  body: string;
}

let registry: TestRegistry;
let listener: Server;
let port: number;
const hits: Hit[] = [];
/** Answers 500 to the first `failuresLeft` requests of a path, then 200. */
const failuresLeft = new Map<string, number>();

beforeAll(async () => {
  listener = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', body });
      const left = failuresLeft.get(req.url ?? '') ?? 0;
      if (left > 0) failuresLeft.set(req.url ?? '', left - 1);
      res.writeHead(left > 0 ? 500 : 200).end('ok');
    });
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  port = (listener.address() as AddressInfo).port;
  registry = await openTestRegistry({ webhooks: { allowedHosts: [`127.0.0.1:${port}`], backoffMs: 10, attempts: 3 } });
}, 120_000);
afterAll(async () => {
  await registry?.close();
  await new Promise((r) => listener?.close(r));
});

const pact = (consumer: string, provider: string, n: number) => ({ consumer: { name: consumer }, provider: { name: provider }, interactions: [{ description: `message ${n}`, contents: { content: { n } } }], metadata: { pactSpecification: { version: '4.0' } } });
const publish = (consumer: string, version: string, content: unknown) =>
  registry.call('POST', '/contracts/publish', {
    body: { pacticipantName: consumer, pacticipantVersionNumber: version, branch: 'main', contracts: [{ consumerName: consumer, providerName: 'hook-provider', specification: 'pact', contentType: 'application/json', content: Buffer.from(JSON.stringify(content)).toString('base64') }] },
    token: registry.tokens.publish,
  });
const hook = (path: string, events: string[], host = `127.0.0.1:${port}`) =>
  registry.call('POST', '/webhooks', { body: { description: path, events: events.map((name) => ({ name })), request: { method: 'POST', url: `http://${host}${path}`, body: { consumer: '${pactbroker.consumerName}', version: '${pactbroker.consumerVersionNumber}', event: '${pactbroker.eventName}' } } }, token: registry.tokens.admin });

/** Waits until `check` holds (deliveries run in the background after the response). */
async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const hitsOf = (path: string) => hits.filter((h) => h.path === path);
const deliveries = async (uuid: string) => (await registry.call('GET', `/webhooks/${uuid}/deliveries`, { token: registry.tokens.admin })).json.deliveries as { attempt: number; success: boolean; status: number | null; error: string | null; event: string }[];

describe('broker webhooks', () => {
  it('needs admin to create, and refuses a host that is not on the allow-list', async () => {
    const asPublisher = await registry.call('POST', '/webhooks', { body: { events: [{ name: 'contract_published' }], request: { url: `http://127.0.0.1:${port}/x` } }, token: registry.tokens.publish });
    expect(asPublisher.status, 'webhook management is admin-only').toBe(403);
    const elsewhere = await hook('/x', ['contract_published'], 'example.com');
    expect(elsewhere.status, 'an unconfigured host is refused when the webhook is saved').toBe(422);
    expect(elsewhere.json.errors['request.url'][0], 'the error says which host and how to allow it').toMatch(/example\.com.*EVC_WEBHOOK_HOSTS/);
    expect(refuseUrl('http://169.254.169.254/latest', ['127.0.0.1:1']), 'the same rule runs before every delivery').toMatch(/not on the webhook allow-list/);
    expect(refuseUrl('file:///etc/passwd', ['']), 'only http(s)').toMatch(/only http and https/);
  });

  it('fires once per event, fills in the placeholders, and content-changed only when the content changes', async () => {
    const published = await hook('/published', ['contract_published']);
    expect(published.status, JSON.stringify(published.json)).toBe(201);
    const changed = await hook('/changed', ['contract_content_changed']);
    expect(changed.status).toBe(201);

    expect((await publish('hook-consumer', '1', pact('hook-consumer', 'hook-provider', 1))).status).toBe(200);
    await eventually(() => hitsOf('/published').length === 1 && hitsOf('/changed').length === 1, 'the first publication');
    expect(JSON.parse(hitsOf('/published')[0]!.body), 'placeholders are filled in').toEqual({ consumer: 'hook-consumer', version: '1', event: 'contract_published' });

    expect((await publish('hook-consumer', '2', pact('hook-consumer', 'hook-provider', 1))).status).toBe(200);
    await eventually(() => hitsOf('/published').length === 2, 'the second publication');
    expect((await publish('hook-consumer', '3', pact('hook-consumer', 'hook-provider', 2))).status).toBe(200);
    await eventually(() => hitsOf('/published').length === 3 && hitsOf('/changed').length === 2, 'the third publication');
    await new Promise((r) => setTimeout(r, 200));
    expect(hitsOf('/published').length, 'one delivery per publication, never a duplicate').toBe(3);
    expect(hitsOf('/changed').length, 'identical content (version 2) is not a content change').toBe(2);
  });

  it('retries on a 500 from the listener and logs every attempt', async () => {
    failuresLeft.set('/flaky', 2);
    const created = await hook('/flaky', ['provider_verification_published']);
    expect(created.status).toBe(201);
    await publish('flaky-consumer', '1', pact('flaky-consumer', 'hook-provider', 7));
    const url = (await registry.call('GET', '/pacts/provider/hook-provider/consumer/flaky-consumer/version/1')).json._links['pb:publish-verification-results'].href as string;
    const posted = await registry.call('POST', new URL(url).pathname, { body: { success: true, providerApplicationVersion: 'p1' }, token: registry.tokens.publish });
    expect(posted.status, JSON.stringify(posted.json)).toBe(201);
    await eventually(async () => (await deliveries(created.json.uuid)).some((d) => d.success), 'a successful retry');
    const log = await deliveries(created.json.uuid);
    expect(log.map((d) => [d.attempt, d.status, d.success]).reverse(), 'two 500s, then the third attempt succeeds').toEqual([[1, 500, false], [2, 500, false], [3, 200, true]]);
    expect(hitsOf('/flaky').length, 'no attempt after the success').toBe(3);
  });
});
