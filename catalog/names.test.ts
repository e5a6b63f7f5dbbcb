/** The name grammar (names.ts): what it refuses, and that `evc lint` points at the declaration. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './bundled.ts';
import { lintDocument } from './lint.ts';
import { loadCatalog } from './load.ts';
import { isSafeName, nameProblem } from './names.ts';

describe('name grammar', () => {
  it.each([
    ['prompt-studio', true],
    ['Prompt.Creation.Requested', true],
    ['agent_1', true],
    ['..', false],
    ['a..b', false],
    ['../etc', false],
    ['a/b', false],
    ['a\\b', false],
    ['x*/y', false],
    ['a b', false],
    ['tab\there', false],
    ['nul\u0000', false],
    ['line\u2028sep', false],
    ['.hidden', false],
    ['trailing-', false],
    ['', false],
    ['é', false],
    ['a'.repeat(129), false],
  ])('%j is safe: %s', (name, safe) => {
    // why: anything else could leave the output folder or the generated source.
    expect(isSafeName(name)).toBe(safe);
    if (!safe) expect(nameProblem(name)).toMatch(/contains|empty|characters long|must start/);
  });

  it('the seed document passes', async () => {
    // why: the grammar must not refuse the platform's own contracts.
    const catalog = await loadCatalog(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'));
    expect(catalog.agents.every((a) => isSafeName(a.id)) && catalog.events.every((e) => isSafeName(e.eventType))).toBe(true);
  });

  it('evc lint reports an unsafe agent id at the line and column that declares it', async () => {
    const text = readFileSync(path.join(repoRoot, 'test/fixtures/lint/valid.yaml'), 'utf8').replaceAll('prompt-studio', "'../up'");
    const diagnostics = await lintDocument('doc.yaml', { text });
    const unsafe = diagnostics.filter((d) => d.code === 'unsafe-name');
    const declared = text.split('\n').findIndex((l) => l.includes("'../up':")) + 1;
    // why: the user is sent to the exact place to fix (x-agents key and each x-agent use).
    expect(unsafe.length).toBeGreaterThanOrEqual(2);
    expect(unsafe[0]).toMatchObject({ severity: 'error', file: 'doc.yaml', line: declared, pointer: '/x-agents/..~1up' });
    expect(unsafe[0]!.message).toBe('agent id "../up" cannot be used: it contains ".."');
    expect(unsafe.every((d) => d.col > 0)).toBe(true);
  });
});
