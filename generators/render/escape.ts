/**
 * The one place where a string from an AsyncAPI document becomes part of generated source.
 * One function per context; renderers (generators/render, generators/bundle, contracts/,
 * patterns/codegen) call these and nothing else, and `escape-usage.test.ts` fails on a
 * renderer that interpolates document data any other way. `escape.property.test.ts` feeds
 * hostile strings through every generator and proves the output parses with no executable
 * trace of them.
 *
 * Contexts (ECMAScript 2024 §12 lexical grammar):
 * - block comment `/** … *\/`: `*\/` ends it (§12.4), so it is broken up;
 * - line comment `// …`: any LineTerminator (LF, CR, U+2028, U+2029; §12.3) ends it;
 * - string literal: quotes, backslash, control characters, lone surrogates and U+2028/U+2029
 *   are escaped (the last two are legal in strings since ES2019, but not in older tools or
 *   in JSON-in-HTML, so they are escaped anyway); `<` is escaped so `</script>` never appears;
 * - template literal text: `` ` ``, `\` and `${` are escaped on top of the string rules;
 * - identifier: never derived silently from arbitrary text — validated against a strict
 *   grammar, or derived by the naming module (which keeps only `[A-Za-z0-9]`);
 * - regex: emitted as `new RegExp(<string literal>, flags)`, never as a `/…/` literal.
 */

/** Characters that end a line in JS source (§12.3) plus every other control character. */
const LINE_BREAKS = /[\r\n\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const visible = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One line of comment text: line breaks become spaces, other controls and lone surrogates visible escapes. */
function commentText(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROL, visible).replace(LONE_SURROGATE, visible);
}

/** Text safe inside a `/** … *\/` block comment, on one line: `*\/` cannot close it. */
export function blockComment(text: string): string {
  // `*\/` is shown as `*\/`; a lone `/` after `*` anywhere is enough to close the comment,
  // so every `*` directly followed by `/` is split.
  return commentText(text).replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim();
}

/** Text safe after `//`: nothing can start a new line. */
export function lineComment(text: string): string {
  return commentText(text).trim();
}

/** The escapes JSON.stringify leaves out but generated JS/TS source needs. */
const EXTRA = /[\u2028\u2029<]/g;

/**
 * A single-quoted string literal, valid JS/TS. JSON.stringify escapes backslash, C0 controls
 * and lone surrogates (ES2019 well-formed JSON.stringify); then the quotes are swapped.
 */
export function stringLiteral(value: string): string {
  if (typeof value !== 'string') throw new TypeError(`stringLiteral: expected a string, got ${typeof value}`);
  const body = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body.replace(EXTRA, visible)}'`;
}

/** Any JSON value as a JS/TS expression (objects, arrays, numbers, double-quoted strings), optionally indented. */
export function jsonLiteral(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  if (text === undefined) throw new TypeError('jsonLiteral: value is not JSON');
  return text.replace(EXTRA, visible);
}

/** Text for inside a `` `…` `` template literal: no backtick, no `${`, no raw backslash or line break. */
export function templateText(value: string): string {
  return stringLiteral(value).slice(1, -1).replace(/`/g, '\\`').replace(/\$/g, '\\$');
}

/** `new RegExp("<source>", "<flags>")`: a schema pattern in generated code, never a `/…/` literal. */
export function regexExpression(source: string, flags = ''): string {
  if (!/^[dgimsuvy]*$/.test(flags)) throw new TypeError(`regexExpression: invalid flags ${stringLiteral(flags)}`);
  return `new RegExp(${stringLiteral(source)}${flags ? `, ${stringLiteral(flags)}` : ''})`;
}

/** ECMAScript reserved words and TS keywords that cannot be used as a binding name. */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private',
  'protected', 'public', 'await', 'any', 'unknown', 'never', 'object', 'string', 'number', 'boolean',
  'arguments', 'eval', 'undefined', 'symbol', 'bigint', 'type', 'as', 'declare', 'module', 'namespace',
]);

export const IDENTIFIER_GRAMMAR = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export const isReservedWord = (name: string): boolean => RESERVED.has(name);

/** A generated identifier, checked: ASCII letters, digits, `_`, `$`, not a reserved word. Throws otherwise. */
export function identifier(name: string): string {
  if (!IDENTIFIER_GRAMMAR.test(name) || RESERVED.has(name)) {
    throw new TypeError(`generated identifier ${stringLiteral(name)} is not a safe identifier (${IDENTIFIER_GRAMMAR.source}, not a reserved word)`);
  }
  return name;
}

/** An object-literal or interface key: bare when it is an identifier, a string literal otherwise. */
export function propertyKey(key: string): string {
  return IDENTIFIER_GRAMMAR.test(key) ? key : stringLiteral(key);
}

/** Markdown inline code: backticks and line breaks cannot end it (bundle README). */
export function markdownCode(text: string): string {
  const body = commentText(text).replace(/`/g, 'ˋ');
  return `\`${body}\``;
}

/** `.name` when `name` is an identifier, `['name']` otherwise: a property read in generated code. */
export function propertyAccess(key: string): string {
  return IDENTIFIER_GRAMMAR.test(key) ? `.${key}` : `[${stringLiteral(key)}]`;
}
