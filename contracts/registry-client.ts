/**
 * The few registry calls the pact commands make (publish pacts, fetch a provider's
 * pacts, record verification results, can-i-deploy), with errors that say what failed
 * and what to do. Thin IO edge; no logic.
 */
export class RegistryCallError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'RegistryCallError';
  }
}

export interface RegistryClient {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export function registryClient(baseUrl: string, token?: string): RegistryClient {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const url = `${base}${path}`;
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        throw new RegistryCallError(`cannot reach the registry at ${base}: ${(error as Error).message}`, undefined, 'Check the URL and that `evc serve` is running.');
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (!res.ok) {
        const message = (json as { message?: string } | undefined)?.message ?? text;
        const hint = res.status === 401 || res.status === 403 ? 'Pass a publish token with --token or EVC_TOKEN.' : undefined;
        throw new RegistryCallError(`${method} ${url} failed with ${res.status}: ${message}`, res.status, hint);
      }
      return json as T;
    },
  };
}
