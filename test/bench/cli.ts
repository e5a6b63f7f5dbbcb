/**
 * `npm run bench:cli`: evc as whole processes, the way a CI gate or a person runs it, against
 * `node -e 0` measured in the same run. Runs the compiled CLI (`npm run build` first; EVC_DIST=1
 * makes bin/evc.js use dist/ inside this checkout, as an installed package does).
 *
 * - `evc diff` of two small schema files: ≤ 2× `node -e 0`
 * - `evc lint asyncapi/prompt-platform.yaml`: < 400 ms
 * - `evc check` of the bundled document against a running registry: < 600 ms
 * - `npm start` on a fresh data directory healthy in < 8 s; a restart in < 3 s
 *
 * Writes test/bench/results/cli.md (then `npm run bench:results` assembles RESULTS.md).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '#catalog/bundled.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const env = { ...process.env, EVC_DIST: '1', DATABASE_URL: '', EVC_ADMIN_TOKEN: '', NO_COLOR: '1' };
const work = mkdtempSync(path.join(tmpdir(), 'evc-bench-cli-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!existsSync(path.join(repoRoot, 'dist/cli.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });

const cpuSamples = new Map<string, number[]>();
/** Wall time of one process; its CPU time (user + sys, via /usr/bin/time) goes to cpuSamples. */
function timeProcess(args: string[], expectCode: number[]): number {
  const timeFile = path.join(work, 'time.txt');
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, ...args], { cwd: repoRoot, env, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (!expectCode.includes(r.status ?? -1)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  cpuSamples.set(args.join(' '), [...(cpuSamples.get(args.join(' ')) ?? []), ((user ?? 0) + (sys ?? 0)) * 1000]);
  return ms;
}
const cpuOf = (args: string[]) => median(cpuSamples.get(args.join(' ')) ?? [0]);

/** Interleaved runs, so load that comes and goes hits every command alike. */
function measure(cases: Record<string, { args: string[]; codes: number[] }>): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const c of Object.values(cases)) timeProcess(c.args, c.codes); // warm the file cache
  for (let i = 0; i < RUNS; i++) for (const [k, c] of Object.entries(cases)) samples[k]!.push(timeProcess(c.args, c.codes));
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Spawns `npm start` on a data dir and resolves with the ms until GET /health answers 200. */
async function startUntilHealthy(dataDir: string, compiled = true): Promise<{ ms: number; url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent', '--', '--port', String(port), '--data-dir', dataDir], { cwd: repoRoot, env: compiled ? env : { ...env, EVC_DIST: '' }, stdio: 'ignore', detached: true });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return { ms: performance.now() - started, url: `http://127.0.0.1:${port}`, stop };
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    if (performance.now() - started > 120_000) throw new Error('npm start: not healthy after 120 s');
    await new Promise((r) => setTimeout(r, 25));
  }
}

writeFileSync(path.join(work, 'old.json'), JSON.stringify({ type: 'object', properties: { id: { type: 'string' } } }));
writeFileSync(path.join(work, 'new.json'), JSON.stringify({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }));

const bin = 'bin/evc.js';
const cases = {
  'node -e 0': { args: ['-e', '0'], codes: [0] },
  'evc diff old.json new.json': { args: [bin, 'diff', path.join(work, 'old.json'), path.join(work, 'new.json')], codes: [1] },
  'evc lint asyncapi/prompt-platform.yaml': { args: [bin, 'lint', 'asyncapi/prompt-platform.yaml'], codes: [0] },
};
const fast = measure(cases);
const cpu = Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, cpuOf(c.args)]));

// Start-up: a fresh data directory, then a restart on the same one.
// In this checkout `npm start` runs the sources through tsx (bin/evc.js); an installed package
// (and EVC_DIST=1) runs dist/. Both are measured.
const starts = { compiled: { fresh: [] as number[], restart: [] as number[] }, sources: { fresh: [] as number[], restart: [] as number[] } };
for (let i = 0; i < Number(process.env.BENCH_START_RUNS ?? 3); i++) {
  for (const [mode, into] of Object.entries(starts)) {
    const dataDir = path.join(work, `data-${mode}-${i}`);
    const first = await startUntilHealthy(dataDir, mode === 'compiled');
    into.fresh.push(first.ms);
    await first.stop();
    const second = await startUntilHealthy(dataDir, mode === 'compiled');
    into.restart.push(second.ms);
    await second.stop();
  }
}
const fresh = starts.compiled.fresh;
const restart = starts.compiled.restart;

// `evc check` of the bundled document against a running registry that holds it.
const registry = await startUntilHealthy(path.join(work, 'data-compiled-0'));
let check: Record<string, number> = {};
try {
  const checkCases = {
    'node -e 0 (again)': { args: ['-e', '0'], codes: [0] },
    'evc check --registry URL': { args: [bin, 'check', 'asyncapi/prompt-platform.yaml', '--registry', registry.url], codes: [0] },
  };
  check = measure(checkCases);
  for (const [k, c] of Object.entries(checkCases)) cpu[k] = cpuOf(c.args);
} finally {
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}

const node0 = fast['node -e 0']!;
const ms = (x: number) => `${Math.round(x)} ms`;
const x = (v: number, base: number) => `${(v / base).toFixed(2)}×`;
type Row = [what: string, wall: string, cpu: string, target: string, met: string];
const row = (what: string, key: string, base: number, baseCpu: number, target: string, ok: boolean): Row => [
  what,
  `${ms((key in fast ? fast : check)[key]!)} (${x((key in fast ? fast : check)[key]!, base)})`,
  `${ms(cpu[key]!)} (${x(cpu[key]!, baseCpu)})`,
  target,
  target ? (ok ? 'yes' : 'no') : '',
];
const node0cpu = cpu['node -e 0']!;
const rows: Row[] = [
  row('`node -e 0` (baseline)', 'node -e 0', node0, node0cpu, '', true),
  row('`evc diff old.json new.json` (two 3-line schemas)', 'evc diff old.json new.json', node0, node0cpu, '≤ 2× node -e 0', fast['evc diff old.json new.json']! <= 2 * node0),
  row('`evc lint asyncapi/prompt-platform.yaml`', 'evc lint asyncapi/prompt-platform.yaml', node0, node0cpu, '< 400 ms', fast['evc lint asyncapi/prompt-platform.yaml']! < 400),
  row('`node -e 0` (again, beside evc check)', 'node -e 0 (again)', check['node -e 0 (again)']!, cpu['node -e 0 (again)']!, '', true),
  row('`evc check` of the bundled document, running registry', 'evc check --registry URL', check['node -e 0 (again)']!, cpu['node -e 0 (again)']!, '< 600 ms', check['evc check --registry URL']! < 600),
  ['`npm start` (compiled), fresh data directory → /health 200', `${ms(median(fresh))} (runs: ${fresh.map(ms).join(', ')})`, '', '< 8 s', median(fresh) < 8000 ? 'yes' : 'no'],
  ['`npm start` (compiled), restart on the same data → /health 200', `${ms(median(restart))} (runs: ${restart.map(ms).join(', ')})`, '', '< 3 s', median(restart) < 3000 ? 'yes' : 'no'],
  ['`npm start` in this checkout (sources via tsx), fresh data directory', `${ms(median(starts.sources.fresh))} (runs: ${starts.sources.fresh.map(ms).join(', ')})`, '', '< 8 s', median(starts.sources.fresh) < 8000 ? 'yes' : 'no'],
  ['`npm start` in this checkout (sources via tsx), restart', `${ms(median(starts.sources.restart))} (runs: ${starts.sources.restart.map(ms).join(', ')})`, '', '< 3 s', median(starts.sources.restart) < 3000 ? 'yes' : 'no'],
];
const report = `## CLI start-up benchmark (bench:cli)

Produced by \`npm run bench:cli\` (\`tsx test/bench/cli.ts\`) on ${new Date().toISOString()}.
Node ${process.version}, ${cpus().length} CPU(s), shared with other engineers' test runs while measured:
load average (1 min) ${loadavg()[0]!.toFixed(1)} at the end of the run, so every wall time is inflated
by other processes; \`node -e 0\` measured in the same run, interleaved, is the yardstick.
Whole processes running the compiled CLI (dist/, \`EVC_DIST=1\`), median of ${RUNS} runs (start-up: ${process.env.BENCH_START_RUNS ?? 3}).

Wall and CPU (user + sys of the process, from /usr/bin/time), each with its multiple of \`node -e 0\`
in the same run; under load the CPU column and the multiples are the steadier figures.

| measurement | median wall (× node -e 0) | median CPU (× node -e 0) | target | met (wall) |
|---|---:|---:|---|:-:|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}
`;
writeFileSync(path.join(repoRoot, 'test/bench/results/cli.md'), report);
console.log(report);
