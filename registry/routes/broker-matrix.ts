/**
 * The matrix and can-i-deploy (docs.pact.io/pact_broker/can_i_deploy): `GET /matrix` with
 * the `q[][pacticipant]=…&q[][version]=…&latestby=cvp&environment=…` form the pact-broker
 * CLI sends, and `GET /can-i-deploy?pacticipant=&version=&environment=`. Answers like the
 * broker (`summary.deployable/reason`, `notices`, `matrix`), plus evc's schema half: is
 * the provider's registered document compatible with every reader's pact (`schema=false`
 * leaves it out).
 */
import { Hono, type Context } from 'hono';
import { canIDeploy, matrixBetween, type MatrixAnswer, type MatrixRow, type MatrixSelector, type MatrixTarget } from '#registry/broker/matrix.ts';
import { baseOf, brokerError, hal, paths } from '#registry/broker/hal.ts';
import { schemaHalf } from '#registry/broker/schema-half.ts';
import { authorize } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { op, queryParam } from './openapi-helpers.ts';
import type { RouteModule } from './types.ts';

/** `q[][pacticipant]=A&q[][version]=1&q[][pacticipant]=B…`: each pacticipant starts a selector. */
export function parseMatrixQuery(url: string): { selectors: MatrixSelector[]; params: URLSearchParams } {
  const params = new URL(url).searchParams;
  const selectors: MatrixSelector[] = [];
  for (const [key, value] of params) {
    const m = /^q\[\d*\]\[(\w+)\]$/.exec(key);
    if (!m) continue;
    const field = m[1]!;
    if (field === 'pacticipant') selectors.push({ pacticipant: value });
    const current = selectors.at(-1);
    if (!current) continue;
    if (field === 'version') current.version = value;
    else if (field === 'latest') current.latest = value === 'true';
    else if (field === 'tag') current.tag = value;
    else if (field === 'branch') current.branch = value;
    else if (field === 'mainBranch') current.mainBranch = value === 'true';
  }
  return { selectors, params };
}

function rowJson(base: string, r: MatrixRow) {
  return {
    consumer: { name: r.consumer, version: { number: r.consumerVersion, _links: { self: { href: `${base}${paths.version(r.consumer, r.consumerVersion)}` } } }, _links: { self: { href: `${base}${paths.pacticipant(r.consumer)}` } } },
    provider: { name: r.provider, version: r.providerVersion ? { number: r.providerVersion, _links: { self: { href: `${base}${paths.version(r.provider, r.providerVersion)}` } } } : null, _links: { self: { href: `${base}${paths.pacticipant(r.provider)}` } } },
    pact: { createdAt: r.pact.createdAt, _links: { self: { href: `${base}${paths.pactVersion(r.provider, r.consumer, r.pact.sha)}` } } },
    verificationResult: r.verification
      ? { success: r.verification.success, verifiedAt: r.verification.createdAt, _links: { self: { href: `${base}${paths.verificationResult(r.provider, r.consumer, r.pact.sha, r.verification.id)}` } } }
      : null,
  };
}

async function answer(c: Context<AppEnv>, services: Services, selector: MatrixSelector, target: MatrixTarget, withSchema: boolean) {
  const view = await services.brokerViews.get(services.db, selector.pacticipant, { allVersionsOfOthers: false });
  const result: MatrixAnswer = canIDeploy(view, selector, target, view.integrated);
  const base = baseOf(c);
  let deployable = result.deployable;
  const reasons = [result.reason];
  const notices = [...result.notices];
  let schema: Awaited<ReturnType<typeof schemaHalf>> | undefined;
  if (withSchema) {
    // Cached only when the document is registered: documents are immutable, pacts are in the stamp.
    const key = `${selector.pacticipant}\u0000${JSON.stringify(selector)}\u0000${result.rows.map((r) => `${r.consumer}@${r.consumerVersion}>${r.provider}`).join(',')}`;
    schema = await services.brokerViews.memo(view.stamp, key, () => schemaHalf(services, view, selector, result.rows), (s) => s?.registered === true);
    if (schema) {
      reasons.push(schema.reason);
      notices.push({ type: schema.ok ? 'success' : 'error', text: schema.reason });
      if (!schema.ok) deployable = false;
    }
  }
  return hal(c, {
    summary: { deployable, reason: reasons.join('\n'), success: result.counts.success, failed: result.counts.failed, unknown: result.counts.unknown, ...(schema ? { schema } : {}) },
    notices,
    matrix: result.rows.map((r) => rowJson(base, r)),
    _links: { self: { href: c.req.url } },
  });
}

const create = (services: Services) =>
  new Hono<AppEnv>()
    .get('/matrix', async (c) => {
      await authorize(c, services, 'read');
      const { selectors, params } = parseMatrixQuery(c.req.url);
      if (selectors.length === 0) throw brokerError(400, 'q', 'Give at least one selector: q[][pacticipant]=NAME&q[][version]=VERSION (see docs.pact.io/pact_broker/matrix).');
      const environment = params.get('environment') ?? undefined;
      const tag = params.get('tag') ?? undefined;
      const withSchema = params.get('schema') !== 'false';
      if (selectors.length === 1 || environment || tag) {
        return answer(c, services, selectors[0]!, { ...(environment ? { environment } : {}), ...(tag ? { tag } : {}), latest: params.get('latest') === 'true' }, withSchema);
      }
      const view = await services.brokerViews.get(services.db, selectors[0]!.pacticipant, { allVersionsOfOthers: true });
      const rows = matrixBetween(view, selectors);
      const failed = rows.filter((r) => r.verification && !r.verification.success).length;
      const unknown = rows.filter((r) => !r.verification).length;
      const deployable = failed ? false : unknown ? null : true;
      return hal(c, { summary: { deployable, reason: deployable ? 'All required verification results are published and successful' : failed ? 'One or more of the verification results failed' : 'There are missing verification results', success: rows.length - failed - unknown, failed, unknown }, notices: [], matrix: rows.map((r) => rowJson(baseOf(c), r)) });
    })
    .get('/can-i-deploy', async (c) => {
      await authorize(c, services, 'read');
      const pacticipant = c.req.query('pacticipant');
      const version = c.req.query('version');
      if (!pacticipant) throw brokerError(400, 'pacticipant', 'Give ?pacticipant=NAME&version=VERSION&environment=ENV (or &tag=TAG).');
      const environment = c.req.query('environment');
      const tag = c.req.query('tag');
      return answer(c, services, { pacticipant, ...(version ? { version } : { latest: true }) }, { ...(environment ? { environment } : {}), ...(tag ? { tag } : {}), latest: !environment && !tag }, c.req.query('schema') !== 'false');
    });

const tags = ['broker'];
export const brokerMatrixRoutes: RouteModule = {
  name: 'broker-matrix',
  create,
  openapi: {
    '/matrix': { get: op('The matrix / can-i-deploy with q[][pacticipant], q[][version], latestby, environment, tag (Pact Broker API); schema=false leaves out the schema check', { tags, parameters: [queryParam('q[][pacticipant]', 'selector pacticipant'), queryParam('q[][version]', 'selector version'), queryParam('latestby', 'cvp or cvpv'), queryParam('environment', 'target environment'), queryParam('tag', 'target tag'), queryParam('schema', 'false: leave out the schema half', 'boolean')] }) },
    '/can-i-deploy': { get: op('Can a pacticipant version be deployed to an environment?', { tags, parameters: [queryParam('pacticipant', 'name'), queryParam('version', 'version (default latest)'), queryParam('environment', 'target environment'), queryParam('tag', 'target tag'), queryParam('schema', 'false: leave out the schema half', 'boolean')] }) },
  },
};
