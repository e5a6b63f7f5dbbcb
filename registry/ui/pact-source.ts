/**
 * The one place the UI reads pact data: the matrix and can-i-deploy answers of the pacts
 * API (`/v1/matrix`, `/v1/can-i-deploy`, `/v1/clients/{agent}.tgz` for bundles), called
 * in-process through those route modules with the caller's token, so the same
 * authorisation and the same decisions apply. To show the Pact Broker's matrix instead,
 * point `PACT_PATHS` (and the module) at the broker's resources.
 */
import type { CanIDeployAnswer } from '#contracts/can-i-deploy.ts';
import type { Services } from '../context.ts';
import { RegistryError } from '../errors.ts';
import { clientsRoutes } from '../routes/clients.ts';
import { pactsRoutes } from '../routes/pacts.ts';

export interface MatrixRow {
  consumer: string;
  consumerVersion: string;
  provider: string;
  providerVersion: string | null;
  success: boolean | null;
  verifiedAt: string | null;
  pactPublishedAt: string;
  failedInteractions?: string[];
}

const PACT_PATHS = {
  matrix: (pacticipant: string) => `/v1/matrix?pacticipant=${encodeURIComponent(pacticipant)}`,
  canIDeploy: (pacticipant: string, version: string) => `/v1/can-i-deploy?pacticipant=${encodeURIComponent(pacticipant)}&version=${encodeURIComponent(version)}`,
  clientBundle: (agent: string) => `/v1/clients/${encodeURIComponent(agent)}.tgz`,
};

export interface PactSource {
  /** Every pact row an agent takes part in (as consumer or provider), newest first. */
  matrixOf(pacticipant: string): Promise<MatrixRow[]>;
  canIDeploy(pacticipant: string, version: string): Promise<CanIDeployAnswer>;
  /** The agent's client bundle response (a .tgz), passed through as is. */
  clientBundle(agent: string): Promise<Response>;
}

/** Reads through the route modules; each request passes `authorization` (the UI session's token) when reads need one. */
export function pactSource(services: Services): (authorization: string | undefined) => PactSource {
  // Typed errors (401, 404, 422) propagate to the UI's own error page.
  const pacts = pactsRoutes.create(services).onError((error) => {
    throw error;
  });
  const clients = clientsRoutes.create(services).onError((error) => {
    throw error;
  });
  return (authorization) => {
    const init = authorization ? { headers: { authorization } } : {};
    const get = async <T,>(path: string): Promise<T> => {
      const res = await pacts.request(path, init);
      if (!res.ok) throw new RegistryError(res.status as RegistryError['status'], res.status * 100, `${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      return (await res.json()) as T;
    };
    return {
      matrixOf: async (pacticipant) => (await get<{ matrix: MatrixRow[] }>(PACT_PATHS.matrix(pacticipant))).matrix,
      canIDeploy: (pacticipant, version) => get<CanIDeployAnswer>(PACT_PATHS.canIDeploy(pacticipant, version)),
      clientBundle: async (agent) => clients.request(PACT_PATHS.clientBundle(agent), init),
    };
  };
}
