/**
 * Reading a document safely: the edge where bytes become data. Everything that can make a
 * document unusable (missing, too large, binary, empty, invalid YAML, alias bombs, absurd nesting)
 * is turned into one diagnostic here, before any validator sees the text. Plain documents are
 * parsed by js-yaml (source-fast.ts, ~10× faster); anything it is not sure about, and every
 * error, goes through the `yaml` package below.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { CatalogError, diagnostic } from './errors.ts';
import { checkDataLimits, INPUT_LIMITS, type LimitViolation } from './input-limits.ts';
import { decodePointer } from '#shared/json-pointer.ts';
import { parseFast } from './source-fast.ts';

type YamlLib = typeof import('yaml');
let yamlLib: YamlLib | undefined;
/** The `yaml` package, loaded on first use: documents the fast path handles (every JSON file) never need it. */
const yaml = (): YamlLib => (yamlLib ??= createRequire(import.meta.url)('yaml') as YamlLib);

/** Larger documents are refused: the seed is ~100 KB; 4 MiB leaves room and bounds memory and time (input-limits.ts). */
export const MAX_DOCUMENT_BYTES = INPUT_LIMITS['document-bytes'].max;
/**
 * Both YAML parsers recurse once or twice per nesting level while composing (the `yaml`
 * package overflowed the stack on 1,000 nested `[`, and V8 aborted the process on the next
 * parse). js-yaml stops itself at `maxDepth`; the `yaml` path is gated by its own CST parser,
 * which is iterative, before the recursive composer runs. The exact data limit follows.
 */
const PARSER_MAX_DEPTH = 2 * INPUT_LIMITS['nesting-depth'].max + 8;
/** YAML aliases a document may expand (billion-laughs guard, see the `yaml` package's maxAliasCount). */
export const MAX_ALIAS_COUNT = 100;

export interface SourceDocument {
  file: string;
  text: string;
  data: unknown;
  /** 1-based line and column of the node (or the key, for a mapping entry) at a JSON pointer. */
  locate(pointer: string): { line: number; col: number };
}

/** Reads a file from disk with the size check done on `stat`, before any byte is read. */
export async function readSourceText(file: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new CatalogError([diagnostic('input-unreadable', 'this is a directory, not an AsyncAPI document', { file }, 'Pass the path of a .yaml or .json file.')]);
    }
    size = info.size;
  } catch (error) {
    if (error instanceof CatalogError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? (error as Error).message})`;
    throw new CatalogError([diagnostic('input-missing', what, { file }, 'Check the path; relative paths are resolved from the current directory.')]);
  }
  if (size > MAX_DOCUMENT_BYTES) throw tooLarge(file, size);
  return decodeText(await readFile(file), file);
}

/** Checks and parses document text. Throws a CatalogError with one clear diagnostic. */
export function parseSource(text: string | Uint8Array, file: string): SourceDocument {
  const source = typeof text === 'string' ? text : decodeText(text, file);
  if (Buffer.byteLength(source, 'utf8') > MAX_DOCUMENT_BYTES) throw tooLarge(file, Buffer.byteLength(source, 'utf8'));
  if (source.includes('\u0000')) throw binary(file);
  if (source.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('#'))) {
    throw new CatalogError([diagnostic('input-empty', 'the file is empty: an AsyncAPI document needs at least `asyncapi`, `info` and `channels`', { file }, 'Start from asyncapi/prompt-platform.yaml or an example at https://www.asyncapi.com/docs/reference/specification/v3.0.0.')]);
  }
  const fast = parseFast(source, PARSER_MAX_DEPTH);
  if (fast === 'too-deep') throw tooDeep(file, 'the parser stopped');
  if (fast && fast.data !== null && typeof fast.data === 'object' && !Array.isArray(fast.data)) {
    return withinLimits({
      file,
      text: source,
      data: fast.data,
      locate(pointer) {
        let segments: string[];
        try {
          segments = decodePointer(pointer);
        } catch {
          segments = [];
        }
        return fast.linePos(fast.offsetOf(segments));
      },
    });
  }
  return withinLimits(parseWithYaml(source, file));
}

/** The data limits (input-limits.ts) on the parsed document, before any validator walks it. */
function withinLimits(doc: SourceDocument): SourceDocument {
  const found = checkDataLimits(doc.data);
  if (found) throw limitError(doc.file, found, doc.locate(found.pointer));
  return doc;
}

export const limitError = (file: string, v: LimitViolation, at: { line: number; col: number } = { line: 0, col: 0 }) =>
  new CatalogError([diagnostic(`limit-${v.limit.name}`, v.message, { file, pointer: v.pointer, ...at })]);

/**
 * `parseDocument` with a depth gate between its two stages: the CST parser keeps its nesting
 * in an array (no recursion), so it can be watched lexeme by lexeme and stopped as soon as
 * the input is deeper than anything the recursive composer may be given.
 */
function composeBounded(source: string, file: string, lineCounter: LineCounter): Document.Parsed {
  const parser = new (yaml().Parser)(lineCounter.addNewLine);
  const tokens = [];
  lineCounter.addNewLine(0); // as Parser.parse does: line 1 starts at offset 0
  for (const lexeme of new (yaml().Lexer)().lex(source)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > PARSER_MAX_DEPTH) throw tooDeep(file, 'the parser stopped');
  }
  for (const token of parser.end()) tokens.push(token);
  const composer = new (yaml().Composer)({ prettyErrors: false, uniqueKeys: true, strict: true });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, source.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new (yaml().YAMLParseError)([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return doc!;
}

/** The reference parse with the `yaml` package: every error message and limit comes from here. */
export function parseWithYaml(source: string, file: string): SourceDocument {
  const lineCounter = new (yaml().LineCounter)();
  let doc;
  let data: unknown;
  try {
    doc = composeBounded(source, file, lineCounter);
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
      const message = first.message.split('\n')[0] ?? first.message;
      if (/call stack/i.test(message)) throw tooDeep(file, message);
      throw new CatalogError([diagnostic('yaml-syntax', `invalid YAML: ${message}`, { file, line: pos.line, col: pos.col }, 'Fix the YAML syntax at this position (indentation, quoting, an unclosed bracket).')]);
    }
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof CatalogError) throw error;
    const message = (error as Error).message ?? String(error);
    if (/alias/i.test(message)) {
      throw new CatalogError([diagnostic('yaml-alias-limit', `refused: the YAML aliases expand beyond ${MAX_ALIAS_COUNT} nodes (a "billion laughs" alias bomb)`, { file }, 'Write the repeated content out, or use $ref instead of YAML anchors and aliases.')]);
    }
    if (error instanceof RangeError) throw tooDeep(file, message);
    throw new CatalogError([diagnostic('yaml-syntax', `invalid YAML: ${message}`, { file })]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CatalogError([diagnostic('input-not-a-document', `not an AsyncAPI document: its top level is ${Array.isArray(data) ? 'a list' : `a ${data === null ? 'null' : typeof data} value`}, not a mapping`, { file, line: 1, col: 1 }, 'An AsyncAPI document is a mapping that starts with `asyncapi: 3.0.0`.')]);
  }
  const contents = doc.contents as YamlNode | null;
  return {
    file,
    text: source,
    data,
    locate(pointer) {
      const offset = offsetOf(contents, pointer);
      return offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
    },
  };
}

/** Offset of the deepest existing node on the pointer's path (the key, for a mapping entry). */
function offsetOf(root: YamlNode | null, pointer: string): number | undefined {
  let node: unknown = root;
  let offset = root?.range?.[0];
  let segments: string[];
  try {
    segments = decodePointer(pointer);
  } catch {
    return offset;
  }
  for (const segment of segments) {
    if (yaml().isMap(node)) {
      const pair = node.items.find((p) => yaml().isPair(p) && yaml().isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return offset;
      const key = pair.key as YamlNode;
      offset = key.range?.[0] ?? offset;
      node = pair.value;
    } else if (yaml().isSeq(node)) {
      const item = node.items[Number(segment)] as YamlNode | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0)) throw binary(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw binary(file);
  }
}

const binary = (file: string) =>
  new CatalogError([diagnostic('input-binary', 'not a text file (it contains NUL bytes or invalid UTF-8)', { file }, 'Pass the AsyncAPI document as UTF-8 YAML or JSON.')]);

const tooLarge = (file: string, size: number) =>
  new CatalogError([
    diagnostic('input-too-large', `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; documents larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB are refused`, { file }, 'Split the document: move schemas into separate files and reference them with $ref.'),
  ]);

const tooDeep = (file: string, cause: string) =>
  new CatalogError([diagnostic('input-too-deep', `refused: limit nesting-depth exceeded: the document is nested too deeply to parse (${cause}; at most ${INPUT_LIMITS['nesting-depth'].max} levels)`, { file }, INPUT_LIMITS['nesting-depth'].hint)]);
