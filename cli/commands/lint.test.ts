import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '#cli/test-io.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { rules } from '#catalog/rules/index.ts';

const fixture = (name: string) => `test/fixtures/lint/${name}.yaml`;
const lint = (...args: string[]) => runCli(['lint', ...args], { cwd: repoRoot });

/**
 * One failing fixture per rule (each is test/fixtures/lint/valid.yaml with one defect). Every
 * row asserts the exact position, so a rule that reports the wrong place fails here.
 */
const cases = [
  { rule: 'event-type-format', at: '72:7', message: 'x-event-type "Prompt.CreationRequested" of message PromptCreationRequested is not Domain.Entity.Action' },
  { rule: 'semver-version', at: '73:7', message: 'x-version of Prompt.Creation.Requested: "1.0" is not a release version' },
  { rule: 'envelope-present', at: '75:7', message: 'Prompt.Creation.Requested is not built on the BaseEvent envelope' },
  { rule: 'known-agent', at: '42:5', message: 'operation receiveRequested: unknown agent "domain-modellerr"' },
  { rule: 'event-publisher', at: '66:5', message: 'Prompt.Creation.Requested has no publishing agent (no send operation on channel requested)' },
  { rule: 'saga-events', at: '14:7', message: 'saga CreationSaga step 2 names unknown event "Prompt.Lifecycle.Creatd"' },
  { rule: 'aggregate-id', at: '88:7', message: 'Prompt.Lifecycle.Created belongs to aggregate PromptAggregate but its payload does not require "promptId"' },
  { rule: 'partition-key', at: '74:7', message: 'x-partition-key /metadata/userId of Prompt.Creation.Requested does not exist ("userId" is not declared)' },
  { rule: 'reads-resolve', at: '44:29', message: 'prompt-engineering-specialist reads /descriptoin of Prompt.Creation.Requested, which its payload does not declare ("descriptoin")' },
  { rule: 'example-valid', at: '86:15', message: 'example 1 of Prompt.Creation.Requested does not match its schema: /payload/description must be string' },
  { rule: 'policy-shape', at: '77:9', message: 'x-retry-policy backoff: Invalid option: expected one of "exponential"|"linear"|"fixed"' },
  { rule: 'remote-ref', at: '33:9', message: 'remote $ref "https://schemas.example.com/prompt-lifecycle-created.yaml" is not allowed' },
];

describe('evc lint', () => {
  it('exits 0 on the seed document', async () => {
    const r = await lint('asyncapi/prompt-platform.yaml');
    expect(r.stderr, 'the seed has no findings').toBe('');
    expect(r.code).toBe(0);
  });

  it('exits 0 on the clean fixture every rule fixture is derived from', async () => {
    const r = await lint(fixture('valid'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout, 'warnings do not fail lint: the fixture\'s aggregate event has no subscriber').toContain('0 error(s), 1 warning(s)');
  });

  it('has a failing fixture for every rule in the table', () => {
    // The patterns engineer's saga/aggregate rules have their rows in catalog/rules/pattern-rules.test.ts.
    const testedElsewhere = ['saga-compensation', 'aggregate-reducer'];
    expect([...cases.map((c) => c.rule), ...testedElsewhere].sort(), 'a new rule needs a fixture row').toEqual(rules.map((r) => r.id).sort());
    for (const rule of rules) expect(existsSync(path.join(repoRoot, fixture(rule.id))), `${fixture(rule.id)} exists`).toBe(true);
  });

  it.each(cases)('$rule: reports the defect at $at and exits 1', async ({ rule, at, message }) => {
    const r = await lint(fixture(rule));
    expect(r.code, 'findings exit 1').toBe(1);
    expect(r.stderr, 'file:line:col, severity, rule id and message').toContain(`${fixture(rule)}:${at}: error ${rule}: ${message}`);
    expect(r.stderr.match(/: error /g), 'the fixture has exactly one defect').toHaveLength(1);
    expect(r.stderr, 'every finding says what to do next').toContain('hint: ');
  });

  it('reports parser (spec) errors with their position', async () => {
    const r = await lint(fixture('asyncapi-schema'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/asyncapi-schema\.yaml:41:5: error asyncapi\/[\w-]+: "action" property must be equal to one of the allowed values/);
  });

  it('reports the same spec error at the same place with --spectral (@asyncapi/parser)', async () => {
    const r = await lint(fixture('asyncapi-schema'), '--spectral');
    expect(r.code, 'the parser finds the error too').toBe(1);
    expect(r.stderr, 'same file:line:col and rule').toMatch(/asyncapi-schema\.yaml:41:5: error asyncapi\/asyncapi-document-resolved: "action" property must be equal to one of the allowed values/);
  });

  it('prints machine-readable JSON with --format json', async () => {
    const r = await lint(fixture('known-agent'), '--format', 'json');
    expect(r.stderr, 'JSON goes to stdout only').toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report, 'the aggregate event of the fixture has no subscriber: one warning').toMatchObject({ file: fixture('known-agent'), usable: true, errors: 1, warnings: 1 });
    const error = report.diagnostics.find((d: { severity: string }) => d.severity === 'error');
    expect(error, 'the JSON carries the pointer as well as line:col').toMatchObject({
      code: 'known-agent', line: 42, col: 5, pointer: '/operations/receiveRequested/x-agent', file: fixture('known-agent'),
    });
  });

  it('lists every rule with its description on --rules', async () => {
    const r = await lint('--rules');
    expect(r.code).toBe(0);
    for (const rule of rules) expect(r.stdout, rule.id).toContain(`${rule.id.padEnd(20)} ${rule.description}`);
  });

  it('reports unusable input as JSON too, with usable: false and exit 2', async () => {
    const r = await lint('test/fixtures/bad-input/ref-cycle.yaml', '--format', 'json');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ usable: false, diagnostics: [{ code: 'ref-cycle', line: 15, col: 7, file: 'test/fixtures/bad-input/ref-cycle.yaml' }] });
  });

  it('refuses an unknown --format with exit 2 and names the valid ones', async () => {
    const r = await lint('--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('valid formats: text, json');
  });
});

/** Unusable input: one clear message, exit 2, never a stack trace. */
const badInput = [
  { file: 'empty.yaml', expected: 'empty.yaml: error input-empty: the file is empty' },
  { file: 'binary.png', expected: 'binary.png: error input-binary: not a text file' },
  { file: 'invalid.yaml', expected: 'invalid.yaml:8:5: error yaml-syntax: invalid YAML: Flow sequence in block collection' },
  { file: 'alias-bomb.yaml', expected: 'alias-bomb.yaml: error yaml-alias-limit: refused: the YAML aliases expand beyond 100 nodes' },
  { file: 'ref-cycle.yaml', expected: 'ref-cycle.yaml:15:7: error ref-cycle: $ref cycle: ' },
  { file: 'asyncapi-2.yaml', expected: 'asyncapi-2.yaml:1:1: error unsupported-version: the document declares asyncapi: "2.6.0"' },
  { file: 'not-a-mapping.yaml', expected: 'not-a-mapping.yaml:1:1: error input-not-a-document: not an AsyncAPI document: its top level is a list' },
  { file: 'does-not-exist.yaml', expected: 'does-not-exist.yaml: error input-missing: file not found' },
];

describe('evc lint and evc catalog on unusable input', () => {
  it.each(badInput)('$file: exit 2 with one clear message', async ({ file, expected }) => {
    for (const command of ['lint', 'catalog']) {
      const r = await runCli([command, path.join('test/fixtures/bad-input', file)], { cwd: repoRoot });
      expect(r.code, `${command} exits 2 on unusable input`).toBe(2);
      expect(r.stderr, `${command} names the file, position and problem`).toContain(`test/fixtures/bad-input/${expected}`);
      expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
      expect(r.stderr.match(/ error /g), 'one message, not a cascade').toHaveLength(1);
    }
  });
});
