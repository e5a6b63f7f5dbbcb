/**
 * `pattern` matching without a regexp engine for the simple anchored patterns envelope and
 * id fields use (`^[A-Za-z0-9._:-]+$`, the UUID pattern, `^[a-z0-9][a-z0-9-]*\/[A-Za-z0-9._:-]+$`):
 * a sequence of ASCII character classes or literals with quantifiers, matched by one
 * table-lookup loop. On the validator hot path each irregexp call cost 50–200 ns here, the
 * loop a fraction of that. Anything else — groups, alternation, escapes, flags other than
 * `u`, or a sequence where greedy matching could differ from backtracking — gets a real
 * `RegExp`. Same verdicts as `new RegExp(pattern, flags).test`: fast-patterns.test.ts
 * (fast-check over random patterns of this grammar and random strings).
 *
 * Shipped as source text (validators.js must be self-contained) and, for the generator's
 * own compile-time Ajv, instantiated from that same text, so both run identical code.
 * Ajv calls it through its `code.regExp` option (JSON Schema §6.3.3 `pattern` is ECMA-262).
 */
export const FAST_PATTERN_SOURCE = `function evcPattern(pattern, flags) {
  const fallback = () => new RegExp(pattern, flags);
  if (flags !== 'u' && flags !== '') return fallback();
  // ^ (ATOM QUANT?)* $ — ATOM: [class of ASCII letters/digits/._:@+=/ and ranges, '-' first or last] or one such literal.
  const syntax = /^\\^((?:(?:\\[[A-Za-z0-9._:@+=\\/-]+\\]|[A-Za-z0-9_:@=\\/-])(?:[+*?]|\\{\\d{1,4}(?:,\\d{0,4})?\\})?)*)\\$$/;
  const whole = syntax.exec(pattern);
  if (whole === null) return fallback();
  const atoms = [];
  for (const m of whole[1].matchAll(/(\\[([^\\]]+)\\]|[^[+*?{])([+*?]|\\{(\\d+)(?:(,)(\\d*))?\\})?/g)) {
    const set = new Uint8Array(128);
    if (m[2] === undefined) set[m[1].charCodeAt(0)] = 1;
    else {
      const body = m[2];
      for (let i = 0; i < body.length; i++) {
        const c = body.charCodeAt(i);
        if (body[i + 1] === '-' && i + 2 < body.length) {
          const end = body.charCodeAt(i + 2);
          if (end < c) return fallback(); // an invalid range is a SyntaxError: let RegExp throw it
          for (let x = c; x <= end; x++) set[x] = 1;
          i += 2;
        } else set[c] = 1;
      }
    }
    const q = m[3];
    const min = q === undefined || q === '+' ? 1 : q === '*' || q === '?' ? 0 : Number(m[4]);
    const max = q === undefined || q === '?' ? 1 : q === '+' || q === '*' || (m[5] === ',' && m[6] === '') ? Infinity : m[5] === ',' ? Number(m[6]) : min;
    if (max < min) return fallback();
    atoms.push({ set, min, max });
  }
  // Greedy equals backtracking when every variable-length atom is last, or is followed by a
  // mandatory atom that shares no character with it.
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    const next = atoms[i + 1];
    if (a.min === a.max || next === undefined) continue;
    if (next.min === 0) return fallback();
    for (let c = 0; c < 128; c++) if (a.set[c] === 1 && next.set[c] === 1) return fallback();
  }
  const count = atoms.length;
  return {
    test(str) {
      const n = str.length;
      let pos = 0;
      for (let i = 0; i < count; i++) {
        const { set, min, max } = atoms[i];
        let k = 0;
        while (k < max && pos < n) {
          const c = str.charCodeAt(pos);
          if (c > 127 || set[c] === 0) break;
          pos++;
          k++;
        }
        if (k < min) return false;
      }
      return pos === n;
    },
    toString() {
      return '/' + pattern + '/' + flags;
    },
  };
}`;

type Matcher = { test(s: string): boolean };

/** The shipped function, instantiated from its source for use at generation time. */
export const evcPattern = new Function(`${FAST_PATTERN_SOURCE}\nreturn evcPattern;`)() as (pattern: string, flags: string) => Matcher;

/** Ajv `code.regExp`: compile-time matcher plus the standalone code that creates it (inlined by validators.ts). */
export const fastRegExp = Object.assign((pattern: string, flags: string) => evcPattern(pattern, flags), {
  code: 'require("ajv/dist/runtime/evcPattern").default',
});
