/**
 * `evc pull AGENT --registry URL --out DIR [--document VERSION]`: downloads an agent's
 * client bundle (`GET /v1/clients/{agent}.tgz`) and saves it, ready for `npm install`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand, EXIT_OK, UserError } from '../command.ts';

/** The file name the registry suggests (Content-Disposition), else `<agent>-<version>.tgz`. */
export function bundleFileName(disposition: string | null, agent: string, version: string): string {
  const m = disposition ? /filename="?([^";]+)"?/.exec(disposition) : null;
  const name = m?.[1] ? path.basename(m[1]) : `evc-clients-${agent}-${version}.tgz`;
  return name.endsWith('.tgz') ? name : `${name}.tgz`;
}

export default defineCommand({
  name: 'pull',
  summary: 'Download an agent client bundle from a registry',
  usage: 'evc pull AGENT --registry URL [--out DIR] [--document VERSION|latest] [--token TOKEN]',
  options: {
    registry: { type: 'string', description: 'Registry base URL (or EVC_REGISTRY_URL)' },
    out: { type: 'string', description: 'Folder to save the .tgz in', default: '.' },
    document: { type: 'string', description: 'Document version the client is generated from', default: 'latest' },
    token: { type: 'string', description: 'API token when the registry requires one for reads (or EVC_TOKEN)' },
  },
  async run(args, io) {
    const [agent, ...rest] = args.positionals;
    if (!agent || rest.length > 0) throw new UserError('evc pull: expected exactly one AGENT', 'Example: evc pull evaluation-engine --registry http://localhost:8080 --out vendor');
    const registry = (typeof args.values.registry === 'string' ? args.values.registry : io.env.EVC_REGISTRY_URL)?.replace(/\/+$/, '');
    if (!registry) throw new UserError('evc pull: no registry given', 'Pass --registry URL or set EVC_REGISTRY_URL.');
    const token = typeof args.values.token === 'string' ? args.values.token : io.env.EVC_TOKEN;
    const document = String(args.values.document);
    const url = `${registry}/v1/clients/${encodeURIComponent(agent)}.tgz?document=${encodeURIComponent(document)}`;
    let res: Response;
    try {
      res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    } catch (error) {
      throw new UserError(`evc pull: cannot reach the registry at ${registry}: ${(error as Error).message}`, 'Check the URL and that `evc serve` is running.');
    }
    if (!res.ok) {
      const text = await res.text();
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new UserError(`evc pull: GET ${url} failed with ${res.status}: ${message}`, res.status === 401 || res.status === 403 ? 'Pass a read token with --token or EVC_TOKEN.' : undefined);
    }
    const tarball = Buffer.from(await res.arrayBuffer());
    const version = res.headers.get('x-evc-document-version') ?? document;
    const outDir = path.resolve(io.cwd, String(args.values.out));
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, bundleFileName(res.headers.get('content-disposition'), agent, version));
    await writeFile(file, tarball);
    const shown = path.relative(io.cwd, file) || file;
    io.out(`Saved the ${agent} client (document ${version}, ${tarball.length} bytes) to ${shown}.`);
    io.out(`Install it with: npm install ./${shown.split(path.sep).join('/')}`);
    return EXIT_OK;
  },
});
