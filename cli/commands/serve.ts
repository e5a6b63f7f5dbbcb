/**
 * `evc serve`: the registry on PGlite in `.evc/data` by default, or on PostgreSQL with
 * `--database-url`/DATABASE_URL. First start registers the seed document and prints a
 * fresh admin token (or uses EVC_ADMIN_TOKEN).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_DOCUMENT, repoRoot } from '#catalog/bundled.ts';
import { parseCorsOrigins } from '#registry/cors.ts';
import { adminTokenProblem } from '#registry/domain/tokens.ts';
import { defineCommand, UserError } from '../command.ts';
import { probePort, stepReporter, type StartupStep } from '../startup-steps.ts';

export default defineCommand({
  name: 'serve',
  summary: 'Run the registry service',
  usage: 'evc serve [--port 8080] [--host 127.0.0.1] [--data-dir .evc/data] [--database-url URL] [--seed FILE] [--cors-origin https://ui.example.com …]',
  options: {
    port: { type: 'string', description: 'port to listen on (env PORT)', default: '8080' },
    host: { type: 'string', description: 'interface to bind (0.0.0.0 in containers)', default: '127.0.0.1' },
    'data-dir': { type: 'string', description: 'PGlite data directory when no database URL is set', default: '.evc/data' },
    'database-url': { type: 'string', description: 'PostgreSQL URL (env DATABASE_URL); overrides --data-dir' },
    seed: { type: 'string', description: 'document registered when the database is empty', default: BUNDLED_DOCUMENT },
    'cors-origin': { type: 'string', multiple: true, description: 'allow this browser origin (repeatable; env EVC_CORS_ORIGINS, comma-separated); CORS is off without it' },
  },
  async run(args, io) {
    const portText = io.env.PORT && args.values.port === '8080' ? io.env.PORT : String(args.values.port);
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`evc serve: --port ${portText} is not a port number (0-65535).`);
    const databaseUrl = (args.values['database-url'] as string | undefined) ?? io.env.DATABASE_URL;
    const dataDir = path.resolve(io.cwd, String(args.values['data-dir']));
    const seedArg = String(args.values.seed);
    const seedFile = [path.resolve(io.cwd, seedArg), path.resolve(repoRoot, seedArg)].find((f) => existsSync(f));
    const adminToken = io.env.EVC_ADMIN_TOKEN;
    const tokenProblem = adminToken ? adminTokenProblem(adminToken) : undefined;
    if (tokenProblem) throw new UserError(`evc serve: ${tokenProblem}`);
    let corsOrigins: string[];
    try {
      const flags = (args.values['cors-origin'] as string[] | undefined) ?? [];
      corsOrigins = parseCorsOrigins([...flags, io.env.EVC_CORS_ORIGINS ?? ''].join(','));
    } catch (error) {
      throw new UserError(`evc serve: ${(error as Error).message}.`, 'List origins as --cors-origin https://ui.example.com (repeatable) or EVC_CORS_ORIGINS=https://a.example,https://b.example.');
    }
    const host = String(args.values.host);
    const where = databaseUrl ? `PostgreSQL (${new URL(databaseUrl).host})` : `PGlite at ${String(args.values['data-dir'])}`;
    const portInUse = () => new UserError(`evc serve: port ${port} on ${host} is already in use.`, 'Pick another with --port, or stop the other process.');
    // Before anything touches the data directory: a busy port is reported at once.
    if (port !== 0) {
      try {
        await probePort(host, port);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse();
        throw new UserError(`evc serve: cannot listen on ${host}:${port}: ${(error as Error).message}`, 'Pick another --port or --host.');
      }
    }
    io.out(`evc serve: starting the registry (${where})`);
    const steps = stepReporter(io);
    const seedShown = seedFile === path.resolve(io.cwd, seedArg) ? seedArg : `${seedArg} (bundled with evc)`;
    const stepText: Record<StartupStep, (port?: number) => string> = {
      database: () => `database opened: ${where}`,
      migrations: () => 'migrations applied',
      bootstrap: () => 'tokens and seed document checked',
      listening: (bound) => `listening on ${host}:${bound ?? port}`,
    };
    const { startServer } = await import('#registry/server.ts');
    const { drainOptionsFromEnv } = await import('#registry/replicas/drain.ts');
    const { DataDirLockedError } = await import('#registry/db/data-dir-lock.ts');
    let server;
    try {
      server = await startServer({
        port,
        host,
        ...(databaseUrl ? { databaseUrl } : { dataDir }),
        ...(adminToken ? { adminToken } : {}),
        ...(corsOrigins.length ? { corsOrigins } : {}),
        ...(seedFile ? { seedFile } : {}),
        readAuth: io.env.EVC_READ_AUTH === 'true',
        drain: drainOptionsFromEnv(io.env),
        // Broker webhooks call only the hosts the admin lists (comma-separated host or host:port).
        webhookHosts: (io.env.EVC_WEBHOOK_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
        log: (line) => io.err(line),
        onStep: (step, bound) => steps.done(stepText[step](bound)),
      });
    } catch (error) {
      if (error instanceof DataDirLockedError) throw new UserError(`evc serve: ${error.message}`, error.hint);
      const message = (error as Error).message;
      if (/was revoked at .* cannot be used again/.test(message)) {
        throw new UserError(`evc serve: EVC_ADMIN_TOKEN: ${message}.`, 'Set EVC_ADMIN_TOKEN to a new value (openssl rand -base64 32), or unset it.');
      }
      if (/EADDRINUSE/.test(message)) throw portInUse();
      if (/ECONNREFUSED|ENOTFOUND|password authentication|does not exist/.test(message)) {
        throw new UserError(`evc serve: cannot reach the database at ${databaseUrl ?? dataDir}: ${message}`, 'Check DATABASE_URL / --database-url, or omit it to use the embedded database.');
      }
      throw error;
    }
    const seeded = server.bootstrap.seeded;
    if (seeded) {
      io.out(`  document registered: ${seedShown ?? 'seed'}: ${seeded.summary.registered} event(s), document ${seeded.document.version}${seeded.ok ? '' : ' (REJECTED: see the report)'}`);
    } else {
      io.out('  document: the database already holds events; nothing registered');
    }
    if (server.bootstrap.generatedAdminToken) {
      io.out(`  admin token (shown once, store it now): ${server.bootstrap.generatedAdminToken}`);
    } else if (server.bootstrap.adminTokenSource === 'env') {
      io.out('  admin token: the one in EVC_ADMIN_TOKEN');
    } else {
      io.out('  admin token: created on first start (not shown again); make more with `evc token create --role admin`');
    }
    io.out(`  CORS: ${corsOrigins.length ? `allowed for ${corsOrigins.join(', ')}` : 'off (no browser origin may read answers; --cors-origin to allow one)'}`);
    io.out(`  web UI: ${server.url}/ui/`);
    io.out(`evc registry ready at ${server.url}  (API description: ${server.url}/openapi.json)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    io.err('evc serve: draining (readiness false, finishing in-flight requests)');
    await server.close();
    // The worker pool is per process; this process is done with it.
    await (await import('#registry/offload/index.ts')).sharedOffload().close();
    return 0;
  },
});
