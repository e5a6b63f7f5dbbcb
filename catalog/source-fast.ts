/**
 * The fast way from YAML text to data and source positions. The `yaml` package (source.ts) parses
 * the 100 KB seed in 40-150 ms, more than everything else `evc diff` does; js-yaml parses it in
 * under 10 ms. Positions come from js-yaml's node listener: every node's start offset, paired with
 * the keys (or items) of the collection that contains it.
 *
 * Used only when it is certain to mean what the `yaml` package would: the core schema (YAML 1.2,
 * no timestamps, no merge keys), no anchors or aliases (the `yaml` path caps alias expansion), no
 * explicit `?` keys, and a one-to-one pairing of listener events with keys and items. Anything
 * else — including every error — returns undefined and source.ts takes the `yaml` path, so error
 * messages and limits are unchanged. source-fast.test.ts compares both on every document we have.
 */
import { createRequire } from 'node:module';

const jsYaml = createRequire(import.meta.url)('js-yaml') as {
  load(text: string, options: { schema: unknown; listener: (event: 'open' | 'close', state: ListenerState) => void; maxDepth?: number }): unknown;
  CORE_SCHEMA: unknown;
};

interface ListenerState { position: number; kind: string | null; result: unknown }
interface Positioned { start: number; kind: string | null; result: unknown; children?: Map<string, Positioned> | Positioned[] }
interface Frame { start: number; events: Positioned[] }

export interface FastParse {
  data: unknown;
  /** Offset of the deepest existing node on the pointer's path (the key, for a mapping entry). */
  offsetOf(segments: readonly string[]): number;
  /** 1-based line and column of an offset. */
  linePos(offset: number): { line: number; col: number };
}

const UNSAFE = /(^|[\s[{,:-])[&*!][^\s]|^\s*\?(\s|$)|^%/m;

/** `'too-deep'` when js-yaml stopped at `maxDepth` (the caller refuses; the `yaml` path must not try). */
export function parseFast(text: string, maxDepth = 1000): FastParse | 'too-deep' | undefined {
  if (UNSAFE.test(text)) return undefined;
  const stack: Frame[] = [{ start: 0, events: [] }];
  let broken = false;
  const listener = (event: 'open' | 'close', state: ListenerState) => {
    if (event === 'open') return void stack.push({ start: state.position, events: [] });
    const frame = stack.pop()!;
    const only = frame.events.length === 1 ? frame.events[0]! : undefined;
    // A collection on the line after its key is composed by a nested call with the same result: keep the inner node.
    if (only && only.result === state.result && only.kind === state.kind && state.result !== null && typeof state.result === 'object') {
      stack.at(-1)!.events.push(only);
      return;
    }
    const node: Positioned = { start: frame.start, kind: state.kind, result: state.result };
    if (state.kind === 'mapping' && state.result !== null && typeof state.result === 'object') {
      const keys = Object.keys(state.result);
      const pairs = frame.events.length >= keys.length * 2 ? frame.events.slice(0, keys.length * 2) : undefined;
      if (!pairs || frame.events.slice(keys.length * 2).some((e) => e.kind !== null)) broken = true;
      else node.children = new Map(keys.map((k, i) => [k, { ...pairs[2 * i + 1]!, start: pairs[2 * i]!.start }]));
    } else if (state.kind === 'sequence' && Array.isArray(state.result)) {
      if (frame.events.length !== state.result.length) broken = true;
      else node.children = frame.events;
    }
    stack.at(-1)!.events.push(node);
  };
  let data: unknown;
  try {
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, listener, maxDepth });
  } catch (error) {
    if (/exceeded maxDepth/.test((error as Error).message)) return 'too-deep';
    return undefined;
  }
  const root = stack[0]!.events.find((e) => e.kind !== null);
  if (broken || stack.length !== 1 || !root) return undefined;
  const rootStart = root.children instanceof Map ? ([...root.children.values()][0]?.start ?? root.start) : root.start;
  return {
    data,
    offsetOf(segments) {
      let node: Positioned | undefined = root;
      let offset = rootStart;
      for (const segment of segments) {
        const next: Positioned | undefined = node.children instanceof Map ? node.children.get(segment) : Array.isArray(node.children) ? node.children[Number(segment)] : undefined;
        if (!next) return offset;
        offset = next.start;
        node = next;
      }
      return offset;
    },
    linePos: lineCounter(text),
  };
}

/** Line starts are found once, then each position is a binary search. */
function lineCounter(text: string): (offset: number) => { line: number; col: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}
