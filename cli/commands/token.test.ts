/**
 * `evc token create|list|revoke` directly on a PGlite data directory (no server running),
 * and the admin-token length rule of `evc serve`. Before this, tokens could be created
 * but neither listed nor revoked, had no expiry, and any EVC_ADMIN_TOKEN was accepted.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_ADMIN_TOKEN_LENGTH } from '#registry/domain/tokens.ts';
import { runCli } from '../test-io.ts';

const env = { DATABASE_URL: '', EVC_REGISTRY_URL: '', EVC_ADMIN_TOKEN: '' };

describe('evc token on a data directory', () => {
  it('creates (with expiry), lists without secrets, revokes, and refuses revoking the last admin', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'evc-token-'));
    const admin = await runCli(['token', 'create', '--role', 'admin', '--name', 'ops'], { cwd, env });
    expect(admin.code, admin.stderr).toBe(0);
    const created = await runCli(['token', 'create', '--role', 'publish', '--name', 'ci', '--expires-in', '30d', '--scope', 'prompt.studio.*', '--scope', 'evaluation.Done'], { cwd, env });
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect(secret, 'the token alone on stdout, for scripts').toMatch(/^evc_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr, 'the expiry is reported').toMatch(/expires \d{4}-\d{2}-\d{2}T/);

    const listed = await runCli(['token', 'list', '--format', 'json'], { cwd, env });
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<{ id: number; name: string; state: string; expiresAt: string | null; scope: string[] | null; hash?: string }>;
    expect(rows.map((r) => r.name), 'both tokens are listed').toEqual(['ops', 'ci']);
    expect(rows[1]!.expiresAt, 'with the expiry').toBeTruthy();
    expect(rows[1]!.scope, 'and the scope').toEqual(['evaluation.Done', 'prompt.studio.*']);
    expect(rows[0]!.scope, 'an unscoped token').toBeNull();
    expect(listed.stdout, 'never the secret').not.toContain(secret);
    expect(rows.every((r) => r.hash === undefined), 'never the hash').toBe(true);
    const table = await runCli(['token', 'list'], { cwd, env });
    expect(table.stdout.split('\n')[0], 'a table by default').toMatch(/^ID\tNAME\tROLE\tSTATE/);

    const revoked = await runCli(['token', 'revoke', String(rows[1]!.id)], { cwd, env });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/revoked token \d+ \("ci", publish\)/);
    const after = JSON.parse((await runCli(['token', 'list', '--all', '--format', 'json'], { cwd, env })).stdout) as Array<{ name: string; state: string }>;
    expect(after.find((r) => r.name === 'ci')?.state, 'listed as revoked with --all').toBe('revoked');
    const active = JSON.parse((await runCli(['token', 'list', '--format', 'json'], { cwd, env })).stdout) as Array<{ name: string }>;
    expect(active.map((r) => r.name), 'revoked tokens are hidden by default').toEqual(['ops']);

    const last = await runCli(['token', 'revoke', String(rows[0]!.id)], { cwd, env });
    expect(last.code, 'the last admin token cannot be revoked').toBe(2);
    expect(last.stderr).toMatch(/last usable admin token/);
    const bad = await runCli(['token', 'revoke', 'ops'], { cwd, env });
    expect(bad.code, 'revoke takes an id').toBe(2);
    const badScope = await runCli(['token', 'create', '--role', 'admin', '--scope', 'a.*'], { cwd, env });
    expect(badScope.code, 'scope is for publish tokens').toBe(2);
    expect(badScope.stderr).toMatch(/--scope: scope applies to publish tokens only/);
    const badExpiry = await runCli(['token', 'create', '--role', 'read', '--expires-in', 'soon'], { cwd, env });
    expect(badExpiry.code, 'a bad --expires-in is a usage error').toBe(2);
    expect(badExpiry.stderr).toMatch(/--expires-in: expiresIn "soon" is not a duration/);
  }, 600_000); // three PGlite opens of one directory; minutes on a machine at load 30+
});

describe('evc serve: the admin token from the environment', () => {
  it.each([
    ['too short', 'short-admin-token', /is 17 characters long; the minimum is 32/],
    ['one below the minimum', 'x'.repeat(MIN_ADMIN_TOKEN_LENGTH - 1), /the minimum is 32/],
    ['with whitespace', `${'x'.repeat(MIN_ADMIN_TOKEN_LENGTH)} y`, /whitespace/],
  ])('refuses one %s before touching the data directory (exit 2)', async (_name, token, message) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'evc-short-'));
    const res = await runCli(['serve', '--port', '0'], { cwd, env: { ...env, EVC_ADMIN_TOKEN: token } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(existsSync(path.join(cwd, '.evc')), 'nothing was created').toBe(false);
  }, 120_000); // the first in-process `evc serve` loads the registry modules: slow on a loaded machine
});
