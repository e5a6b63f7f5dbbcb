import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from '#test/fixtures/patterns/catalog.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { PatternGenerationError } from './errors.ts';
import { renderSaga } from './render-saga.ts';
import { typecheckFiles } from './typecheck.ts';

const missing = readFileSync(`${repoRoot}/test/fixtures/patterns/saga-builders-missing.ts.fixture`, 'utf8');

describe('renderSaga', () => {
  it('generates the typed definition: steps in order, the outcome and compensation of each', async () => {
    const c = fixtureCatalog();
    const { path, contents } = await renderSaga(c, c.sagas[0]!);
    expect(path).toBe('generated/patterns/prompt-optimization-saga.ts');
    expect(contents, 'step 2 is opened by its request and completed by its outcome').toContain(
      "step: 2,\n      request: 'Evaluation.Execution.Requested',\n      completedBy: 'Evaluation.Execution.Completed',\n      failedBy: ['Evaluation.Execution.Failed'],\n      compensation: 'Evaluation.Retry.Requested',",
    );
    expect(await renderSaga(c, c.sagas[0]!).then((f) => f.contents), 'deterministic').toBe(contents);
  });

  it('makes a forgotten payload builder a compile error', async () => {
    const c = fixtureCatalog();
    const generated = (await renderSaga(c, c.sagas[0]!)).contents;
    const complete = missing.replace(
      "  'Evaluation.Retry.Requested'",
      "  'Prompt.Version.Restored': () => ({ promptId: 'p', restoredRevision: 1 }),\n  'Evaluation.Retry.Requested'",
    );
    expect(typecheckFiles({ 'prompt-optimization-saga.ts': generated, 'builders.ts': complete }), 'control: all five builders compile').toEqual([]);
    const errors = typecheckFiles({ 'prompt-optimization-saga.ts': generated, 'builders.ts': missing });
    expect(errors, 'one error, at the builder map').toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'builders.ts', line: 4, code: 2741, message: expect.stringContaining(`Property '"Prompt.Version.Restored"' is missing`) });
  });

  it('refuses a saga step without a compensation, pointing at the step', async () => {
    const c = fixtureCatalog();
    c.sagas[0]!.compensations.pop();
    const error = await renderSaga(c, c.sagas[0]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PatternGenerationError);
    expect((error as Error).message).toBe('fixture.yaml:150:5: PromptOptimizationSaga step 5 (Optimization.Execution.Requested) has no compensation');
    expect((error as PatternGenerationError).source?.pointer, 'the JSON pointer names the step').toBe('/x-saga/steps/4');
  });
});
