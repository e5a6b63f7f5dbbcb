/**
 * Issue #11 "generated code is injection-proof": hostile strings (`*\/`, backticks, `${`,
 * line breaks incl. U+2028/U+2029, NUL, `\u` escapes, `</script>`, quotes, backslashes) in
 * every free-text field of a document go through every generator — typed clients
 * (types, validators, contracts, producer, consumer, index), the client bundle (compiled JS,
 * .d.ts, package.json, README), the Pact consumer tests and the saga/aggregate code — and the
 * output (1) has no TypeScript syntax error and (2) has no identifier `__pwned`, i.e. no
 * payload escaped its comment or string. Names the generators turn into folders and
 * identifiers are refused by the loader instead (last test).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatalogError } from '#catalog/errors.ts';
import { parseCatalog } from '#catalog/load.ts';
import type { Catalog } from '#catalog/model.ts';
import { renderConsumerTests } from '#contracts/render-tests.ts';
import { renderPatterns } from '#patterns/codegen/render.ts';
import { buildClientBundle, GenerationError, renderClients } from '#generators/index.ts';
import { hostileCatalog } from '#generators/fixtures/hostile-catalog.ts';
import { HOSTILE_FRAGMENTS, SENTINEL, hostileString, inspectFiles, inspectSource } from '#generators/fixtures/hostile.ts';
import { repoRoot } from '#generators/fixtures/temp-dir.ts';
import { tarEntries } from '#generators/fixtures/untar.ts';

const SEED = path.join(repoRoot, 'asyncapi/prompt-platform.yaml');
/** One agent that only sends and one with a consumer (failure event, retry policy): every file kind. */
const AGENTS = ['prompt-studio', 'domain-modeller'];
const seed = async (): Promise<Catalog> => parseCatalog(await readFile(SEED, 'utf8'), 'prompt-platform.yaml');
const strings = () => fc.array(hostileString(), { minLength: 3, maxLength: 12 });

async function generateAll(catalog: Catalog) {
  const clients = [];
  for (const agent of AGENTS) clients.push(...(await renderClients(catalog, { agent })));
  return { clients, pacts: renderConsumerTests(catalog), patterns: await renderPatterns(catalog) };
}

describe('hostile document strings leave no executable trace in generated code', () => {
  it('the inspector itself catches every fragment when it is pasted raw into a comment or string', () => {
    // why: a checker that cannot fail proves nothing; each fragment breaks out of some context unescaped.
    const contexts = [(s: string) => `/** ${s} */\nexport {};`, (s: string) => `// ${s}\nexport {};`, (s: string) => `export const a = '${s}';`, (s: string) => `export const a = "${s}";`, (s: string) => `export const a = \`${s}\`;`];
    // The fragments that open with a context breaker (NUL, `\u0027` and `</script>` only ride along: in JS source they stay text).
    const breakers = HOSTILE_FRAGMENTS.filter((f) => f.includes(SENTINEL) && /^(\*\/|[\n\r\u2028\u2029'"`]|\$\{|\\['"])/.test(f));
    expect(breakers.length).toBeGreaterThanOrEqual(10);
    for (const fragment of breakers) {
      const caught = contexts.some((wrap) => inspectSource('x.ts', wrap(fragment)).length > 0);
      expect(caught, JSON.stringify(fragment)).toBe(true);
    }
  });

  it('typed clients, pact consumer tests and saga/aggregate code (fast-check)', async () => {
    const base = await seed();
    let generated = 0;
    await fc.assert(
      fc.asyncProperty(strings(), async (hostile) => {
        const { clients, pacts, patterns } = await generateAll(hostileCatalog(base, hostile));
        generated++;
        // why: every file kind of every generator is present, so a skipped renderer cannot pass silently.
        expect(new Set(clients.map((f) => path.basename(f.path)))).toEqual(new Set(['types.ts', 'validators.js', 'validators.d.ts', 'contracts.ts', 'producer.ts', 'consumer.ts', 'index.ts']));
        expect(pacts.length).toBeGreaterThan(0);
        expect(patterns.length).toBe(2);
        expect(inspectFiles([...clients, ...pacts, ...patterns])).toEqual([]);
      }),
      { numRuns: 8, seed: 1107, endOnFailure: true },
    );
    expect(generated).toBe(8);
  }, 600_000);

  it('the client bundle: compiled JS, .d.ts, package.json and README', async () => {
    const base = await seed();
    const samples = fc.sample(strings(), { numRuns: 2, seed: 1108 });
    for (const hostile of samples) {
      const catalog = hostileCatalog(base, hostile);
      const files = tarEntries(await buildClientBundle(catalog, 'domain-modeller', catalog.version));
      // why: the bundle is what another team imports; the compiled output must be as clean as the source.
      expect(files.some((f) => f.path === 'package/dist/consumer.js')).toBe(true);
      expect(inspectFiles(files)).toEqual([]);
      const readme = files.find((f) => f.path === 'package/README.md')!.contents;
      const snippet = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
      expect(inspectSource('readme-snippet.ts', snippet)).toEqual([]);
    }
  }, 600_000);

  it('names that become folders, files and identifiers are refused at load, with file:line:col', async () => {
    const text = await readFile(SEED, 'utf8');
    const name = fc.tuple(fc.constantFrom('prompt-studio', 'Prompt.X.Y', ''), fc.constantFrom(...HOSTILE_FRAGMENTS, '..', '/', 'a b')).map(([a, b]) => a + b);
    await fc.assert(
      fc.asyncProperty(name, fc.constantFrom('agent', 'event type'), async (hostile, where) => {
        const quoted = JSON.stringify(hostile); // a JSON string is a YAML double-quoted scalar
        const mutated =
          where === 'agent'
            ? text.replace(/^(\s+)prompt-studio:/m, `$1${quoted}:`).replaceAll('x-agent: prompt-studio', `x-agent: ${quoted}`)
            : text.replace('x-event-type: Prompt.Creation.Requested', `x-event-type: ${quoted}`);
        expect(mutated).not.toBe(text);
        const error = await parseCatalog(mutated, 'doc.yaml').then(() => undefined, (e: unknown) => e);
        // why: the loader is the gate for every consumer (lint, generate, pacts, registry uploads).
        expect(error).toBeInstanceOf(CatalogError);
        const diagnostics = (error as CatalogError).diagnostics;
        expect(diagnostics.some((d) => d.line > 0 && d.col > 0 && d.file === 'doc.yaml')).toBe(true);
      }),
      { numRuns: 40, seed: 1109 },
    );
  }, 120_000);

  it('generation refuses a hostile agent id that bypassed the loader instead of emitting it', async () => {
    const base = await seed();
    const hostile = { ...base, agents: base.agents.map((a) => (a.id === 'prompt-studio' ? { ...a, id: `*/ globalThis.${SENTINEL}(); /*` } : a)) };
    // why: the agent id is a folder name; the plan refuses it rather than escaping it into a path.
    await expect(renderClients(hostile)).rejects.toBeInstanceOf(GenerationError);
  });

  it('a property name json-schema-to-typescript cannot encode is a GenerationError, not a crash', async () => {
    const base = await seed();
    const event = base.events.find((e) => e.eventType === 'Prompt.Creation.Requested')!;
    const payload = event.payloadSchema as { properties: Record<string, unknown> };
    const broken = { ...event, payloadSchema: { ...payload, properties: { ...payload.properties, ['\ud800']: { type: 'string' } } } };
    const catalog = { ...base, events: base.events.map((e) => (e === event ? broken : e)) };
    // why: the registry builds bundles from stored documents; an unexpected exception there is a 500.
    await expect(renderClients(catalog, { agent: 'prompt-studio' })).rejects.toBeInstanceOf(GenerationError);
  });
});
