/** One escaping function per context (escape.ts): each round-trips or stays inert in its context. */
import { describe, expect, it } from 'vitest';
import { blockComment, identifier, jsonLiteral, lineComment, markdownCode, propertyAccess, regexExpression, stringLiteral, templateText } from './escape.ts';
import { inspectSource } from '../fixtures/hostile.ts';

const HOSTILE = ['plain', "it's", 'say "hi"', 'back\\slash', 'line\nbreak', 'cr\rlf', '\u2028\u2029', 'nul\u0000', '\ud800 lone', '*/ x(); /*', '`${x()}`', '</script>', '\\u0027', 'é 𝄞'];

describe('escape.ts', () => {
  it.each(HOSTILE)('string literal round-trips %j', (value) => {
    // why: generated code must carry the document's exact value, not a mangled one.
    expect(new Function(`return ${stringLiteral(value)};`)()).toBe(value);
    expect(new Function(`return ${jsonLiteral({ value })};`)()).toEqual({ value });
    expect(new Function(`return \`${templateText(value)}\`;`)()).toBe(value);
    // why: U+2028/2029 and `<` are escaped even though ES2019 allows them raw (older tools, `</script>`).
    expect(stringLiteral(value)).not.toMatch(/[\u2028\u2029<\n\r\u0000]/);
  });

  it.each(HOSTILE)('comments stay comments for %j', (value) => {
    const code = `/** ${blockComment(value)} */\n// ${lineComment(value)}\nexport const ok = 1;`;
    // why: one line, no `*/`, no line terminator: the next line is still the code we wrote.
    expect(inspectSource('c.ts', code)).toEqual([]);
    expect(blockComment(value)).not.toMatch(/\*\/|[\n\r\u2028\u2029]/);
    expect(lineComment(value)).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(new Function(`${code.replace('export ', '')}; return ok;`)()).toBe(1);
  });

  it('identifiers are checked, never repaired', () => {
    // why: a derived name that is not an identifier is a generator bug; emitting it would be code.
    expect(identifier('promptCreationRequested')).toBe('promptCreationRequested');
    for (const bad of ['a-b', '1a', 'class', 'a b', '', 'x/*', 'é']) expect(() => identifier(bad), bad).toThrow(/not a safe identifier/);
  });

  it('property access and regexes use literals for anything that is not an identifier', () => {
    expect([propertyAccess('promptId'), propertyAccess("a'];x();['")]).toEqual(['.promptId', "['a\\'];x();[\\'']"]);
    // why: a `/…/` literal could be closed by the pattern; `new RegExp(string)` cannot.
    expect(regexExpression('^a/b$', 'u')).toBe("new RegExp('^a/b$', 'u')");
    expect(new Function(`return ${regexExpression('^a/b$', 'u')};`)().test('a/b')).toBe(true);
    expect(() => regexExpression('a', 'u); x(); (')).toThrow(/invalid flags/);
  });

  it('markdown inline code cannot be closed or broken', () => {
    expect(markdownCode('a`b\nc')).toBe('`aˋb c`');
  });
});
