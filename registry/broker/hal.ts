/**
 * HAL+JSON for the broker resources (docs.pact.io/pact_broker/api): absolute links built
 * from the request's origin, the relation names Pact's clients follow, and the error body
 * shape they parse (`{ errors: { field: [message] } }`).
 */
import type { Context } from 'hono';
import { RegistryError } from '#registry/errors.ts';

export const HAL_JSON = 'application/hal+json; charset=utf-8';

export interface Link {
  href: string;
  name?: string;
  title?: string;
  templated?: boolean;
}

const enc = encodeURIComponent;

/** The broker's base URL for links: the origin the client used. */
export const baseOf = (c: Context): string => new URL(c.req.url).origin;

export const hal = (c: Context, body: unknown, status: 200 | 201 = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': HAL_JSON } });

/** A broker validation error: status 400/404/409 with Pact's `errors` map, which the Rust clients print. */
export const brokerError = (status: 400 | 404 | 409 | 422, field: string, message: string) =>
  new RegistryError(status === 400 ? 422 : status, status === 404 ? 40400 : status === 409 ? 40900 : 42200, message, { errors: { [field]: [message] } });

export const paths = {
  pacticipant: (p: string) => `/pacticipants/${enc(p)}`,
  version: (p: string, v: string) => `/pacticipants/${enc(p)}/versions/${enc(v)}`,
  tag: (p: string, v: string, t: string) => `/pacticipants/${enc(p)}/versions/${enc(v)}/tags/${enc(t)}`,
  branchVersion: (p: string, b: string, v: string) => `/pacticipants/${enc(p)}/branches/${enc(b)}/versions/${enc(v)}`,
  environment: (uuid: string) => `/environments/${enc(uuid)}`,
  pact: (provider: string, consumer: string, version: string) => `/pacts/provider/${enc(provider)}/consumer/${enc(consumer)}/version/${enc(version)}`,
  pactVersion: (provider: string, consumer: string, sha: string) => `/pacts/provider/${enc(provider)}/consumer/${enc(consumer)}/pact-version/${sha}`,
  verificationResults: (provider: string, consumer: string, sha: string) => `/pacts/provider/${enc(provider)}/consumer/${enc(consumer)}/pact-version/${sha}/verification-results`,
  verificationResult: (provider: string, consumer: string, sha: string, id: number) => `/pacts/provider/${enc(provider)}/consumer/${enc(consumer)}/pact-version/${sha}/verification-results/${id}`,
  deployedVersion: (uuid: string) => `/deployed-versions/${enc(uuid)}`,
  releasedVersion: (uuid: string) => `/released-versions/${enc(uuid)}`,
  webhook: (uuid: string) => `/webhooks/${enc(uuid)}`,
};

/** The index resource's relations (GET / with Accept: application/hal+json). */
export function indexLinks(base: string): Record<string, Link> {
  const l = (href: string, title: string, templated = false): Link => ({ href: `${base}${href}`, title, ...(templated ? { templated: true } : {}) });
  return {
    self: l('/', 'Index'),
    'pb:publish-contracts': l('/contracts/publish', 'Publish contracts'),
    'pb:publish-pact': l('/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}', 'Publish a pact', true),
    'pb:latest-pact-versions': l('/pacts/latest', 'Latest pact versions'),
    'pb:pacticipants': l('/pacticipants', 'Pacticipants'),
    'pb:pacticipant': l('/pacticipants/{pacticipant}', 'Fetch pacticipant by name', true),
    'pb:pacticipant-version': l('/pacticipants/{pacticipant}/versions/{version}', 'Get, create or delete a pacticipant version', true),
    'pb:pacticipant-version-tag': l('/pacticipants/{pacticipant}/versions/{version}/tags/{tag}', 'Get, create or delete a tag for a pacticipant version', true),
    'pb:pacticipant-branch-version': l('/pacticipants/{pacticipant}/branches/{branch}/versions/{version}', 'Get or add/create a pacticipant version for a branch', true),
    'pb:pacticipant-branch': l('/pacticipants/{pacticipant}/branches/{branch}', 'Get or delete a pacticipant branch', true),
    'pb:latest-version': l('/pacticipants/{pacticipant}/latest-version', 'Latest pacticipant version', true),
    'pb:latest-tagged-version': l('/pacticipants/{pacticipant}/latest-version/{tag}', 'Latest pacticipant version with the specified tag', true),
    'pb:latest-provider-pacts': l('/pacts/provider/{provider}/latest', 'Latest pacts by provider', true),
    'pb:provider-pacts-for-verification': l('/pacts/provider/{provider}/for-verification', 'Pact versions to be verified for the specified provider', true),
    'pb:environments': l('/environments', 'Environments'),
    'pb:environment': l('/environments/{uuid}', 'Environment', true),
    'pb:matrix': l('/matrix', 'The matrix of verification results'),
    'pb:can-i-deploy-pacticipant-version-to-environment': l('/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}', 'Can I deploy a pacticipant version to an environment?', true),
    'pb:webhooks': l('/webhooks', 'Webhooks'),
    'pb:webhook': l('/webhooks/{uuid}', 'Webhook', true),
    curies: [{ name: 'pb', href: `${base}/doc/{rel}?context=index`, templated: true }] as unknown as Link,
  };
}
