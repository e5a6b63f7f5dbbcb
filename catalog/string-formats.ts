/**
 * `date`, `time` and `date-time` (JSON Schema 2020-12 §7.3.1) exactly as RFC 3339 §5.6
 * defines them, written from the RFC, as ONE source text that is both shipped inside generated
 * `validators.js` (generators/render/standalone-helpers.ts) and instantiated here for every
 * Ajv this repository compiles (lint's example check, pattern contracts, the generators'
 * compile-time proofs). So a generated client, `evc lint` and the registry agree on every
 * timestamp. Stricter than ajv-formats on purpose: a calendar check (Feb 30, month 13,
 * 29 Feb only in leap years), hours 00–23, minutes 00–59, a leap second (:60) only at
 * 23:59 UTC, a mandatory offset (`Z` or `±hh:mm`, not `+hhmm` or `+hh`), and `T` (any case)
 * between date and time, never a space (the RFC's ABNF; §5.6's NOTE allows only the case change).
 */

const CALENDAR = `
  // RFC 3339 §5.6 + Appendix C: 29 days in February of a leap year (Gregorian rule).
  const leapYear = (year) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysIn = (year, month) => (month === 2 ? (leapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
  // full-date = date-fullyear "-" date-month "-" date-mday
  const fullDate = (text) => {
    const parts = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(text);
    if (parts === null) return false;
    const month = Number(parts[2]);
    const day = Number(parts[3]);
    return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(Number(parts[1]), month);
  };
  // full-time = partial-time time-offset; time-offset = "Z" / ("+" / "-") time-hour ":" time-minute
  const fullTime = (text) => {
    const parts = /^(\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?:[Zz]|([+-])(\\d{2}):(\\d{2}))$/.exec(text);
    if (parts === null) return false;
    const hour = Number(parts[1]);
    const minute = Number(parts[2]);
    const second = Number(parts[3]);
    const offsetHour = parts[4] === undefined ? 0 : Number(parts[5]);
    const offsetMinute = parts[4] === undefined ? 0 : Number(parts[6]);
    if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59) return false;
    if (second < 60) return true;
    // A leap second is the 61st second of 23:59 UTC (RFC 3339 §5.7).
    const sign = parts[4] === '-' ? -1 : 1;
    const utc = (((hour * 60 + minute - sign * (offsetHour * 60 + offsetMinute)) % 1440) + 1440) % 1440;
    return utc === 23 * 60 + 59;
  };`;

/** Source of one format function, self-contained (each one ships alone in `evcFormats`). */
const formatSource = (body: string): string => `(() => {${CALENDAR}\n  return ${body};\n})()`;

export const RFC3339_SOURCES = {
  date: formatSource('fullDate'),
  time: formatSource('fullTime'),
  // date-time = full-date "T" full-time
  'date-time': formatSource("(text) => (text[10] === 'T' || text[10] === 't') && fullDate(text.slice(0, 10)) && fullTime(text.slice(11))"),
} as const;

export type Rfc3339Format = keyof typeof RFC3339_SOURCES;

/** The shipped functions, instantiated from their source for use at generation, lint and registry time. */
export const RFC3339_FORMATS = Object.fromEntries(
  Object.entries(RFC3339_SOURCES).map(([name, source]) => [name, new Function(`return ${source};`)() as (text: string) => boolean]),
) as Record<Rfc3339Format, (text: string) => boolean>;

/** Replaces an Ajv instance's date/time formats with these (call after ajv-formats' addFormats). */
export function useRfc3339Formats(ajv: { addFormat(name: string, format: { type: 'string'; validate: (text: string) => boolean }): unknown }): void {
  for (const [name, validate] of Object.entries(RFC3339_FORMATS)) ajv.addFormat(name, { type: 'string', validate });
}
