import fc from 'fast-check';
import ajvUcs2length from 'ajv/dist/runtime/ucs2length.js';
import { describe, expect, it } from 'vitest';
import { FUNCTION_FORMATS, RUNTIME_HELPERS, guardLengthChecks } from './standalone-helpers.ts';

// The inlined source is what ships; `check` is what Ajv uses while compiling. They must agree.
const compile = (source: string) => new Function(`return (${source});`)() as (v: unknown) => boolean;

describe('inlined format sources behave like the compile-time checks', () => {
  const samples: Record<string, unknown[]> = {
    regex: ['^a+$', '(', 'a\\Z', '[a-z]{2}'],
    byte: ['aGVsbG8=', 'aGVsbG8', '!!!!', ''],
    int32: [0, 2147483647, 2147483648, -2147483649, 1.5],
    int64: [2 ** 60, 1.5, -3],
    float: [1.5],
    double: [1e300],
  };
  for (const [name, def] of Object.entries(FUNCTION_FORMATS)) {
    it(name, () => {
      const inlined = compile(def.source);
      // why: a difference would make the shipped validator accept what the schema forbids (or vice versa).
      for (const v of samples[name] ?? []) expect(inlined(v), `${name}(${JSON.stringify(v)})`).toBe(def.check(v as never));
    });
  }
});

describe('inlined Ajv runtime helpers', () => {
  const ucs2length = new Function(`${RUNTIME_HELPERS.ucs2length!.source}; return evcUcs2length;`)() as (s: string) => number;
  const equal = new Function(`${RUNTIME_HELPERS.equal!.source}; return evcEqual;`)() as (a: unknown, b: unknown) => boolean;

  it('counts code points, not UTF-16 units', () => {
    // why: JSON Schema minLength/maxLength count characters (RFC 8259 / JSON Schema §6.3.1).
    expect([ucs2length('abc'), ucs2length('😀'), ucs2length('a😀b'), ucs2length('\ud800')]).toEqual([3, 1, 3, 1]);
  });

  it("equals Ajv's own ucs2length on any UTF-16 string, short or long, with or without (lone) surrogates", () => {
    const ajvCount = ((ajvUcs2length as unknown as { default?: unknown }).default ?? ajvUcs2length) as (s: string) => number;
    // Units biased towards surrogates so pairs, lone highs and lone lows all occur, on both sides of the 16-unit fast path.
    const unit = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0, max: 0xffff }));
    const utf16 = fc.array(unit, { maxLength: 60 }).map((units) => String.fromCharCode(...units));
    const text = fc.oneof(utf16, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 200 }));
    // why: the fast path must never change the count Ajv's minLength/maxLength would use.
    fc.assert(fc.property(text, (s) => ucs2length(s) === ajvCount(s)), { numRuns: 20_000 });
    for (const s of ['a'.repeat(17) + '\ud83d', 'a'.repeat(16) + '\ude00', '😀'.repeat(9), '\udc00\ud800'.repeat(9)]) expect(ucs2length(s), JSON.stringify(s)).toBe(ajvCount(s));
  });

  it('compares JSON values structurally', () => {
    const cases: [unknown, unknown, boolean][] = [
      [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true],
      [{ a: 1 }, { a: 1, b: undefined }, false],
      [[1, 2], [2, 1], false],
      [[], {}, false],
      [null, null, true],
      [Number.NaN, Number.NaN, true],
    ];
    // why: enum/const/uniqueItems depend on exact JSON equality.
    for (const [a, b, expected] of cases) expect(equal(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(expected);
  });
});

describe('guardLengthChecks', () => {
  const prelude = `${RUNTIME_HELPERS.ucs2length!.source}\nconst func2 = evcUcs2length;\n`;
  const check = (expr: string) => new Function('data0', `${prelude}return ${expr};`) as (s: string) => boolean;

  it('rewrites only minLength/maxLength comparisons of the ucs2length alias', () => {
    const code = `${prelude}if(func2(data0) > 64){}\nif(func2(data1) < 1){}\nif(func3(data0) > 2){}\nif(func2(data0.x) > 2){}`;
    const out = guardLengthChecks(code);
    // why: the guard must wrap exactly Ajv's emitted shape and leave other calls untouched.
    expect(out).toContain('if((data0.length > 64 && func2(data0) > 64)){}');
    expect(out).toContain('if((data1.length < 1 || (data1.length < 2 && func2(data1) < 1))){}');
    expect(out).toContain('if(func3(data0) > 2){}');
    expect(out).toContain('if(func2(data0.x) > 2){}');
    expect(guardLengthChecks('if(func2(data0) > 1){}'), 'no evcUcs2length alias: unchanged').toBe('if(func2(data0) > 1){}');
  });

  it('gives the same verdict as the unguarded check for any string and limit', () => {
    const unit = fc.oneof(fc.integer({ min: 0x61, max: 0x7a }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0, max: 0xffff }));
    const text = fc.array(unit, { maxLength: 40 }).map((units) => String.fromCharCode(...units));
    const cache = new Map<string, [(s: string) => boolean, (s: string) => boolean]>();
    const pair = (op: string, n: number) => {
      const key = `${op}${n}`;
      if (!cache.has(key)) {
        const original = `func2(data0) ${op} ${n}`;
        cache.set(key, [check(original), check(guardLengthChecks(`${prelude}${original}`).slice(prelude.length))]);
      }
      return cache.get(key)!;
    };
    // why: the guard is only a shortcut; any difference would change what minLength/maxLength accept.
    fc.assert(
      fc.property(text, fc.constantFrom('<', '>'), fc.integer({ min: 0, max: 45 }), (s, op, n) => {
        const [original, guarded] = pair(op, n);
        return original(s) === guarded(s);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('the committed validators check date-time as RFC 3339 (issue #17/#18)', () => {
  it('refuse an impossible timestamp that the regex-only format accepted', async () => {
    const { loadCatalog } = await import('#catalog/load.ts');
    const { repoRoot } = await import('#catalog/bundled.ts');
    const path = await import('node:path');
    const catalog = await loadCatalog(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'));
    const example = catalog.events.find((e) => e.eventType === 'Prompt.Creation.Requested')!.examples[0] as Record<string, unknown>;
    const mod = (await import(path.join(repoRoot, 'generated/prompt-studio/validators.js'))) as Record<string, (v: unknown) => boolean>;
    const validate = mod.validatePromptCreationRequested!;
    const at = (timestamp: string) => validate({ ...example, timestamp });
    // why: Feb 30, month 13 and hour 25 are not instants; a consumer must not accept them as valid events.
    expect([at('2024-02-29T10:00:00Z'), at('2024-02-30T10:00:00Z'), at('2024-13-01T10:00:00Z'), at('2024-01-01T25:00:00Z'), at('2023-02-29T10:00:00.5+01:00')]).toEqual([true, false, false, false, false]);
  });
});
