/**
 * The lint half of issue 7 (owner: patterns): what `evc lint` reports so that a half-added
 * saga step or aggregate event fails before it reaches production. Each case is the clean
 * fixture test/fixtures/lint/valid.yaml with one edit, and asserts the message and line:col.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { lintDocument } from '../lint.ts';

const valid = readFileSync(`${repoRoot}/test/fixtures/lint/valid.yaml`, 'utf8');
const edit = (from: string, to: string) => {
  if (!valid.includes(from)) throw new Error(`fixture edit does not apply: ${from}`);
  return valid.replace(from, to);
};

const cases: { why: string; rule: string; text?: string; fixture?: string; at: string; message: string; also?: string[] }[] = [
  {
    why: 'a saga step without a compensation',
    rule: 'saga-compensation',
    fixture: 'saga-compensation',
    at: '13:7',
    message: 'saga CreationSaga step 1 (Prompt.Creation.Requested) has no compensation',
  },
  {
    why: 'a saga request with no outcome step after it',
    rule: 'saga-compensation',
    text: edit('    - Prompt.Creation.Requested\n    - Prompt.Lifecycle.Created\n', '    - Prompt.Creation.Requested\n'),
    at: '14:7',
    message: 'saga CreationSaga step 1 (Prompt.Creation.Requested) is a request with no outcome step after it',
  },
  {
    why: 'a compensation that belongs to no step (which leaves step 1 without one)',
    rule: 'saga-compensation',
    text: edit('    - onFailure: Prompt.Creation.Requested\n', '    - onFailure: Prompt.Lifecycle.Created\n'),
    also: ['14:7: saga CreationSaga step 1 (Prompt.Creation.Requested) has no compensation'],
    at: '17:7',
    message: 'saga CreationSaga compensation 1 (Prompt.Lifecycle.Created → Prompt.Lifecycle.Created) belongs to no step',
  },
  {
    why: 'a saga step naming an unknown event (the catalog rule saga-events)',
    rule: 'saga-events',
    fixture: 'saga-events',
    at: '14:7',
    message: 'saga CreationSaga step 2 names unknown event "Prompt.Lifecycle.Creatd"',
  },
  {
    why: 'an aggregate event without the aggregate id (the catalog rule aggregate-id)',
    rule: 'aggregate-id',
    fixture: 'aggregate-id',
    at: '88:7',
    message: 'Prompt.Lifecycle.Created belongs to aggregate PromptAggregate but its payload does not require "promptId"',
  },
  {
    why: 'an aggregate event the generated reducer would not handle',
    rule: 'aggregate-reducer',
    fixture: 'aggregate-reducer',
    at: '107:5',
    message: 'Prompt.Lifecycle.Archived looks like an event of aggregate PromptAggregate but is not in its events, so the generated reducer has no handler for it',
  },
  {
    why: 'an aggregate event listed twice',
    rule: 'aggregate-reducer',
    text: edit('  events:\n    - Prompt.Lifecycle.Created\n', '  events:\n    - Prompt.Lifecycle.Created\n    - Prompt.Lifecycle.Created\n'),
    at: '24:7',
    message: 'aggregate PromptAggregate lists Prompt.Lifecycle.Created twice',
  },
];

describe('lint rules for sagas and aggregates', () => {
  it.each(cases)('reports $why at $at', async ({ rule, text, fixture, at, message, also = [] }) => {
    const file = fixture ? `test/fixtures/lint/${fixture}.yaml` : 'test/fixtures/lint/valid.yaml';
    const found = fixture ? await lintDocument(`${repoRoot}/${file}`) : await lintDocument(file, { text: text! });
    const ours = found.filter((d) => d.code === rule);
    expect(ours.map((d) => `${d.line}:${d.col}: ${d.message}`), 'exactly these findings, at these places').toEqual([...also, `${at}: ${message}`]);
    expect(ours.every((d) => /\S/.test(d.hint ?? '')), 'each says what to do next').toBe(true);
    expect(found.filter((d) => d.severity === 'error'), 'the edit introduces no other error').toHaveLength(1 + also.length);
  });

  it('fails `evc lint` with file:line:col on the committed fixtures', async () => {
    const r = await runCli(['lint', 'test/fixtures/lint/saga-compensation.yaml'], { cwd: repoRoot });
    expect(r.code, 'a finding exits 1').toBe(1);
    expect(r.stderr).toContain('test/fixtures/lint/saga-compensation.yaml:13:7: error saga-compensation: saga CreationSaga step 1 (Prompt.Creation.Requested) has no compensation');
  });

  it('finds nothing in the seed and the clean fixture', async () => {
    for (const file of ['asyncapi/prompt-platform.yaml', 'test/fixtures/lint/valid.yaml']) {
      const found = await lintDocument(`${repoRoot}/${file}`);
      expect(found.filter((d) => d.code === 'saga-compensation' || d.code === 'aggregate-reducer'), file).toEqual([]);
    }
  });
});
