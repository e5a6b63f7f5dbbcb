/**
 * The committed seed clients in generated/: they match the generator's output (drift fails
 * CI, like `evc generate --check`), and they compile under strict tsc.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';
import { loadCatalog } from '#catalog/load.ts';
import { checkClients, planCatalog, renderClients, writeClients } from '#generators/index.ts';
import { repoRoot, repoTempDir } from '#generators/fixtures/temp-dir.ts';
import { typecheck } from '#generators/fixtures/tsc.ts';

const SEED = 'asyncapi/prompt-platform.yaml';

describe('generated/ (the seed document\'s committed clients)', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    tmp = await repoTempDir('drift');
  });
  afterAll(() => tmp.remove());

  it('has no drift: `evc generate --check` passes on the committed output', async () => {
    const result = await runCli(['generate', SEED, '--out', 'generated', '--check'], { cwd: repoRoot });
    // why: CI must fail when someone edits the document (or generator) without regenerating.
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/generated files in generated are up to date/);
  }, 180_000);

  it('reports drifted, missing and extra files and exits 1', async () => {
    const catalog = await loadCatalog(path.join(repoRoot, SEED));
    const files = await renderClients(catalog, { agent: 'prompt-studio' });
    // An earlier run generated stale.ts (so the manifest lists it); NOTES.md is the user's own.
    await writeClients([...files, { path: 'prompt-studio/stale.ts', contents: 'export {};\n' }], tmp.dir);
    const { rm } = await import('node:fs/promises');
    await writeFile(path.join(tmp.dir, 'prompt-studio/producer.ts'), '// edited by hand\n');
    await rm(path.join(tmp.dir, 'prompt-studio/types.ts'));
    await writeFile(path.join(tmp.dir, 'prompt-studio/NOTES.md'), 'mine\n');
    const drift = await checkClients(files, tmp.dir);
    // why: each kind of drift is named so the user knows what regenerating will change.
    expect(drift).toEqual({ changed: ['prompt-studio/producer.ts'], missing: ['prompt-studio/types.ts'], extra: ['prompt-studio/stale.ts'] });
    const out = path.relative(repoRoot, tmp.dir);
    const result = await runCli(['generate', SEED, '--out', out, '--agent', 'prompt-studio', '--check'], { cwd: repoRoot });
    // why: --check is a CI gate: exit 1 and list every drifted file.
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/drifted: .*prompt-studio\/producer\.ts/);
    expect(result.stderr).toMatch(/missing: .*prompt-studio\/types\.ts/);
    expect(result.stderr).toMatch(/extra: .*prompt-studio\/stale\.ts/);
    // why: writing repairs the folder exactly, including removing the stale file.
    expect((await runCli(['generate', SEED, '--out', out, '--agent', 'prompt-studio'], { cwd: repoRoot })).code).toBe(0);
    expect(await checkClients(files, tmp.dir)).toEqual({ changed: [], missing: [], extra: [] });
    // why: the writer never deletes a file it did not generate (issue #18).
    expect(await readFile(path.join(tmp.dir, 'prompt-studio/NOTES.md'), 'utf8')).toBe('mine\n');
  }, 180_000);

  it('compiles under strict tsc --noEmit, together with the README usage snippet', async () => {
    // The README's snippet, pointed at the committed client instead of the installed bundle.
    const whole = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
    const start = whole.indexOf('## Typed clients per agent');
    const readme = whole.slice(start, whole.indexOf('\n## ', start + 1));
    const blocks = [...readme.matchAll(/```(bash|ts)\n([\s\S]*?)```/g)];
    const snippet = blocks.find((b) => b[1] === 'ts')![2]!;
    // why: the issue promises "downloads and uses its client in under ten lines".
    expect(blocks.reduce((n, b) => n + b[2]!.trim().split('\n').length, 0)).toBeLessThan(10);
    const snippetDir = path.join(tmp.dir, 'readme-snippet');
    await mkdir(snippetDir, { recursive: true });
    const client = path.join(repoRoot, 'generated/evaluation-engine/index.ts');
    await writeFile(
      path.join(snippetDir, 'snippet.ts'),
      [
        `import type { EvaluationExecutionCompletedPayload, EvaluationExecutionRequestedPayload } from ${JSON.stringify(client)};`,
        'declare function evaluate(request: EvaluationExecutionRequestedPayload): Promise<EvaluationExecutionCompletedPayload>;',
        snippet.replace("'@evc-clients/evaluation-engine'", JSON.stringify(client)),
      ].join('\n'),
    );
    // Only the agent folders: generated/ also holds other generators' output (generated/patterns).
    const { agents } = planCatalog(await loadCatalog(path.join(repoRoot, SEED)));
    const result = await typecheck([...agents.map((a) => path.join(repoRoot, 'generated', a.folder)), snippetDir], tmp.dir);
    // why: generated clients are only useful if they type-check in a strict project.
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 180_000);

  it('fails with a clear message for an unknown agent', async () => {
    const result = await runCli(['generate', SEED, '--out', 'generated', '--agent', 'nobody', '--check'], { cwd: repoRoot });
    // why: exit 2 for unusable input, and the valid agents are listed.
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown agent "nobody"/);
    expect(result.stderr).toMatch(/hint: valid agents: backend-developer, domain-modeller/);
  }, 60_000);
});
