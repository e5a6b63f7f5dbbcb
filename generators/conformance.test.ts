/**
 * Any AsyncAPI 3 document, not only ours: every spec example in the shared conformance data
 * either generates clients that compile under strict tsc (one compiler run for all), or fails
 * with a specific message that says where and what to do.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { renderClients, writeClients } from '#generators/index.ts';
import { conformanceDir, repoRoot } from '#test/support/conformance.ts';
import { needsConformance, skipWithout } from '#test/support/requirements.ts';
import { runCli } from '#cli/test-io.ts';
import { repoTempDir } from '#generators/fixtures/temp-dir.ts';
import { typecheck } from '#generators/fixtures/tsc.ts';

const skip = skipWithout(needsConformance);
const examplesDir = skip ? '' : path.join(conformanceDir(), 'asyncapi-examples-v3.0.0');

/** Every AsyncAPI document among the examples (social-media/common holds fragments, not documents). */
function documents(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...documents(full));
    else if (/asyncapi\.ya?ml$|-asyncapi\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** Documents that cannot be generated, and the specific reason we expect to be given. */
const EXPECTED_FAILURES: Record<string, RegExp> = {
  // Its payloads are Avro schemas fetched from asyncapi.com: refused before any code is written.
  'adeo-kafka-request-reply-asyncapi.yml': /adeo-kafka-request-reply-asyncapi\.yml:\d+:\d+: .*remote \$ref .*\.avsc.*not allowed|Avro payload/,
};

describe.skipIf(skip)('generation over the AsyncAPI 3.0 spec examples', () => {
  const docs = skip ? [] : documents(examplesDir);
  let tmp: { dir: string; remove: () => Promise<void> };
  const generated: string[] = [];
  const failures = new Map<string, string>();

  beforeAll(async () => {
    tmp = await repoTempDir('conformance');
    for (const doc of docs) {
      const rel = path.relative(examplesDir, doc);
      const out = path.join(tmp.dir, rel.replace(/[^A-Za-z0-9]+/g, '_'));
      try {
        const files = await renderClients(await loadCatalog(doc));
        await writeClients(files, out);
        generated.push(out);
      } catch (error) {
        failures.set(rel, (error as Error).message);
      }
    }
  }, 600_000);
  afterAll(() => tmp.remove());

  it('finds all the examples, including the social-media services', () => {
    // why: a conformance suite must never pass by finding nothing.
    expect(docs.length).toBeGreaterThanOrEqual(23);
    expect(docs.filter((d) => d.includes('social-media')).length).toBe(5);
  });

  it('generates every example except the expected failures, which fail with a specific message', () => {
    for (const [rel, message] of failures) {
      const expected = EXPECTED_FAILURES[path.basename(rel)];
      // why: an unexpected failure is a generator bug; an expected one must say what and where.
      expect(expected, `${rel} failed unexpectedly: ${message}`).toBeDefined();
      expect(message, rel).toMatch(expected!);
    }
    expect(generated.length + failures.size).toBe(docs.length);
    // why: the known-unsupported document really is refused, not silently half-generated.
    expect([...failures.keys()].map((r) => path.basename(r))).toEqual(Object.keys(EXPECTED_FAILURES));
  });

  it('tells the user of `evc generate` that the Avro payloads are the real obstacle', async () => {
    const adeo = path.join(examplesDir, 'adeo-kafka-request-reply-asyncapi.yml');
    const result = await runCli(['generate', adeo, '--out', path.join(tmp.dir, 'adeo-cli')], { cwd: repoRoot });
    // why: "fetch the remote refs" alone would mislead; the message must name Avro and where it is used.
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/adeo-kafka-request-reply-asyncapi\.yml:214:11: error remote-ref: .*CostingRequestPayload\.avsc/);
    expect(result.stderr).toMatch(/note: 3 of the remote schemas are Avro \(\.avsc\); the TypeScript generator supports only JSON Schema/);
  }, 120_000);

  it('compiles every generated client under strict tsc --noEmit (one run)', async () => {
    const result = await typecheck(generated, tmp.dir);
    // why: "works for any document" means the emitted TypeScript type-checks, not just that files exist.
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 300_000);
});
