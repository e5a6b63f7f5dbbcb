/**
 * The CLI applies the same input limits as the registry (catalog/input-limits.ts): a hostile
 * file is exit 2 with the message the registry would give, never a crash or a hang.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'evc-limits-'));
const write = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return name;
};

describe('evc with inputs over the limits', () => {
  it.each([
    ['diff', 'two JSON Schemas, one nested 1,100 arrays deep', () => ['diff', write('ok.json', '{"type":"string"}'), write('deep.json', `{"x":${'['.repeat(1100)}${']'.repeat(1100)}}`)], /nesting-depth/],
    ['diff', 'a schema with a 100,000-value enum', () => ['diff', write('ok2.json', '{"type":"string"}'), write('enum.json', JSON.stringify({ enum: Array.from({ length: 100_000 }, (_, i) => i) }))], /limit enum-values exceeded at \/enum/],
    ['lint', 'a document nested 1,000 levels by indentation', () => ['lint', write('deep.yaml', `asyncapi: 3.0.0\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`)], /nesting-depth/],
  ])('evc %s: %s → exit 2 naming the limit', async (_command, _what, args, message) => {
    const r = await runCli(args(), { cwd: dir });
    // why: exit 2 is "unusable input" (GUIDE: 0 ok, 1 check failed, 2 usage or input error).
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout + r.stderr).toMatch(message);
  }, 60_000);
});
