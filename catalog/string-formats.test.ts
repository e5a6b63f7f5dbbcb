/** RFC 3339 date/time formats (string-formats.ts): the calendar, the clock, the offset, and agreement with Date. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RFC3339_FORMATS } from './string-formats.ts';

const { date, time, 'date-time': dateTime } = RFC3339_FORMATS;

describe('RFC 3339 date-time, date and time', () => {
  it.each([
    ['2024-02-29T12:00:00Z', true, 'leap day of a leap year'],
    ['2000-02-29T00:00:00Z', true, 'divisible by 400 is a leap year'],
    ['1900-02-29T00:00:00Z', false, 'divisible by 100 but not 400 is not'],
    ['2023-02-29T00:00:00Z', false, 'no 29 Feb outside leap years'],
    ['2024-02-30T00:00:00Z', false, 'February never has 30 days'],
    ['2024-04-31T00:00:00Z', false, 'April has 30 days'],
    ['2024-13-01T00:00:00Z', false, 'month 13'],
    ['2024-00-10T00:00:00Z', false, 'month 0'],
    ['2024-01-00T00:00:00Z', false, 'day 0'],
    ['2024-01-01T25:00:00Z', false, 'hour 25'],
    ['2024-01-01T24:00:00Z', false, 'hour 24'],
    ['2024-01-01T23:60:00Z', false, 'minute 60'],
    ['2024-01-01T23:59:61Z', false, 'second 61'],
    ['2016-12-31T23:59:60Z', true, 'leap second at 23:59 UTC'],
    ['2016-12-31T15:59:60-08:00', true, 'leap second at 23:59 UTC, written with an offset'],
    ['2016-12-31T12:00:60Z', false, 'a leap second elsewhere than 23:59 UTC'],
    ['2024-01-01T10:00:00.123456789+05:30', true, 'any number of fraction digits, an offset'],
    ['2024-01-01t10:00:00z', true, 'T and Z in lower case (§5.6 NOTE)'],
    ['2024-01-01 10:00:00Z', false, 'a space is not the ABNF separator'],
    ['2024-01-01T10:00:00', false, 'no offset'],
    ['2024-01-01T10:00:00+0100', false, 'offset without a colon'],
    ['2024-01-01T10:00:00+01', false, 'offset without minutes'],
    ['2024-01-01T10:00:00+24:00', false, 'offset hour 24'],
    ['2024-01-01T10:00Z', false, 'no seconds'],
    ['2024-1-01T10:00:00Z', false, 'one-digit month'],
    ['0000-01-01T00:00:00Z', true, 'year 0000 is four digits'],
    ['2024-01-01T10:00:00.Z', false, 'a fraction needs a digit'],
    ['２０２４-01-01T10:00:00Z', false, 'only ASCII digits'],
  ])('date-time %s → %s (%s)', (text, valid) => {
    // why: generated clients, lint and the registry share this verdict (issue #17: one date-time semantics).
    expect(dateTime(text)).toBe(valid);
  });

  it('date and time are the two halves', () => {
    expect([date('2024-02-29'), date('2023-02-29'), date('2024-02-29T00:00:00Z')]).toEqual([true, false, false]);
    expect([time('23:59:59Z'), time('23:59:59'), time('24:00:00Z')]).toEqual([true, false, false]);
  });

  it('accepts every instant Date.toISOString prints, and agrees with Date on calendar validity', () => {
    // why: producers stamp events with toISOString; a refused timestamp would make every send fail.
    fc.assert(fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => dateTime(d.toISOString())), { numRuns: 5_000 });
    const ymd = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }));
    fc.assert(
      fc.property(ymd, ([y, m, d]) => {
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = new Date(Date.UTC(2000, m - 1, d));
        real.setUTCFullYear(y);
        // why: the day exists exactly when Date does not roll it over into the next month.
        return date(text) === (real.getUTCMonth() === m - 1 && real.getUTCDate() === d);
      }),
      { numRuns: 5_000 },
    );
  });
});
