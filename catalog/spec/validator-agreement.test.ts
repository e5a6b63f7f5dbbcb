/**
 * The fast validator (AsyncAPI JSON Schema + the parser's 3.x core rules as data) must reach
 * the same verdict as @asyncapi/parser's Spectral validation on every document we know of: the
 * 24 AsyncAPI 3.0.0 spec examples, the seed, every lint and bad-input fixture, and one broken document per
 * kind of mistake the parser's core ruleset catches. Messages may differ; each invalid document
 * must still get an error that says where (line:col and a JSON pointer).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { conformanceDir, repoRoot } from '#test/support/conformance.ts';
import { needsConformance, skipWithout } from '#test/support/requirements.ts';
import { CatalogError, type Diagnostic } from '../errors.ts';
import { analyzeDocument } from '../load.ts';
import type { Validator } from '../validate.ts';

type Verdict = { valid: boolean; errors: Diagnostic[] };

async function verdict(text: string, file: string, validator: Validator): Promise<Verdict> {
  try {
    const { diagnostics } = await analyzeDocument(text, file, { validator });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    return { valid: errors.length === 0, errors };
  } catch (error) {
    if (error instanceof CatalogError) return { valid: false, errors: error.diagnostics };
    throw error;
  }
}

async function expectAgreement(text: string, file: string, expected?: 'valid' | 'invalid'): Promise<void> {
  const fast = await verdict(text, file, 'fast');
  const spectral = await verdict(text, file, 'spectral');
  const show = (v: Verdict) => v.errors.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`).join('\n');
  expect(fast.valid, `same verdict as the parser.\nfast:\n${show(fast)}\nspectral:\n${show(spectral)}`).toBe(spectral.valid);
  if (expected) expect(fast.valid ? 'valid' : 'invalid', 'the case is what it claims to be').toBe(expected);
  if (!fast.valid) {
    expect(fast.errors.some((d) => d.line > 0 && typeof d.pointer === 'string'), `an error says where:\n${show(fast)}`).toBe(true);
  }
}

const skip = skipWithout(needsConformance);
const examples = skip ? '' : path.join(conformanceDir(), 'asyncapi-examples-v3.0.0');
const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(name) ? [full] : [];
  });
const specExamples = (skip ? [] : yamlFiles(examples)).filter((f) => /^asyncapi:/m.test(readFileSync(f, 'utf8'))).sort();
const lintFixtures = readdirSync(path.join(repoRoot, 'test/fixtures/lint')).filter((f) => f.endsWith('.yaml')).map((f) => path.join(repoRoot, 'test/fixtures/lint', f));

describe.skipIf(skip)('fast validator and Spectral agree', () => {
  it('sees all 24 spec examples', () => expect(specExamples).toHaveLength(24));

  it.each([...specExamples, path.join(repoRoot, 'asyncapi/prompt-platform.yaml'), ...lintFixtures].map((f) => [path.relative(repoRoot, f), f]))('%s', async (_name, file) => {
    await expectAgreement(readFileSync(file, 'utf8'), file);
  });

  it.each(readdirSync(path.join(repoRoot, 'test/fixtures/bad-input')).filter((f) => /\.ya?ml$/.test(f)))('bad-input/%s: refused the same way before either validator runs', async (name) => {
    const file = path.join(repoRoot, 'test/fixtures/bad-input', name);
    const text = readFileSync(file, 'utf8');
    const [fast, spectral] = [await verdict(text, file, 'fast'), await verdict(text, file, 'spectral')];
    expect(fast.valid, 'unusable input').toBe(false);
    expect(fast.errors, 'the same diagnostics: validation is never reached').toEqual(spectral.errors);
  });

  it.each(mutations())('$why', async ({ text, expected }) => {
    await expectAgreement(text, path.join(repoRoot, 'test/fixtures/lint/mutated.yaml'), expected);
  });
});

/** The registry test's "not AsyncAPI" upload, and one edit of the clean lint fixture per mistake. */
function mutations(): { why: string; text: string; expected: 'valid' | 'invalid' }[] {
  const base = readFileSync(path.join(repoRoot, 'test/fixtures/lint/valid.yaml'), 'utf8');
  const edit = (why: string, change: (doc: any) => void, expected: 'valid' | 'invalid' = 'invalid') => {
    const doc = parse(base);
    change(doc);
    return { why, text: stringify(doc), expected };
  };
  const firstOp = (doc: any) => doc.operations[Object.keys(doc.operations)[0]!];
  const firstChannel = (doc: any) => doc.channels[Object.keys(doc.channels)[0]!];
  const firstMessage = (doc: any) => doc.components.messages[Object.keys(doc.components.messages)[0]!];
  return [
    { why: 'a document with only asyncapi and an incomplete info', text: 'asyncapi: 3.0.0\ninfo:\n  title: x\n', expected: 'invalid' },
    edit('an unchanged copy', () => {}, 'valid'),
    edit('info without version (required)', (d) => delete d.info.version),
    edit('an unknown root property', (d) => (d.extra = true)),
    edit('an operation action that is not send/receive', (d) => (firstOp(d).action = 'publish')),
    edit('an operation without a channel', (d) => delete firstOp(d).channel),
    edit('info written as a $ref (Reference Objects are not allowed there)', (d) => {
      d['x-info'] = d.info;
      d.info = { $ref: '#/x-info' };
    }),
    edit('an operation message from another channel', (d) => {
      const [a, b] = Object.keys(d.channels);
      const other = Object.keys(d.channels[b!].messages)[0]!;
      d.operations.badOp = { action: 'send', channel: { $ref: `#/channels/${a}` }, messages: [{ $ref: `#/channels/${b}/messages/${other}` }] };
    }),
    edit('an operation channel under components.channels', (d) => {
      d.components.channels = { spare: firstChannel(d) };
      firstOp(d).channel = { $ref: '#/components/channels/spare' };
    }),
    edit('a channel server under components.servers', (d) => {
      d.components.servers = { local: { host: 'localhost:4222', protocol: 'nats' } };
      firstChannel(d).servers = [{ $ref: '#/components/servers/local' }];
    }),
    edit('a channel server under the root servers', (d) => {
      d.servers = { local: { host: 'localhost:4222', protocol: 'nats' } };
      firstChannel(d).servers = [{ $ref: '#/servers/local' }];
    }, 'valid'),
    edit('a server without host', (d) => (d.servers = { local: { protocol: 'nats' } })),
    edit('a channel id with a query delimiter', (d) => (d.channels['bad?id'] = { address: 'x' })),
    edit('an address parameter that is not described', (d) => Object.assign(firstChannel(d), { address: 'prompts.{tenant}.{kind}', parameters: { tenant: { description: 't' } } })),
    edit('a described parameter the address does not use', (d) => Object.assign(firstChannel(d), { address: 'prompts.{tenant}', parameters: { tenant: {}, extra: {} } })),
    edit('address parameters all described', (d) => Object.assign(firstChannel(d), { address: 'prompts.{tenant}', parameters: { tenant: { description: 't' } } }), 'valid'),
    edit('a payload schema that is not a JSON schema (type: record)', (d) => (firstMessage(d).payload = { type: 'record', fields: [] })),
    edit('an invalid schema reached through a $ref', (d) => {
      d.components.schemas.Broken = { type: 'object', properties: { a: { type: 12 } } };
      firstMessage(d).payload = { $ref: '#/components/schemas/Broken' };
    }),
    edit('an Avro payload declared with its schemaFormat', (d) => (firstMessage(d).payload = { schemaFormat: 'application/vnd.apache.avro;version=1.9.0', schema: { type: 'record', name: 'A', fields: [{ name: 'a', type: 'string' }] } }), 'valid'),
    edit('message examples that are not a list', (d) => (firstMessage(d).examples = 'none')),
    edit('a Kafka message binding with an invalid key schema', (d) => (firstMessage(d).bindings = { kafka: { key: { type: 'record' }, bindingVersion: '0.5.0' } })),
    edit('a message with an unknown property', (d) => (firstMessage(d).sumary = 'typo')),
    edit('a recursive schema', (d) => {
      d.components.schemas.Node = { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } };
      firstMessage(d).payload = { $ref: '#/components/schemas/Node' };
    }, 'valid'),
  ];
}
