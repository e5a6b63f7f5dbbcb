/**
 * Child process of `npm run bench:registry`: serves a raw Hono app (one 2 KB JSON) and the
 * registry on PostgreSQL (DATABASE_URL) side by side, with the seed registered, then
 * prints one JSON line with the ports, a schema id and an admin token.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { parseCatalog } from '#catalog/load.ts';
import { connect } from '#registry/db/connect.ts';
import { registerDocument } from '#registry/domain/register-document.ts';
import { startServer } from '#registry/server.ts';
import { SEED_FILE } from '#registry/testing/harness.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL!;
const payload = JSON.stringify({
  items: Array.from({ length: 24 }, (_, i) => ({ id: `item-${i}`, name: `Item number ${i}`, tags: ['alpha', 'beta'], price: i * 1.5, ok: true })),
});
// `/bytes/:n`: a JSON document of exactly n bytes, so each registry endpoint can also be
// compared with raw Hono sending a body of its own size (response size costs the socket write).
const sized = new Map<number, string>();
const jsonOfSize = (n: number): string => {
  let body = sized.get(n);
  if (!body) {
    const base = JSON.parse(payload) as { items: unknown[] };
    const items = [];
    for (let i = 0; JSON.stringify({ items, pad: '' }).length < n - 90; i++) items.push(base.items[i % base.items.length]);
    const pad = Math.max(0, n - JSON.stringify({ items, pad: '' }).length);
    body = JSON.stringify({ items, pad: 'x'.repeat(pad) });
    sized.set(n, body);
  }
  return body;
};
const raw = new Hono()
  .get('/payload', (c) => c.body(payload, 200, { 'content-type': 'application/json' }))
  .get('/bytes/:n', (c) => c.body(jsonOfSize(Number(c.req.param('n'))), 200, { 'content-type': 'application/json' }));
const rawServer = serve({ fetch: raw.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => rawServer.once('listening', resolve));

const adminToken = 'evc_bench-admin-token-not-secret-000000000000000';
const registry = await startServer({ port: 0, databaseUrl, adminToken, log: () => {} });
const conn = await connect({ databaseUrl, max: 1 });
const text = readFileSync(SEED_FILE, 'utf8');
const report = await registerDocument(conn.db, { catalog: await parseCatalog(text, 'seed.yaml'), raw: text, dryRun: false, actor: 'bench' });
await conn.close();
const event = report.events.find((e) => e.eventType === 'Prompt.Creation.Requested')!;
process.stdout.write(
  `${JSON.stringify({ rawPort: (rawServer.address() as AddressInfo).port, registryPort: registry.port, schemaId: event.schemaId, eventType: event.eventType, adminToken, payloadBytes: payload.length })}\n`,
);
process.on('SIGTERM', async () => {
  rawServer.close();
  await registry.close();
  process.exit(0);
});
