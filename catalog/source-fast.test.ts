/**
 * js-yaml (source-fast.ts) may stand in for the `yaml` package only where both give the same
 * data and the same line:col for every node. Checked on every YAML document the project has.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { conformanceDir, repoRoot } from '#test/support/conformance.ts';
import { needsConformance, skipWithout } from '#test/support/requirements.ts';
import { encodePointer } from '#shared/json-pointer.ts';
import { parseSource, parseWithYaml } from './source.ts';
import { parseFast } from './source-fast.ts';

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? yamlFiles(full) : /\.(ya?ml|json)$/.test(name) ? [full] : [];
  });
const files = [
  path.join(repoRoot, 'asyncapi/prompt-platform.yaml'),
  ...yamlFiles(path.join(repoRoot, 'test/fixtures/lint')),
  // The AsyncAPI spec examples join when the shared conformance data is there.
  ...(skipWithout(needsConformance) ? [] : yamlFiles(path.join(conformanceDir(), 'asyncapi-examples-v3.0.0'))),
];

/** Every JSON pointer in a value, plus one missing key under each mapping. */
function pointers(value: unknown, at: string[] = [], out: string[] = []): string[] {
  out.push(encodePointer(at));
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) pointers(child, [...at, key], out);
    if (!Array.isArray(value)) out.push(encodePointer([...at, 'no-such-key']));
  }
  return out;
}

/** The seed as the `yaml` package writes it back (flow lists on their own line, folded text): what editors and the bench produce. */
const rewritten = parseDocument(readFileSync(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'), 'utf8')).toString();

describe('js-yaml fast path', () => {
  it('rewritten seed: same data and positions as the yaml package, on the fast path', () => {
    const reference = parseWithYaml(rewritten, 'rewritten.yaml');
    const fast = parseSource(rewritten, 'rewritten.yaml');
    expect(parseFast(rewritten), 'no fallback').toBeDefined();
    expect(fast.data).toEqual(reference.data);
    const mismatches = pointers(reference.data).filter((p) => JSON.stringify(fast.locate(p)) !== JSON.stringify(reference.locate(p)));
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it.each(files.map((f) => [path.relative(repoRoot, f), f]))('%s: same data and positions as the yaml package', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const reference = parseWithYaml(text, file);
    const fast = parseSource(text, file);
    expect(fast.data, 'same data').toEqual(reference.data);
    const mismatches = pointers(reference.data)
      .map((p) => ({ p, fast: fast.locate(p), ref: reference.locate(p) }))
      .filter((m) => m.fast.line !== m.ref.line || m.fast.col !== m.ref.col);
    expect(mismatches.slice(0, 5), 'same line:col for every pointer').toEqual([]);
  });

  it('takes the fast path on the seed (the point of it)', () => {
    // why: were the seed to fall back silently, evc diff would lose its speed without a failing test.
    expect(parseFast(readFileSync(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'), 'utf8'))).toBeDefined();
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a tag', 'a: !!binary aGk=\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['invalid YAML', 'a: [1\n'],
  ])('leaves %s to the yaml package', (_why, text) => {
    expect(parseFast(text), 'fallback keeps the yaml package\'s errors and limits').toBeUndefined();
  });
});
