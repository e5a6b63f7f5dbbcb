/**
 * Issue #18: `isObject` was declared five times, JSON-pointer decoding four times and `majorOf`
 * three times. The helpers live in shared/ (and compat/semver.ts); this test fails when a
 * hand-written copy reappears in the sources, naming the file and line to fix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#test/support/conformance.ts';

const FOLDERS = ['bin', 'catalog', 'cli', 'compat', 'contracts', 'generators', 'patterns', 'registry', 'runtime', 'scripts', 'test'];
const SKIP = new Set(['node_modules', 'generated', 'dist', '.evc']);

const COPIES: { what: string; pattern: RegExp; use: string }[] = [
  { what: 'an object test', pattern: /(?:const|function)\s+is[A-Z]\w*\s*=?\s*\(\s*\w+\s*:\s*unknown\s*\)[^\n]*typeof \w+ === 'object' && \w+ !== null && !Array\.isArray/, use: "isObject from '#shared/json.ts'" },
  { what: 'RFC 6901 unescaping', pattern: /replace(?:All)?\(\s*(?:\/~1\/g|'~1')\s*,\s*'\/'\s*\)/, use: "unescapeToken / decodePointer from '#shared/json-pointer.ts'" },
  { what: 'RFC 6901 escaping', pattern: /replace(?:All)?\(\s*(?:\/~\/g|'~')\s*,\s*'~0'\s*\)/, use: "escapeToken / encodePointer from '#shared/json-pointer.ts'" },
  { what: 'a majorOf', pattern: /(?:function|const)\s+majorOf\b/, use: "majorOf from '#compat/semver.ts' (the runtime: '../shared/version.ts')" },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sources(full);
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('no hand-written copies of the shared helpers', () => {
  it.each(COPIES)('no $what outside shared/', ({ pattern, use }) => {
    const found: string[] = [];
    for (const folder of FOLDERS) {
      for (const file of sources(path.join(repoRoot, folder))) {
        readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
          if (pattern.test(line)) found.push(`${path.relative(repoRoot, file)}:${i + 1}`);
        });
      }
    }
    expect(found, `use ${use}`).toEqual([]);
  });

  it('the patterns recognise the copies they are meant to catch', () => {
    const samples = [
      "const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);",
      "const decode = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');",
      "const escape = (key: string) => key.replace(/~/g, '~0').replace(/\\//g, '~1');",
      'export function majorOf(version: string): number {',
    ];
    COPIES.forEach(({ what, pattern }, i) => expect(pattern.test(samples[i]!), what).toBe(true));
  });
});
