/**
 * `evc serve`: the registry on PGlite in `.evc/data` by default, or on PostgreSQL with
 * `--database-url`/DATABASE_URL. First start registers the seed document and prints a
 * fresh admin token (or uses EVC_ADMIN_TOKEN).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_DOCUMENT, repoRoot } from '#catalog/bundled.ts';
import { defineCommand, UserError } from '../command.ts';


export default defineCommand({
  name: 'serve',
  summary: 'Run the registry service',
  usage: 'evc serve [--port 8080] [--host 127.0.0.1] [--data-dir .evc/data] [--database-url URL] [--seed FILE]',
  options: {
    port: { type: 'string', description: 'port to listen on (env PORT)', default: '8080' },
    host: { type: 'string', description: 'interface to bind (0.0.0.0 in containers)', default: '127.0.0.1' },
    'data-dir': { type: 'string', description: 'PGlite data directory when no database URL is set', default: '.evc/data' },
    'database-url': { type: 'string', description: 'PostgreSQL URL (env DATABASE_URL); overrides --data-dir' },
    seed: { type: 'string', description: 'document registered when the database is empty', default: BUNDLED_DOCUMENT },
  },
  async run(args, io) {
    const { startServer } = await import('#registry/server.ts');
    const portText = io.env.PORT && args.values.port === '8080' ? io.env.PORT : String(args.values.port);
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`evc serve: --port ${portText} is not a port number (0-65535).`);
    const databaseUrl = (args.values['database-url'] as string | undefined) ?? io.env.DATABASE_URL;
    const dataDir = path.resolve(io.cwd, String(args.values['data-dir']));
    const seedArg = String(args.values.seed);
    const seedFile = [path.resolve(io.cwd, seedArg), path.resolve(repoRoot, seedArg)].find((f) => existsSync(f));
    let server;
    try {
      server = await startServer({
        port,
        host: String(args.values.host),
        ...(databaseUrl ? { databaseUrl } : { dataDir }),
        ...(io.env.EVC_ADMIN_TOKEN ? { adminToken: io.env.EVC_ADMIN_TOKEN } : {}),
        ...(seedFile ? { seedFile } : {}),
        readAuth: io.env.EVC_READ_AUTH === 'true',
        log: (line) => io.err(line),
      });
    } catch (error) {
      const message = (error as Error).message;
      if (/EADDRINUSE/.test(message)) throw new UserError(`evc serve: port ${port} is already in use.`, 'Pick another with --port, or stop the other process.');
      if (/ECONNREFUSED|ENOTFOUND|password authentication|does not exist/.test(message)) {
        throw new UserError(`evc serve: cannot reach the database at ${databaseUrl ?? dataDir}: ${message}`, 'Check DATABASE_URL / --database-url, or omit it to use the embedded database.');
      }
      throw error;
    }
    const where = databaseUrl ? `PostgreSQL (${new URL(databaseUrl).host})` : `PGlite at ${path.relative(io.cwd, dataDir) || dataDir}`;
    io.out(`evc registry listening on ${server.url} (${where})`);
    io.out(`  web UI: ${server.url}/ui/`);
    io.out(`  API description: ${server.url}/openapi.json`);
    const seeded = server.bootstrap.seeded;
    if (seeded) {
      io.out(`  registered ${seedFile ? path.relative(io.cwd, seedFile) : 'seed'}: ${seeded.summary.registered} event(s), document ${seeded.document.version}${seeded.ok ? '' : ' (REJECTED: see the report)'}`);
    }
    if (server.bootstrap.generatedAdminToken) {
      io.out(`  admin token (shown once, store it now): ${server.bootstrap.generatedAdminToken}`);
    } else if (server.bootstrap.adminTokenSource === 'env') {
      io.out('  admin token: the one in EVC_ADMIN_TOKEN');
    } else {
      io.out('  admin token: created on first start (not shown again); make more with `evc token create --role admin`');
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    io.err('evc serve: shutting down');
    await server.close();
    return 0;
  },
});
