import { describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';
import { repoRoot } from '#test/support/conformance.ts';
import type { Catalog } from '#catalog/model.ts';

describe('evc catalog', () => {
  it('prints every seed event with its version, publisher and subscribers as JSON', async () => {
    const r = await runCli(['catalog', '--format', 'json'], { cwd: repoRoot });
    expect(r.code, r.stderr).toBe(0);
    const catalog = JSON.parse(r.stdout) as Catalog;
    expect(catalog.events, '3 core + 4 saga steps + 6 failures/compensations + 5 aggregate + FailureEvent').toHaveLength(19);
    const created = catalog.events.find((e) => e.eventType === 'Prompt.Creation.Requested')!;
    expect(created.publishers).toEqual(['prompt-studio']);
    expect(created.subscribers.map((s) => [s.agent, s.role])).toContainEqual(['domain-modeller', 'context-analysis']);
  });

  it('prints a table with one row per event, publisher before subscribers', async () => {
    const r = await runCli(['catalog', 'asyncapi/prompt-platform.yaml'], { cwd: repoRoot });
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^[A-Z][a-z]+\.[A-Z]/.test(l));
    expect(rows, 'one row per event').toHaveLength(19);
    expect(rows.find((l) => l.startsWith('Workflow.Execution.Started')), 'type, version, publisher, subscribers with roles').toMatch(
      /^Workflow\.Execution\.Started\s+1\.0\.0\s+workflow-engine\s+backend-developer \(environment-setup\), observability-engineer \(monitoring\), real-time-features-specialist \(ui-updates\)$/,
    );
    expect(r.stdout).toContain('Saga PromptOptimizationSaga (orchestrator prompt-optimization-orchestrator)');
  });

  it('refuses an unknown --format with exit 2', async () => {
    const r = await runCli(['catalog', '--format', 'csv'], { cwd: repoRoot });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('valid formats: table, json');
  });
});
