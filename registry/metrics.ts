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

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = labels({ method, route, status: String(status) });
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = labels({ method, route });
    const h = this.latency.get(hKey) ?? { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.counts[i] = (h.counts[i] ?? 0) + 1;
    });
    h.sum += seconds;
    h.count += 1;
    this.latency.set(hKey, h);
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
