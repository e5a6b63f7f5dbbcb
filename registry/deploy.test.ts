/**
 * Deploy files: `docker-compose config` (the v1 client from Debian, installed by .ci/run)
 * must accept docker-compose.yml, and the registry service must reach the postgres
 * service. No Docker engine is needed: `config` only parses and validates.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '#test/support/conformance.ts';

const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

describe('deploy files', () => {
  // On a laptop without docker-compose this skips; in CI (.ci/run installs it) it must run.
  it.skipIf(!hasCompose && !process.env.CI)('docker-compose.yml passes `docker-compose config` and wires the registry to postgres', () => {
    const out = execFileSync('docker-compose', ['-f', path.join(repoRoot, 'docker-compose.yml'), 'config'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, EVC_ADMIN_TOKEN: '' } });
    const config = parse(out);
    expect(Object.keys(config.services).sort()).toEqual(['postgres', 'registry']);
    expect(config.services.registry.environment.DATABASE_URL, 'the registry talks to the postgres service').toMatch(/@postgres:5432\//);
    expect(config.services.registry.depends_on.postgres.condition, 'and waits for it to be healthy').toBe('service_healthy');
    expect(config.services.registry.build.context, 'built from this repository').toBe(repoRoot);
  });

  it('the image runs `evc serve` on all interfaces with a health check', () => {
    const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/CMD \["node", "bin\/evc.js", "serve", "--host", "0.0.0.0"/);
    expect(dockerfile).toMatch(/HEALTHCHECK .*\n.*\/health/);
    const ignore = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignore, 'local data and node_modules stay out of the build context').toEqual(expect.arrayContaining(['node_modules', '.evc']));
  });
});
