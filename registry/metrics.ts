/**
 * Prometheus metrics in the text exposition format (prometheus.io/docs/instrumenting/
 * exposition_formats): request counts and latency histograms per route, and counters
 * for registrations and rejections.
 */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const labels = (pairs: Record<string, string>): string =>
  Object.entries(pairs)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly outcomes = new Map<string, number>();

  /** Rendered label strings by method, route and status: escaping once, not per request. */
  private readonly labelCache = new Map<string, { request: string; latency: string }>();

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const cacheKey = `${method} ${status} ${route}`;
    let keys = this.labelCache.get(cacheKey);
    if (!keys) {
      keys = { request: labels({ method, route, status: String(status) }), latency: labels({ method, route }) };
      this.labelCache.set(cacheKey, keys);
    }
    this.requests.set(keys.request, (this.requests.get(keys.request) ?? 0) + 1);
    let h = this.latency.get(keys.latency);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(keys.latency, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.counts[i]!++;
    h.sum += seconds;
    h.count += 1;
  }

  /** One event registration outcome: `registered`, `rejected` or `unchanged`, real or dry run. */
  observeOutcome(outcome: 'registered' | 'rejected' | 'unchanged', via: 'document' | 'confluent', dryRun: boolean): void {
    const key = labels({ outcome, via, dry_run: String(dryRun) });
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
  }

  render(): string {
    const lines = [
      '# HELP evc_http_requests_total HTTP requests by method, route and status.',
      '# TYPE evc_http_requests_total counter',
      ...[...this.requests].map(([k, v]) => `evc_http_requests_total{${k}} ${v}`),
      '# HELP evc_http_request_duration_seconds HTTP request latency by method and route.',
      '# TYPE evc_http_request_duration_seconds histogram',
    ];
    for (const [k, h] of this.latency) {
      BUCKETS.forEach((b, i) => lines.push(`evc_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.counts[i]}`));
      lines.push(`evc_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      lines.push(`evc_http_request_duration_seconds_sum{${k}} ${h.sum}`);
      lines.push(`evc_http_request_duration_seconds_count{${k}} ${h.count}`);
    }
    const sum = (outcome: string) =>
      [...this.outcomes].filter(([k]) => k.includes(`outcome="${outcome}"`) && k.includes('dry_run="false"')).reduce((a, [, v]) => a + v, 0);
    lines.push(
      '# HELP evc_schema_registrations_total Event versions registered (not dry runs).',
      '# TYPE evc_schema_registrations_total counter',
      `evc_schema_registrations_total ${sum('registered')}`,
      '# HELP evc_schema_rejections_total Event versions rejected (not dry runs).',
      '# TYPE evc_schema_rejections_total counter',
      `evc_schema_rejections_total ${sum('rejected')}`,
      '# HELP evc_registration_outcomes_total Registration outcomes by outcome, API and dry run.',
      '# TYPE evc_registration_outcomes_total counter',
      ...[...this.outcomes].map(([k, v]) => `evc_registration_outcomes_total{${k}} ${v}`),
    );
    return `${lines.join('\n')}\n`;
  }
}
