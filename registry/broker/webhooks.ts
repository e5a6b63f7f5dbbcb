/**
 * Webhook delivery (docs.pact.io/pact_broker/webhooks): on contract_published,
 * contract_content_changed and provider_verification_published, each enabled webhook whose
 * consumer/provider filter matches is POSTed (its method, headers, body with
 * `${pactbroker.*}` placeholders filled in), retried with backoff on an error or a non-2xx
 * answer, and every attempt is written to the delivery log. A URL whose host is not on the
 * admin's allow-list (`EVC_WEBHOOK_HOSTS`) is never contacted: refused when the webhook is
 * saved, and again before each delivery.
 */
import type { Database } from '#registry/db/connect.ts';
import { listWebhooks, logDelivery, type BrokerWebhookRow } from '#registry/store/webhooks.ts';

export const WEBHOOK_EVENTS = ['contract_published', 'contract_content_changed', 'provider_verification_published'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookContext {
  consumer: string;
  provider: string;
  consumerVersion?: string;
  providerVersion?: string;
  pactUrl?: string;
  verificationResultUrl?: string;
  success?: boolean;
  branch?: string;
}

export interface WebhookPolicy {
  /** Hosts (name or name:port) webhooks may call; empty: webhooks are refused. */
  allowedHosts: string[];
  attempts: number;
  /** Delay before retry n is `backoffMs * 2^(n-1)`. */
  backoffMs: number;
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_POLICY: WebhookPolicy = { allowedHosts: [], attempts: 4, backoffMs: 200, timeoutMs: 5000 };

/** Why `url` may not be called, or undefined when it may. */
export function refuseUrl(url: string, allowedHosts: string[]): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not an absolute URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `'${url}' uses ${parsed.protocol}; only http and https are allowed`;
  if (allowedHosts.includes(parsed.host) || allowedHosts.includes(parsed.hostname)) return undefined;
  return `host '${parsed.host}' is not on the webhook allow-list (${allowedHosts.length ? allowedHosts.join(', ') : 'empty'}); an admin adds it with EVC_WEBHOOK_HOSTS`;
}

const fill = (text: string, ctx: WebhookContext, event: WebhookEvent): string =>
  text.replace(/\$\{pactbroker\.(\w+)\}/g, (whole, key: string) => {
    const values: Record<string, string | undefined> = {
      consumerName: ctx.consumer,
      providerName: ctx.provider,
      consumerVersionNumber: ctx.consumerVersion,
      providerVersionNumber: ctx.providerVersion,
      pactUrl: ctx.pactUrl,
      verificationResultUrl: ctx.verificationResultUrl,
      githubVerificationStatus: ctx.success === undefined ? undefined : ctx.success ? 'success' : 'failure',
      consumerVersionBranch: ctx.branch,
      eventName: event,
    };
    return values[key] ?? whole;
  });

export class WebhookDispatcher {
  private readonly pending = new Set<Promise<void>>();
  constructor(
    private readonly db: Database,
    readonly policy: WebhookPolicy,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts the deliveries of one event in the background (the request does not wait). */
  trigger(event: WebhookEvent, ctx: WebhookContext): void {
    const run = this.deliverAll(event, ctx).catch((error: unknown) => this.log(`webhooks: ${event}: ${(error as Error).message}`));
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async deliverAll(event: WebhookEvent, ctx: WebhookContext): Promise<void> {
    const hooks = (await listWebhooks(this.db)).filter((h) => h.enabled && h.events.includes(event) && (!h.consumer || h.consumer === ctx.consumer) && (!h.provider || h.provider === ctx.provider));
    await Promise.all(hooks.map((h) => this.deliver(h, event, ctx)));
  }

  async deliver(hook: BrokerWebhookRow, event: WebhookEvent, ctx: WebhookContext): Promise<boolean> {
    const url = fill(hook.request.url, ctx, event);
    const refused = refuseUrl(url, this.policy.allowedHosts);
    if (refused) {
      await logDelivery(this.db, { webhookUuid: hook.uuid, event, attempt: 0, url, status: null, success: false, error: `not sent: ${refused}` });
      return false;
    }
    const body = hook.request.body === undefined ? undefined : fill(typeof hook.request.body === 'string' ? hook.request.body : JSON.stringify(hook.request.body), ctx, event);
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      let status: number | null = null;
      let error: string | null = null;
      try {
        const res = await fetch(url, {
          method: hook.request.method ?? 'POST',
          headers: { 'content-type': 'application/json', ...(hook.request.headers ?? {}) },
          ...(body === undefined ? {} : { body }),
          redirect: 'manual',
          signal: AbortSignal.timeout(this.policy.timeoutMs),
        });
        status = res.status;
        await res.arrayBuffer();
        if (res.ok) {
          await logDelivery(this.db, { webhookUuid: hook.uuid, event, attempt, url, status, success: true, error: null });
          return true;
        }
        error = `HTTP ${status}`;
      } catch (e) {
        error = (e as Error).message;
      }
      await logDelivery(this.db, { webhookUuid: hook.uuid, event, attempt, url, status, success: false, error });
      if (attempt < this.policy.attempts) await new Promise((r) => setTimeout(r, this.policy.backoffMs * 2 ** (attempt - 1)));
    }
    this.log(`webhooks: ${hook.uuid} ${event}: gave up after ${this.policy.attempts} attempts`);
    return false;
  }
}
