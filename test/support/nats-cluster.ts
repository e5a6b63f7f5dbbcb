/**
 * A private NATS JetStream cluster for tests and bench:scale: N `nats-server` processes
 * on free loopback ports, each with its own server name and store directory (`-js -sd`),
 * joined by cluster routes under one cluster name. Stop everything with `stop()`.
 * (JetStream clustering needs server_name, cluster name and routes: NATS docs,
 * "JetStream Clustering".)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Requirement } from './requirements.ts';

export const natsServerBinary = (): string => process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

export const needsNatsServer: Requirement = {
  what: 'the nats-server binary',
  available: () => existsSync(natsServerBinary()),
  enable: 'install nats-server (Debian package nats-server) or set NATS_SERVER_BIN',
};

export interface NatsNode {
  name: string;
  clientPort: number;
  clusterPort: number;
  url: string;
  child?: ChildProcess;
}

export interface NatsCluster {
  nodes: NatsNode[];
  /** Every client URL: clients must know all of them to fail over. */
  urls: string[];
  /** SIGKILL one node (a crash: no goodbye to its peers). */
  kill(name: string): Promise<void>;
  /** Starts a killed node again with the same name, ports and store. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startNatsCluster(size = 3, clusterName = `evc-${process.pid}`): Promise<NatsCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-nats-cluster-'));
  const nodes: NatsNode[] = [];
  for (let i = 1; i <= size; i++) {
    const clientPort = await freePort();
    const clusterPort = await freePort();
    nodes.push({ name: `n${i}`, clientPort, clusterPort, url: `nats://127.0.0.1:${clientPort}` });
  }
  const launch = (node: NatsNode) => {
    const routes = nodes.filter((n) => n !== node).map((n) => `nats://127.0.0.1:${n.clusterPort}`).join(',');
    node.child = spawn(
      natsServerBinary(),
      ['-a', '127.0.0.1', '-p', String(node.clientPort), '-js', '-sd', path.join(dir, node.name), '--server_name', node.name,
        '--cluster_name', clusterName, '--cluster', `nats://127.0.0.1:${node.clusterPort}`, '--routes', routes],
      { stdio: 'ignore' },
    );
  };
  nodes.forEach(launch);
  const cluster: NatsCluster = {
    nodes,
    urls: nodes.map((n) => n.url),
    async kill(name) {
      const node = nodes.find((n) => n.name === name)!;
      const child = node.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    async restart(name) {
      launch(nodes.find((n) => n.name === name)!);
    },
    async stop() {
      await Promise.all(nodes.map((n) => cluster.kill(n.name)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForJetStream(cluster.urls, 60_000);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

/** Resolves when JetStream answers account info (the meta leader is elected). */
async function waitForJetStream(urls: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const nc = await connect({ servers: urls, timeout: 1000 });
      try {
        await (await jetstreamManager(nc)).getAccountInfo();
        return;
      } finally {
        await nc.close();
      }
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the NATS cluster did not elect a JetStream leader within ${timeoutMs} ms: ${String(last)}`);
}
