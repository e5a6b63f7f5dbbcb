/**
 * Broker webhooks (admin; docs.pact.io/pact_broker/webhooks): create, list, replace,
 * delete, and the delivery log of each. A webhook whose URL host is not on the
 * allow-list (`EVC_WEBHOOK_HOSTS`) is refused when saved.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { baseOf, brokerError, hal, paths } from '#registry/broker/hal.ts';
import { refuseUrl, WEBHOOK_EVENTS } from '#registry/broker/webhooks.ts';
import { deleteWebhook, deliveriesOf, findWebhook, listWebhooks, saveWebhook, type BrokerWebhookRow } from '#registry/store/webhooks.ts';
import { authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { readJsonBody, validate } from '../http.ts';
import { op, pathParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const webhookBody = z.object({
  description: z.string().nullish(),
  consumer: z.object({ name: z.string() }).nullish(),
  provider: z.object({ name: z.string() }).nullish(),
  events: z.array(z.object({ name: z.enum(WEBHOOK_EVENTS) })).min(1),
  request: z.object({ method: z.enum(['POST', 'PUT', 'GET']).default('POST'), url: z.string().min(1), headers: z.record(z.string(), z.string()).optional(), body: z.unknown().optional() }),
  enabled: z.boolean().default(true),
});

const webhookJson = (base: string, h: BrokerWebhookRow) => ({
  uuid: h.uuid,
  description: h.description,
  ...(h.consumer ? { consumer: { name: h.consumer } } : {}),
  ...(h.provider ? { provider: { name: h.provider } } : {}),
  events: h.events.map((name) => ({ name })),
  request: h.request,
  enabled: h.enabled,
  createdAt: h.createdAt,
  _links: { self: { href: `${base}${paths.webhook(h.uuid)}`, title: h.description ?? 'Webhook' }, 'pb:deliveries': { href: `${base}${paths.webhook(h.uuid)}/deliveries`, title: 'Delivery log' }, 'pb:webhooks': { href: `${base}/webhooks` } },
});

async function save(c: Context<AppEnv>, services: Services, uuid?: string) {
  await authorizeWrite(c, services, 'admin');
  const body = validate(webhookBody, await readJsonBody(c, 'webhook'), 'webhook');
  const refused = refuseUrl(body.request.url.replace(/\$\{pactbroker\.\w+\}/g, 'x'), services.webhooks.policy.allowedHosts);
  if (refused) throw brokerError(400, 'request.url', `Webhook URL refused: ${refused}.`);
  const { row, created } = await saveWebhook(
    services.db,
    { description: body.description ?? null, consumer: body.consumer?.name ?? null, provider: body.provider?.name ?? null, events: body.events.map((e) => e.name), request: { method: body.request.method, url: body.request.url, ...(body.request.headers ? { headers: body.request.headers } : {}), ...(body.request.body !== undefined ? { body: body.request.body } : {}) }, enabled: body.enabled },
    ...(uuid ? [uuid] : []),
  );
  return hal(c, webhookJson(baseOf(c), row), created ? 201 : 200);
}

const hookOr404 = async (services: Services, uuid: string) => {
  const h = await findWebhook(services.db, uuid);
  if (!h) throw brokerError(404, 'uuid', `No webhook ${uuid}. List them with GET /webhooks.`);
  return h;
};

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/webhooks', async (c) => {
      await authorizeWrite(c, services, 'admin');
      const base = baseOf(c);
      const hooks = (await listWebhooks(services.db)).map((h) => webhookJson(base, h));
      return hal(c, { _embedded: { webhooks: hooks }, _links: { self: { href: `${base}/webhooks` }, 'pb:webhooks': hooks.map((h) => h._links.self) } });
    })
    .post('/webhooks', (c) => save(c, services))
    .put('/webhooks/:uuid', async (c) => {
      // Who may ask comes before what is asked: an anonymous caller learns nothing about the input.
      await authorizeWrite(c, services, 'admin');
      return save(c, services, validate(z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/), c.req.param('uuid'), 'uuid'));
    })
    .get('/webhooks/:uuid', async (c) => {
      await authorizeWrite(c, services, 'admin');
      return hal(c, webhookJson(baseOf(c), await hookOr404(services, c.req.param('uuid'))));
    })
    .delete('/webhooks/:uuid', async (c) => {
      await authorizeWrite(c, services, 'admin');
      await hookOr404(services, c.req.param('uuid'));
      await deleteWebhook(services.db, c.req.param('uuid'));
      return c.body(null, 204);
    })
    .get('/webhooks/:uuid/deliveries', async (c) => {
      await authorizeWrite(c, services, 'admin');
      const h = await hookOr404(services, c.req.param('uuid'));
      return hal(c, { deliveries: await deliveriesOf(services.db, h.uuid), _links: { self: { href: c.req.url } } });
    });

const tags = ['broker'];
const uuid = pathParam('uuid', 'webhook uuid');
export const brokerWebhooksRoutes: RouteModule = {
  name: 'broker-webhooks',
  create,
  openapi: {
    '/webhooks': { get: op('Webhooks', { tags, auth: 'admin' }), post: op('Create a webhook (URL host must be on EVC_WEBHOOK_HOSTS)', { tags, auth: 'admin', body: { type: 'object' }, responses: { '201': 'Created', '422': 'Invalid or host not allowed' } }) },
    '/webhooks/{uuid}': { get: op('A webhook', { tags, auth: 'admin', parameters: [uuid] }), put: op('Create or replace a webhook', { tags, auth: 'admin', parameters: [uuid], body: { type: 'object' } }), delete: op('Delete a webhook', { tags, auth: 'admin', parameters: [uuid] }) },
    '/webhooks/{uuid}/deliveries': { get: op('Delivery log of a webhook, newest first', { tags, auth: 'admin', parameters: [uuid] }) },
  },
};
