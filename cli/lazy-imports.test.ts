/**
 * Heavy packages load only in the commands that use them: `evc lint`, `evc diff` and
 * `evc catalog` (what a CI gate or a pre-commit hook runs) never import Spectral/the AsyncAPI
 * parser, the AsyncAPI generator, Pact, PGlite, the Postgres driver, drizzle, TypeScript or the
 * NATS client. A loader hook in the child process lists every package it imports.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#catalog/bundled.ts';

const run = promisify(execFile);
const HEAVY = ['@asyncapi/parser', '@asyncapi/generator', '@pact-foundation/pact', '@electric-sql/pglite', 'postgres', 'drizzle-orm', 'typescript', '@nats-io/transport-node', '@nats-io/jetstream'];
const hook = `data:text/javascript,${encodeURIComponent(
  "import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent('export async function resolve(s, c, next) { if (/^[@a-z]/.test(s) && !s.startsWith(\"node:\") && !s.startsWith(\"file:\")) process.stderr.write(\"PKG \" + s + \"\\\\n\"); return next(s, c); }'));",
)}`;

const dir = mkdtempSync(path.join(tmpdir(), 'evc-lazy-'));
writeFileSync(path.join(dir, 'old.json'), '{"type":"object"}');
writeFileSync(path.join(dir, 'new.json'), '{"type":"object","required":["a"]}');

describe('heavy packages load lazily', () => {
  it.each([
    ['lint', ['lint', 'asyncapi/prompt-platform.yaml']],
    ['diff', ['diff', path.join(dir, 'old.json'), path.join(dir, 'new.json')]],
    ['catalog', ['catalog']],
  ])('evc %s imports none of them', async (_name, argv) => {
    const { stderr } = await run(process.execPath, ['--import', hook, 'bin/evc.js', ...argv], { cwd: repoRoot }).catch((e: { stderr: string }) => e);
    const packages = [...new Set([...stderr.matchAll(/^PKG (\S+)/gm)].map((m) => m[1]!))];
    expect(packages.length, `the hook saw the imports:\n${stderr}`).toBeGreaterThan(0);
    // why: each of these costs 50-1000 ms at start-up, paid by every CI step that runs evc.
    expect(packages.filter((p) => HEAVY.some((h) => p === h || p.startsWith(`${h}/`)))).toEqual([]);
  }, 60_000);
});
