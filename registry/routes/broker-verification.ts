/**
 * Pacts for verification (`pb:provider-pacts-for-verification`): the verifier GETs the
 * resource, then POSTs its consumer version selectors, provider branch, pending and WIP
 * options to its `self` link, and verifies each returned pact, printing the notices.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { baseOf, hal, paths } from '#registry/broker/hal.ts';
import { selectPactsForVerification } from '#registry/broker/selection.ts';
import { authorize } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { readJsonBody, validate } from '../http.ts';
import { op, pathParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

const selector = z.object({
  consumer: z.string().optional(),
  mainBranch: z.boolean().optional(),
  branch: z.string().optional(),
  matchingBranch: z.boolean().optional(),
  fallbackBranch: z.string().optional(),
  deployedOrReleased: z.boolean().optional(),
  deployed: z.boolean().optional(),
  released: z.boolean().optional(),
  environment: z.string().optional(),
  latest: z.boolean().optional(),
  tag: z.string().optional(),
  fallbackTag: z.string().optional(),
});
const request = z.object({
  consumerVersionSelectors: z.array(selector).default([]),
  providerVersionBranch: z.string().nullish(),
  providerVersionTags: z.array(z.string()).nullish(),
  includePendingStatus: z.boolean().default(false),
  includeWipPactsSince: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date such as 2024-01-01').nullish(),
});

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/pacts/provider/:provider/for-verification', async (c) => {
      await authorize(c, services, 'read');
      const provider = c.req.param('provider');
      return hal(c, { _links: { self: { href: `${baseOf(c)}/pacts/provider/${encodeURIComponent(provider)}/for-verification`, title: 'Pacts to be verified' } } });
    })
    .post('/pacts/provider/:provider/for-verification', async (c) => {
      await authorize(c, services, 'read');
      const provider = c.req.param('provider');
      const body = validate(request, await readJsonBody(c, 'pacts for verification request'), 'pacts for verification request');
      const view = await services.brokerViews.get(services.db, provider, { allVersionsOfOthers: true });
      const selected = selectPactsForVerification(view, {
        provider,
        consumerVersionSelectors: body.consumerVersionSelectors as never,
        includePendingStatus: body.includePendingStatus,
        ...(body.providerVersionBranch ? { providerVersionBranch: body.providerVersionBranch } : {}),
        ...(body.providerVersionTags ? { providerVersionTags: body.providerVersionTags } : {}),
        ...(body.includeWipPactsSince ? { includeWipPactsSince: body.includeWipPactsSince } : {}),
      });
      const base = baseOf(c);
      return hal(c, {
        _embedded: {
          pacts: selected.map((s) => ({
            shortDescription: s.reasons.join(', '),
            verificationProperties: { ...(body.includePendingStatus ? { pending: s.pending } : {}), ...(s.wip ? { wip: true } : {}), notices: s.notices },
            _links: { self: { href: `${base}${paths.pactVersion(provider, s.pact.consumer, s.pact.sha)}`, name: `Pact between ${s.pact.consumer} (${s.pact.consumerVersion}) and ${provider}` } },
          })),
        },
        _links: { self: { href: `${base}/pacts/provider/${encodeURIComponent(provider)}/for-verification`, title: 'Pacts to be verified' } },
      });
    });

export const brokerVerificationRoutes: RouteModule = {
  name: 'broker-verification',
  create,
  openapi: {
    '/pacts/provider/{provider}/for-verification': {
      get: op('The pacts-for-verification resource (its self link takes the POST)', { tags: ['broker'], parameters: [pathParam('provider', 'provider')] }),
      post: op('Pacts a provider build verifies: consumer version selectors, pending status, WIP pacts, with notices', { tags: ['broker'], parameters: [pathParam('provider', 'provider')], body: { type: 'object' } }),
    },
  },
};
