/**
 * The broker API's edges through `app.request()`: the index by content negotiation, the
 * roles (reads open, publishing needs publish, environments and webhooks need admin),
 * and bad input answered with a 4xx that says what and where, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRegistry, type TestRegistry } from '#registry/testing/harness.ts';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await openTestRegistry();
}, 120_000);
afterAll(async () => registry?.close());

const HAL = { accept: 'application/hal+json, application/json' };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
const pact = { consumer: { name: 'c1' }, provider: { name: 'p1' }, interactions: [{ description: 'm' }], metadata: { pactSpecification: { version: '4.0' } } };
const publishBody = (over: Record<string, unknown> = {}) => ({ pacticipantName: 'c1', pacticipantVersionNumber: '1', branch: 'main', contracts: [{ consumerName: 'c1', providerName: 'p1', specification: 'pact', contentType: 'application/json', content: b64(pact) }], ...over });

describe('GET /', () => {
  it('answers the HAL index to Pact clients and {} to everyone else', async () => {
    const hal = await registry.call('GET', '/', { headers: HAL });
    expect(hal.headers.get('content-type'), 'Pact clients only accept application/hal+json or application/json').toMatch(/^application\/hal\+json/);
    for (const rel of ['pb:publish-contracts', 'pb:provider-pacts-for-verification', 'pb:latest-version', 'pb:pacticipant-version', 'pb:environments', 'pb:webhooks']) {
      expect(hal.json._links[rel]?.href, `the index links ${rel} with an absolute URL`).toMatch(/^http:\/\/localhost\//);
    }
    const confluent = await registry.call('GET', '/');
    expect(confluent.json, "Confluent clients probing / still get Confluent's empty object").toEqual({});
  });
});

describe('roles', () => {
  it.each([
    { method: 'POST', url: '/contracts/publish', body: publishBody(), token: 'read', status: 403, why: 'publishing needs publish' },
    { method: 'POST', url: '/environments', body: { name: 'prod', production: true }, token: 'publish', status: 403, why: 'environments need admin' },
    { method: 'GET', url: '/webhooks', token: 'publish', status: 403, why: 'webhooks need admin, even to read' },
    { method: 'POST', url: '/contracts/publish', body: publishBody(), token: null, status: 401, why: 'no token, no write' },
  ] as const)('$why', async ({ method, url, body, token, status }) => {
    const res = await registry.call(method, url, { ...(body ? { body } : {}), token: token === null ? null : registry.tokens[token] });
    expect(res.status).toBe(status);
  });

  it('reads are open; publish then read back with the links the verifier follows', async () => {
    const res = await registry.call('POST', '/contracts/publish', { body: publishBody(), token: registry.tokens.publish });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.notices[0].text).toMatch(/Pact successfully published for c1 version 1 and branch main and provider p1/);
    const got = await registry.call('GET', '/pacts/provider/p1/consumer/c1/version/1', { token: null });
    expect(got.status).toBe(200);
    expect(got.json._links['pb:publish-verification-results'].href, 'results are posted against the content').toMatch(/\/pact-version\/[0-9a-f]{64}\/verification-results$/);
    const pacticipant = await registry.call('GET', '/pacticipants/c1', { token: null });
    expect(pacticipant.json.mainBranch, 'publishing on main makes it the main branch').toBe('main');
  });
});

describe('bad input', () => {
  it.each([
    { body: publishBody({ contracts: [{ consumerName: 'c1', providerName: 'p1', specification: 'pact', content: '%%%' }] }), text: /contracts\/0\/content is not base64-encoded pact JSON/, why: 'content that is not base64 JSON' },
    { body: publishBody({ contracts: [{ consumerName: 'c1', providerName: 'other', specification: 'pact', content: b64(pact) }] }), text: /between c1 and p1, not c1 and other/, why: 'content for another pair' },
    { body: publishBody({ pacticipantName: 'x' }), text: /consumer 'c1' but pacticipantName is 'x'/, why: 'a contract of another consumer' },
    { body: { pacticipantName: 'c1' }, text: /pacticipantVersionNumber/, why: 'missing fields, named by pointer' },
  ])('publish: $why → 422', async ({ body, text }) => {
    const res = await registry.call('POST', '/contracts/publish', { body, token: registry.tokens.publish });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.json)).toMatch(text);
  });

  it.each([
    { method: 'POST', url: '/pacts/provider/p1/for-verification', body: { includeWipPactsSince: 'yesterday' }, status: 422, why: 'a WIP date that is not a date' },
    { method: 'GET', url: '/matrix', status: 422, why: 'a matrix without selectors' },
    { method: 'GET', url: '/pacticipants/nobody', status: 404, why: 'an unknown pacticipant' },
    { method: 'POST', url: '/pacticipants/c1/versions/1/deployed-versions/environment/nowhere', body: {}, status: 404, why: 'an unknown environment' },
    { method: 'PUT', url: '/pacticipants/c1/versions/9', raw: '{oops', status: 422, why: 'a body that is not JSON' },
  ] as const)('$why → $status', async ({ method, url, status, ...rest }) => {
    const res = await registry.call(method, url, { ...('body' in rest ? { body: rest.body } : {}), ...('raw' in rest ? { raw: rest.raw, headers: { 'content-type': 'application/json' } } : {}), token: registry.tokens.admin });
    expect(res.status, JSON.stringify(res.json)).toBe(status);
  });
});
