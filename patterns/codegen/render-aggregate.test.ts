import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureCatalog, fixtureEvent } from '#test/fixtures/patterns/catalog.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { renderAggregate } from './render-aggregate.ts';
import { PatternGenerationError } from './errors.ts';
import { typecheckFiles } from './typecheck.ts';

const fixture = (name: string) => readFileSync(`${repoRoot}/test/fixtures/patterns/${name}.ts.fixture`, 'utf8');

describe('renderAggregate', () => {
  it('is deterministic: the same catalog renders byte-identical code', async () => {
    const c = fixtureCatalog();
    const [a, b] = [await renderAggregate(c, c.aggregates[0]!), await renderAggregate(c, c.aggregates[0]!)];
    expect(a.contents, 'regeneration must not create drift').toBe(b.contents);
    expect(a.path).toBe('generated/patterns/prompt-aggregate.ts');
  });

  it('generates a handler map where a forgotten event is a compile error', async () => {
    const c = fixtureCatalog();
    const generated = (await renderAggregate(c, c.aggregates[0]!)).contents;
    const complete = typecheckFiles({ 'prompt-aggregate.ts': generated, 'reducer.ts': fixture('reducer-complete') });
    expect(complete, 'control: a reducer handling every event compiles cleanly').toEqual([]);

    const missing = typecheckFiles({ 'prompt-aggregate.ts': generated, 'reducer.ts': fixture('reducer-missing-case') });
    expect(missing, 'exactly one error: the missing Archived handler').toHaveLength(1);
    expect(missing[0], 'TS2345 at the handler object (line 7, col 3) names the forgotten event type').toMatchObject({
      file: 'reducer.ts',
      code: 2345,
      line: 7,
      col: 3,
      message: expect.stringContaining(`Property '"Prompt.Lifecycle.Archived"' is missing`),
    });

    const wrong = typecheckFiles({ 'prompt-aggregate.ts': generated, 'reducer.ts': fixture('reducer-wrong-payload') });
    expect(wrong.map((d) => d.message).join('\n'), 'each handler sees only its own payload type').toContain(
      "Property 'content' does not exist on type 'PromptLifecycleArchivedPayload'",
    );
  });

  it('generates code that passes strict tsc on its own', async () => {
    const c = fixtureCatalog();
    const generated = (await renderAggregate(c, c.aggregates[0]!)).contents;
    expect(typecheckFiles({ 'prompt-aggregate.ts': generated }), 'the generated module compiles under strict').toEqual([]);
  });

  const broken = [
    {
      why: 'an event without the aggregate id cannot be routed to a stream',
      edit: (c: ReturnType<typeof fixtureCatalog>) => {
        c.events[1] = fixtureEvent('Prompt.Lifecycle.Updated', { type: 'object', properties: { content: { type: 'string' } } }, 'p', 31);
      },
      message: 'fixture.yaml:31:5: Prompt.Lifecycle.Updated has no required string payload field "promptId" (the PromptAggregate id)',
    },
    {
      why: 'an unknown event has no payload type to generate',
      edit: (c: ReturnType<typeof fixtureCatalog>) => void c.aggregates[0]!.events.push('Prompt.Lifecycle.Exploded'),
      message: 'fixture.yaml:100:5: PromptAggregate lists Prompt.Lifecycle.Exploded, which no message of the document declares',
    },
  ];
  it.each(broken)('refuses to generate when $why', async ({ edit, message }) => {
    const c = fixtureCatalog();
    edit(c);
    const error = await renderAggregate(c, c.aggregates[0]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PatternGenerationError);
    expect((error as Error).message, 'the message says what and where').toBe(message);
  });
});
