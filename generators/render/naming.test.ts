import { describe, expect, it } from 'vitest';
import { camelCase, pascalCase, uniqueNamer } from './naming.ts';
import { propertyKey, stringLiteral as literal } from './escape.ts';

describe('identifier naming', () => {
  const cases: [string, string, string, string][] = [
    ['dotted event types become one word per part', 'Prompt.Creation.Requested', 'PromptCreationRequested', 'promptCreationRequested'],
    ['kebab and snake case split into words', 'user-signed_up', 'UserSignedUp', 'userSignedUp'],
    ['camelCase input keeps its word boundaries', 'userSignedUp', 'UserSignedUp', 'userSignedUp'],
    ['acronyms are split before a capitalised word', 'HTTPRequest.Sent', 'HttpRequestSent', 'httpRequestSent'],
    ['a leading digit gets a prefix (identifiers cannot start with one)', '3d.Model', 'T3dModel', 't3dModel'],
    ['reserved words are never emitted bare', 'delete', 'Delete', 'deleteEvent'],
    ['punctuation-only input still yields an identifier', '...', 'Unnamed', 'unnamed'],
  ];
  for (const [why, input, pascal, camel] of cases) {
    it(why, () => {
      expect(pascalCase(input)).toBe(pascal);
      expect(camelCase(input)).toBe(camel);
    });
  }

  it('numbers colliding names first come, first served', () => {
    const name = uniqueNamer();
    // why: two event types may map to the same identifier; the second must not shadow the first.
    expect([name('A'), name('A'), name('B'), name('A')]).toEqual(['A', 'A2', 'B', 'A3']);
  });

  it('quotes property keys only when needed', () => {
    // why: handler keys like "Prompt.Creation.Requested" must be quoted, plain identifiers not.
    expect([propertyKey("abc"), propertyKey("a.b"), propertyKey("1a")]).toEqual(["abc", "'a.b'", "'1a'"]);
  });
});

describe('string literals', () => {
  it('are single-quoted and escape what would break them', () => {
    const cases = ['plain', "it's", 'say "hi"', 'back\\slash', 'line\nbreak', '\u2028'];
    for (const value of cases) {
      // why: generated code embeds catalog strings; any value must round-trip through the literal.
      expect(new Function(`return ${literal(value)};`)(), JSON.stringify(value)).toBe(value);
    }
    expect(literal("it's")).toBe("'it\\'s'");
  });
});
