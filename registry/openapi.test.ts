import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRegistry, type TestRegistry } from './testing/harness.ts';

describe('/openapi.json and /metrics', () => {
  let r: TestRegistry;
  beforeAll(async () => {
    r = await openTestRegistry();
  }, 180_000);
  afterAll(async () => r.close());

  it('describes every mounted route', async () => {
    const spec = (await r.call('GET', '/openapi.json')).json;
    expect(spec.openapi).toMatch(/^3\./);
    // A Hono pattern (`:id`, `:file{.+\\.tgz}`) as a regex; an OpenAPI path with sample values.
    const patternOf = (path: string) =>
      new RegExp(`^${path.replace(/:\w+(\{([^}]*)\})?/g, (_m, _b, re?: string) => `(${re ?? '[^/]+'})`)}$`);
    const samples = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({ method, sample: path.replace(/\{\w+\}/g, 'x1') })),
    );
    const missing = r.app.routes
      .filter((x) => x.method !== 'ALL')
      .filter((x) => !samples.some((s) => s.method === x.method.toLowerCase() && patternOf(x.path).test(s.sample)))
      .map((x) => `${x.method} ${x.path}`);
    expect(missing, 'routes without an OpenAPI description').toEqual([]);
  });

  it('exports request counts, latencies and registration counters in Prometheus text', async () => {
    await r.call('POST', '/subjects/Metrics.Were.Counted/versions', { body: { schemaType: 'JSON', schema: '{"type":"object"}' } });
    await r.call('GET', '/subjects/Metrics.Were.Counted/versions');
    const res = await r.request('GET', '/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text, 'requests are labelled with the route pattern, not the raw path').toContain('evc_http_requests_total{method="GET",route="/subjects/:subject/versions",status="200"} 1');
    expect(text).toMatch(/evc_http_request_duration_seconds_bucket\{method="GET",route="\/subjects\/:subject\/versions",le="\+Inf"\} 1/);
    expect(text).toContain('evc_schema_registrations_total 1');
    expect(text).toContain('evc_schema_rejections_total 0');
  });

  it('reports the database in /health', async () => {
    const res = await r.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('ok');
  });
});
