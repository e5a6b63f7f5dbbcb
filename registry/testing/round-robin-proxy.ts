/**
 * A minimal round-robin HTTP load balancer for tests: each request goes to the next
 * backend; a backend that refuses or resets the connection before answering is skipped
 * and the request is tried on the next one (what nginx's `proxy_next_upstream error`
 * does). `backends` is mutable: replace an entry when an instance is restarted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  backends: string[];
  /** Requests that needed another backend because the first one was down or draining. */
  retried: number;
  /** Answers that were not 2xx/3xx, as `status path: message` (what a failing test shows). */
  failures: string[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backends: string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const state = { retried: 0 };
  const failures: string[] = [];
  const forward = (target: string, req: http.IncomingMessage, body: Buffer) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      const url = new URL(req.url ?? '/', target);
      const out = http.request(url, { method: req.method, headers: { ...req.headers, host: url.host, connection: 'close' }, agent: false }, resolve);
      out.once('error', reject);
      out.end(body);
    });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const attempts = Math.max(1, backends.length) * 3;
    // Each retry goes to the backend after the one that failed (not wherever the shared
    // counter has moved meanwhile, which could land on the dead one again and again).
    const start = next++;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const target = backends[(start + attempt) % backends.length]!;
      try {
        const answer = await forward(target, req, body);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if ((answer.statusCode ?? 502) >= 400 && failures.length < 20) {
          let text = '';
          answer.on('data', (d: Buffer) => (text += d.toString()));
          answer.on('end', () => failures.push(`${answer.statusCode} ${req.url} from ${target}: ${text.slice(0, 200)}`));
        }
        answer.pipe(res);
        return;
      } catch {
        state.retried++;
        if (attempt >= backends.length) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    if (failures.length < 20) failures.push(`502 ${req.url}: no backend answered`);
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error_code: 502, message: 'no backend answered' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    backends,
    failures,
    get retried() {
      return state.retried;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
