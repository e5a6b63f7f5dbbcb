/**
 * `evc token create --role read|publish|admin [--name N]`: through a running registry
 * (`--registry URL --token ADMIN`, via POST /v1/tokens) or directly in its database
 * (`--data-dir` / `--database-url`, for bootstrapping). Prints the token once.
 */
import path from 'node:path';
import { defineCommand, UserError } from '../command.ts';

const ROLES = ['read', 'publish', 'admin'];

export default defineCommand({
  name: 'token',
  summary: 'Create an API token (evc token create --role publish)',
  usage: 'evc token create --role read|publish|admin [--name NAME] [--registry URL --token ADMIN_TOKEN | --data-dir DIR | --database-url URL]',
  options: {
    role: { type: 'string', description: `role: ${ROLES.join(', ')}` },
    name: { type: 'string', description: 'label shown in the audit log' },
    registry: { type: 'string', description: 'create through this registry (env EVC_REGISTRY_URL); needs an admin --token' },
    token: { type: 'string', description: 'admin token for --registry (env EVC_TOKEN)' },
    'data-dir': { type: 'string', description: 'create directly in this PGlite data directory (registry stopped)', default: '.evc/data' },
    'database-url': { type: 'string', description: 'create directly in this PostgreSQL database (env DATABASE_URL)' },
  },
  async run(args, io) {
    const [action] = args.positionals;
    if (action !== 'create') throw new UserError(`evc token: unknown action ${action ? `"${action}"` : '(none)'}. Valid actions: create.`, 'Run `evc token create --role publish`.');
    const role = args.values.role as string | undefined;
    if (!role || !ROLES.includes(role)) throw new UserError(`evc token create: --role must be one of ${ROLES.join(', ')}${role ? `, not "${role}"` : ''}.`);
    const name = (args.values.name as string | undefined) ?? `${role}-token`;
    const registry = (args.values.registry as string | undefined) ?? io.env.EVC_REGISTRY_URL;
    if (registry) {
      const admin = (args.values.token as string | undefined) ?? io.env.EVC_TOKEN;
      if (!admin) throw new UserError('evc token create: --registry needs an admin token.', 'Pass --token (the admin token `evc serve` printed) or set EVC_TOKEN.');
      let res: Response;
      try {
        res = await fetch(new URL('/v1/tokens', registry), {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({ role, name }),
        });
      } catch (error) {
        throw new UserError(`evc token create: registry ${registry} is unreachable: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}.`);
      }
      const body = (await res.json().catch(() => ({}))) as { token?: string; message?: string };
      if (!res.ok || !body.token) throw new UserError(`evc token create: registry answered ${res.status}: ${body.message ?? 'no token'}`);
      io.out(body.token);
      io.err(`created ${role} token "${name}" (shown once; only its hash is stored)`);
      return 0;
    }
    const { connect } = await import('#registry/db/connect.ts');
    const { migrateRegistry } = await import('#registry/migrate.ts');
    const { insertToken } = await import('#registry/store/tokens.ts');
    const { appendAudit } = await import('#registry/store/audit.ts');
    const { generateToken, hashToken } = await import('#registry/domain/tokens.ts');
    const databaseUrl = (args.values['database-url'] as string | undefined) ?? io.env.DATABASE_URL;
    const conn = await connect(databaseUrl ? { databaseUrl, max: 1 } : { dataDir: path.resolve(io.cwd, String(args.values['data-dir'])) });
    try {
      await migrateRegistry(conn);
      const token = generateToken();
      const row = await insertToken(conn.db, { name, role, hash: hashToken(token), createdBy: 'evc token create' });
      await appendAudit(conn.db, [{ actor: 'evc token create', action: 'token-create', detail: { id: row.id, name, role } }]);
      io.out(token);
      io.err(`created ${role} token "${name}" (shown once; only its hash is stored)`);
      return 0;
    } finally {
      await conn.close();
    }
  },
});
