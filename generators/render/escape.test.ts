/** One escaping function per context (escape.ts): each round-trips or stays inert in its context. */
import { describe, expect, it } from 'vitest';
import { blockComment, identifier, isReservedWord, jsonLiteral, lineComment, markdownCode, propertyAccess, regexExpression, stringLiteral, templateText } from './escape.ts';
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
  // ECMAScript 2024 §12.7.2 reserved words, the strict-mode and contextual ones, and the TS
  // type keywords that cannot name a binding: each is refused, one by one.
  const RESERVED_WORDS = [
    'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
    'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
    'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
    'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private',
    'protected', 'public', 'await', 'any', 'unknown', 'never', 'object', 'string', 'number', 'boolean',
    'arguments', 'eval', 'undefined', 'symbol', 'bigint', 'type', 'as', 'declare', 'module', 'namespace',
  ];
  it.each(RESERVED_WORDS)('the reserved word %s is not an identifier', (word) => {
    // why: `const class = …` or `let string = …` in generated code does not compile.
    expect(isReservedWord(word)).toBe(true);
    expect(() => identifier(word)).toThrow(/not a safe identifier/);
  });

  it('names that only resemble reserved words are identifiers', () => {
    for (const name of ['Class', 'classes', 'ifx', 'newEvent', 'types', 'Strings', '_', '$1']) {
      expect(isReservedWord(name), name).toBe(false);
      expect(identifier(name)).toBe(name);
    }
  });

  it('a block comment is one line with single spaces and no blanks at its ends', () => {
    // why: generated doc comments keep the document's words, not its layout.
    expect(blockComment('  a  \t b\n\n c  ')).toBe('a b c');
    expect(blockComment('a*/b */')).toBe('a*\\/b *\\/');
  });

  it('a line comment is trimmed, and its inner spacing is kept', () => {
    expect(lineComment('  a  b\t ')).toBe('a  b');
  });

  it('each line terminator alone, and a run of them, becomes one space', () => {
    for (const br of ['\n', '\r', '\u2028', '\u2029']) expect(lineComment(`a${br}b`), JSON.stringify(br)).toBe('a b');
    expect(lineComment('a\r\n\u2028\u2029b')).toBe('a b');
    expect(markdownCode('a\r\nb')).toBe('`a b`');
  });

  it('other control characters become visible escapes; tab and no-break space stay', () => {
    expect(lineComment('a\u0000\u0008\u000b\u000c\u000e\u001f\u007f\u009f\u00a0\tb')).toBe(
      'a\\u0000\\u0008\\u000b\\u000c\\u000e\\u001f\\u007f\\u009f\u00a0\tb',
    );
  });

  it('lone surrogates become visible escapes; a surrogate pair is kept', () => {
    expect(lineComment('a\ud800b')).toBe('a\\ud800b');
    expect(lineComment('a\udc00b')).toBe('a\\udc00b');
    expect(lineComment('a\udbff')).toBe('a\\udbff');
    expect(lineComment('\udfffa')).toBe('\\udfffa');
    expect(lineComment('𝄞 \ud834\udd1e')).toBe('𝄞 \ud834\udd1e');
    // A low surrogate before a high one is two lone halves, not a pair.
    expect(lineComment('\udd1e\ud834')).toBe('\\udd1e\\ud834');
  });

  it('regex flags: any combination of the valid ones, nothing else', () => {
    expect(regexExpression('a')).toBe("new RegExp('a')");
    expect(regexExpression('a', 'gi')).toBe("new RegExp('a', 'gi')");
    expect(regexExpression('a', 'dgimsuy')).toBe("new RegExp('a', 'dgimsuy')");
    expect(regexExpression('a', 'v')).toBe("new RegExp('a', 'v')");
    for (const bad of ['x', 'gx', 'xg', 'g\n', ' g']) expect(() => regexExpression('a', bad), bad).toThrow(/invalid flags/);
  });

  it('string and JSON literals refuse what they cannot represent', () => {
    // why: a number or undefined reaching a literal is a generator bug, not text to quote.
    expect(() => stringLiteral(42 as unknown as string)).toThrow(/expected a string, got number/);
    expect(() => jsonLiteral(undefined)).toThrow(/value is not JSON/);
    expect(() => jsonLiteral(() => 1)).toThrow(/value is not JSON/);
    expect(jsonLiteral({ a: ['<'] }, 2)).toBe('{\n  "a": [\n    "\\u003c"\n  ]\n}');
  });
});
