/**
 * Deploy files: `docker-compose config` (the v1 client from Debian, installed by .ci/run)
 * must accept docker-compose.yml, and the registry service must reach the postgres
 * service. No Docker engine is needed: `config` only parses and validates.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '#test/support/conformance.ts';
import { natsServerBinary } from '#test/support/nats-cluster.ts';

const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

describe('deploy files', () => {
  // On a laptop without docker-compose this skips; in CI (.ci/run installs it) it must run.
  it.skipIf(!hasCompose && !process.env.CI)('docker-compose.yml passes `docker-compose config` and wires the registry to postgres', () => {
    const out = execFileSync('docker-compose', ['-f', path.join(repoRoot, 'docker-compose.yml'), 'config'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, EVC_ADMIN_TOKEN: '' } });
    const config = parse(out);
    // `config` renders every service; the scaled ones only start with `--profile scale`.
    expect(Object.keys(config.services).sort()).toEqual(['lb', 'nats-1', 'nats-2', 'nats-3', 'postgres', 'registry', 'registry-2']);
    for (const name of ['lb', 'nats-1', 'nats-2', 'nats-3', 'registry-2']) expect(config.services[name].profiles, `${name} is part of the scaled setup only`).toEqual(['scale']);
    expect(config.services.registry.environment.DATABASE_URL, 'the registry talks to the postgres service').toMatch(/@postgres:5432\//);
    expect(config.services.registry.depends_on.postgres.condition, 'and waits for it to be healthy').toBe('service_healthy');
    expect(config.services.registry.build.context, 'built from this repository').toBe(repoRoot);
  });

  it.skipIf(!hasCompose && !process.env.CI)('the scaled setup: two replicas on one database behind nginx, and a three-node JetStream cluster', () => {
    const out = execFileSync('docker-compose', ['-f', path.join(repoRoot, 'docker-compose.yml'), '--profile', 'scale', 'config'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, EVC_ADMIN_TOKEN: '' } });
    const { services } = parse(out);
    expect(services['registry-2'].environment.DATABASE_URL, 'both replicas share one database').toBe(services.registry.environment.DATABASE_URL);
    expect(services['registry-2'].image, 'and one image').toBe(services.registry.image);
    const lbMount = services.lb.volumes.map((v: string | { source: string; target: string }) => (typeof v === 'string' ? v : `${v.source}:${v.target}`)).join(' ');
    expect(lbMount, 'nginx runs the committed config').toMatch(/deploy\/nginx\.conf:\/etc\/nginx\/nginx\.conf/);
    for (const name of ['nats-1', 'nats-2', 'nats-3']) {
      expect(services[name].environment.NATS_SERVER_NAME, `${name} has its own server name (JetStream clustering needs it)`).toBe(name);
      expect(services[name].command, `${name} runs the committed cluster config`).toEqual(['-c', '/etc/nats/nats-cluster.conf']);
    }
  });

  it('nginx balances both replicas and retries only connection failures and 502/503', () => {
    const conf = readFileSync(path.join(repoRoot, 'deploy/nginx.conf'), 'utf8');
    expect(conf).toMatch(/server registry:8080/);
    expect(conf).toMatch(/server registry-2:8080/);
    expect(conf, 'a draining or stopped replica is skipped').toMatch(/proxy_next_upstream error timeout http_502 http_503;/);
  });

  it.skipIf(!existsSync(natsServerBinary()))('the NATS cluster config is valid for nats-server, with routes to all three nodes', () => {
    const file = path.join(repoRoot, 'deploy/nats-cluster.conf');
    const check = spawnSync(natsServerBinary(), ['-t', '-c', file], { encoding: 'utf8', env: { ...process.env, NATS_SERVER_NAME: 'nats-1' } });
    expect(check.status, `nats-server -t accepts it: ${check.stderr}${check.stdout}`).toBe(0);
    const conf = readFileSync(file, 'utf8');
    for (const node of ['nats-1', 'nats-2', 'nats-3']) expect(conf).toContain(`nats-route://${node}:6222`);
    expect(conf, 'JetStream on, one cluster name').toMatch(/jetstream \{[\s\S]*name: evc/);
  });

  it('the image runs `evc serve` on all interfaces with a health check', () => {
    const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/CMD \["node", "bin\/evc.js", "serve", "--host", "0.0.0.0"/);
    expect(dockerfile).toMatch(/HEALTHCHECK .*\n.*\/health/);
    const ignore = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignore, 'local data and node_modules stay out of the build context').toEqual(expect.arrayContaining(['node_modules', '.evc']));
  });
});
