/**
 * `evc token create|list|revoke`: through a running registry (`--registry URL --token ADMIN`,
 * via /v1/tokens) or directly in its database (`--data-dir` / `--database-url`, for
 * bootstrapping while no server runs: a PGlite directory a server holds is refused, since
 * PGlite has no cross-process lock and the server would never see the change).
 */
import path from 'node:path';
import { defineCommand, UserError, type Io, type ParsedArgs } from '../command.ts';

const ROLES = ['read', 'publish', 'admin'];
const ACTIONS = ['create', 'list', 'revoke'];

interface TokenView {
  id: number;
  name: string;
  role: string;
  state?: string;
  createdAt: string | Date;
  expiresAt: string | Date | null;
  scope?: string[] | null;
  token?: string;
}

/** The operations, through the registry or on the database; the command picks one. */
interface TokenBackend {
  create(input: { role: string; name: string; expiresIn?: string; scope?: string[] }): Promise<TokenView & { token: string }>;
  list(includeRevoked: boolean): Promise<TokenView[]>;
  revoke(id: number): Promise<TokenView>;
  close(): Promise<void>;
}

function remoteBackend(registry: string, admin: string): TokenBackend {
  const call = async (method: string, route: string, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(new URL(route, registry), {
        method,
        headers: { authorization: `Bearer ${admin}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new UserError(`evc token: registry ${registry} is unreachable: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}.`);
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new UserError(`evc token: registry answered ${res.status} to ${method} ${route}: ${String(json.message ?? 'no message')}`);
    return json;
  };
  return {
    create: async (input) => (await call('POST', '/v1/tokens', input)) as never,
    list: async (all) => ((await call('GET', `/v1/tokens${all ? '?includeRevoked=true' : ''}`)) as { tokens: TokenView[] }).tokens,
    revoke: async (id) => (await call('DELETE', `/v1/tokens/${id}`)) as never,
    close: async () => {},
  };
}

async function databaseBackend(args: ParsedArgs, io: Io): Promise<TokenBackend> {
  const { connect } = await import('#registry/db/connect.ts');
  const { DataDirLockedError } = await import('#registry/db/data-dir-lock.ts');
  const { migrateRegistry } = await import('#registry/migrate.ts');
  const admin = await import('#registry/domain/token-admin.ts');
  const { resolveExpiry } = await import('#registry/domain/tokens.ts');
  const { parseScope } = await import('#registry/domain/token-scope.ts');
  const { RegistryError } = await import('#registry/errors.ts');
  const databaseUrl = (args.values['database-url'] as string | undefined) ?? io.env.DATABASE_URL;
  const dataDir = path.resolve(io.cwd, String(args.values['data-dir']));
  let conn;
  try {
    conn = await connect(
      databaseUrl
        ? { databaseUrl, max: 1 }
        : { dataDir, lockHint: 'A running registry holds it and would never see this change. Use the server instead: `evc token <action> --registry URL --token ADMIN_TOKEN` (POST/GET/DELETE /v1/tokens with an admin token), or stop the server first.' },
    );
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new UserError(`evc token: ${error.message}`, error.hint);
    throw error;
  }
  await migrateRegistry(conn);
  const actor = 'evc token';
  const userError = (error: unknown): never => {
    throw error instanceof RegistryError ? new UserError(`evc token: ${error.message}`) : error;
  };
  return {
    create: async ({ role, name, expiresIn, scope: patterns }) => {
      const expiry = resolveExpiry(expiresIn ? { expiresIn } : {}, new Date());
      if ('error' in expiry) throw new UserError(`evc token create: --expires-in: ${expiry.error}.`);
      const scope = parseScope(patterns, role);
      if ('error' in scope) throw new UserError(`evc token create: --scope: ${scope.error}.`);
      return admin.createToken(conn.db, { role: role as never, name, expiresAt: expiry.expiresAt, scope: scope.scope, actor });
    },
    list: (all) => admin.listTokensWithState(conn.db, { includeRevoked: all }),
    revoke: (id) => admin.revokeTokenById(conn.db, id, actor).catch(userError),
    close: () => conn.close(),
  };
}

const when = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

export default defineCommand({
  name: 'token',
  summary: 'Create, list or revoke API tokens (evc token create --role publish)',
  usage: 'evc token create --role read|publish|admin [--name NAME] [--expires-in 30d] [--scope prompt.studio.*] | list [--all] [--format table|json] | revoke ID   [--registry URL --token ADMIN_TOKEN | --data-dir DIR | --database-url URL]',
  options: {
    role: { type: 'string', description: `role: ${ROLES.join(', ')}` },
    name: { type: 'string', description: 'label shown in the audit log' },
    'expires-in': { type: 'string', description: 'create: lifetime, a number and m, h, d or w (e.g. 30d); no expiry by default' },
    scope: { type: 'string', multiple: true, description: 'create (publish): subjects it may write, exact or a prefix ending in * (repeatable)' },
    all: { type: 'boolean', description: 'list: include revoked tokens' },
    format: { type: 'string', description: 'list: table or json', default: 'table' },
    registry: { type: 'string', description: 'work through this registry (env EVC_REGISTRY_URL); needs an admin --token' },
    token: { type: 'string', description: 'admin token for --registry (env EVC_TOKEN)' },
    'data-dir': { type: 'string', description: 'work directly in this PGlite data directory (registry stopped)', default: '.evc/data' },
    'database-url': { type: 'string', description: 'work directly in this PostgreSQL database (env DATABASE_URL)' },
  },
  async run(args, io) {
    const [action, target] = args.positionals;
    if (!action || !ACTIONS.includes(action)) throw new UserError(`evc token: unknown action ${action ? `"${action}"` : '(none)'}. Valid actions: ${ACTIONS.join(', ')}.`, 'Run `evc token create --role publish`.');
    const role = args.values.role as string | undefined;
    if (action === 'create' && (!role || !ROLES.includes(role))) throw new UserError(`evc token create: --role must be one of ${ROLES.join(', ')}${role ? `, not "${role}"` : ''}.`);
    if (action === 'revoke' && !/^[1-9]\d{0,9}$/.test(target ?? '')) throw new UserError(`evc token revoke: give the token's id${target ? `, not "${target}"` : ''}.`, 'List ids with `evc token list`.');
    const format = String(args.values.format);
    if (!['table', 'json'].includes(format)) throw new UserError(`evc token list: --format must be table or json, not "${format}".`);
    const registry = (args.values.registry as string | undefined) ?? io.env.EVC_REGISTRY_URL;
    let backend: TokenBackend;
    if (registry) {
      const admin = (args.values.token as string | undefined) ?? io.env.EVC_TOKEN;
      if (!admin) throw new UserError('evc token: --registry needs an admin token.', 'Pass --token (the admin token `evc serve` printed) or set EVC_TOKEN.');
      backend = remoteBackend(registry, admin);
    } else {
      backend = await databaseBackend(args, io);
    }
    try {
      if (action === 'create') {
        const name = (args.values.name as string | undefined) ?? `${role}-token`;
        const expiresIn = args.values['expires-in'] as string | undefined;
        const scope = args.values.scope as string[] | undefined;
        const created = await backend.create({ role: role!, name, ...(expiresIn ? { expiresIn } : {}), ...(scope ? { scope } : {}) });
        io.out(created.token);
        io.err(`created ${role} token "${name}" (id ${created.id}${created.expiresAt ? `, expires ${when(created.expiresAt)}` : ''}${created.scope ? `, scope ${created.scope.join(' ')}` : ''}; shown once, only its hash is stored)`);
      } else if (action === 'list') {
        const rows = await backend.list(Boolean(args.values.all));
        if (format === 'json') io.out(JSON.stringify(rows, null, 2));
        else {
          io.out(['ID', 'NAME', 'ROLE', 'STATE', 'CREATED', 'EXPIRES', 'SCOPE'].join('\t'));
          for (const t of rows) io.out([t.id, t.name, t.role, t.state ?? '-', when(t.createdAt), when(t.expiresAt), t.scope?.join(' ') ?? 'all'].join('\t'));
        }
      } else {
        const revoked = await backend.revoke(Number(target));
        io.out(`revoked token ${revoked.id} ("${revoked.name}", ${revoked.role}); it is refused from now on`);
      }
      return 0;
    } finally {
      await backend.close();
    }
  },
});
