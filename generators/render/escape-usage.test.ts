/**
 * The other half of "one escaping function per context": renderers cannot bypass it. Every
 * `${…}` in a renderer's template literals that reads a document field (title, version,
 * description, names, addresses, roles, …) must do so inside a call to escape.ts (or to a
 * naming function that keeps only `[A-Za-z0-9]`). A heuristic over the TypeScript AST; the
 * property test (escape.property.test.ts) is the proof on real output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../fixtures/temp-dir.ts';

const RENDERERS = [
  ...['generators/render', 'patterns/codegen'].flatMap((dir) => readdirSync(path.join(repoRoot, dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `${dir}/${f}`)),
  'generators/bundle/readme.ts',
  'contracts/render-tests.ts',
].filter((f) => !f.endsWith('/escape.ts'));

/** Calls whose result is safe in generated source: escape.ts, and names reduced to `[A-Za-z0-9]`. */
const SAFE_CALLS = new Set([
  'blockComment', 'lineComment', 'stringLiteral', 'literal', 'jsonLiteral', 'json', 'templateText', 'regexExpression', 'identifier',
  'propertyKey', 'propertyAccess', 'markdownCode', 'pascalCase', 'camelCase', 'pascalName', 'camelName', 'kebabName', 'payloadTypeName',
  'contractConst', 'list', 'eventTypeTokens', 'generatedHeader',
]);
/** Properties that hold document text (`EventPlan.eventType` is a generated type name; `contract.eventType` is not). */
const DOCUMENT_FIELDS = new Set(['agent', 'title', 'version', 'description', 'summary', 'name', 'address', 'role', 'idField', 'orchestrator', 'producerSkipped', 'consumerSkipped', 'request', 'completedBy', 'compensation', 'trigger', 'failureEvent']);

/** Error messages, hints and problem texts are shown to users, not emitted as code. */
const isMessage = (node: ts.Node): boolean =>
  (ts.isNewExpression(node) && /Error$/.test(node.expression.getText())) ||
  (ts.isPropertyAssignment(node) && /^(message|hint|description)$/.test(node.name.getText())) ||
  ((ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(node)) && /message/i.test(node.name?.getText() ?? ''));

const isSafeCall = (node: ts.Node): boolean => {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return SAFE_CALLS.has(ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '');
};

function rawInterpolations(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const unsafe = (node: ts.Node): ts.Node | undefined => {
    if (isSafeCall(node)) return undefined;
    if (ts.isTemplateExpression(node) || ts.isArrowFunction(node)) return undefined; // checked on their own
    if (ts.isConditionalExpression(node)) return unsafe(node.whenTrue) ?? unsafe(node.whenFalse); // the condition is not emitted
    if (ts.isPropertyAccessExpression(node)) {
      const field = node.name.text;
      const owner = node.expression.getText(source);
      if (field === 'name' && /^built\b/.test(owner)) return undefined; // a generated validator name
      if (DOCUMENT_FIELDS.has(field) || (field === 'eventType' && /(^|\.)(contract|c|event)$/.test(owner))) return node;
    }
    return ts.forEachChild(node, unsafe);
  };
  const visit = (node: ts.Node): void => {
    if (isMessage(node) || isSafeCall(node)) return; // a safe call escapes whatever templates it is given
    if (ts.isTemplateSpan(node)) {
      const bad = unsafe(node.expression);
      if (bad) found.push(`${file}:${source.getLineAndCharacterOfPosition(bad.getStart()).line + 1}: \${${node.expression.getText(source)}}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('renderers interpolate document text only through escape.ts', () => {
  it('finds no raw interpolation of a document field in any renderer', () => {
    expect(RENDERERS.length).toBeGreaterThan(20);
    const found = RENDERERS.flatMap((f) => rawInterpolations(f, readFileSync(path.join(repoRoot, f), 'utf8')));
    // why: a raw `${catalog.version}` in a comment is how issue #11's injection worked.
    expect(found).toEqual([]);
  });

  it.each([
    ['a version in a comment', 'const x = `/** ${catalog.version} */`;'],
    ['an event type in a literal', "const x = `send('${e.contract.eventType}')`;"],
    ['a name in a conditional', 'const x = `${ok ? aggregate.name : ""}`;'],
  ])('flags %s', (_what, code) => {
    // why: the check must be able to fail.
    expect(rawInterpolations('x.ts', code)).toHaveLength(1);
  });

  it('accepts the escaped forms', () => {
    expect(rawInterpolations('x.ts', 'const x = `/** ${blockComment(catalog.version)} */ ${literal(e.contract.eventType)} ${e.eventType}`;')).toEqual([]);
  });
});
