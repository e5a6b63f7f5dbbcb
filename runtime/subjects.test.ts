import { describe, expect, it } from 'vitest';
import { compileSubjectFilters, keyToken, subjectFilter, subjectFor, subjectMatches } from './subjects.ts';

describe('subjects', () => {
  it('puts the partition key last: <prefix>.<eventType>.<key>', () => {
    expect(subjectFor('evc', 'Prompt.Lifecycle.Created', 'p-42')).toBe('evc.Prompt.Lifecycle.Created.p-42');
    expect(subjectFilter('evc', 'Prompt.Lifecycle.Created')).toBe('evc.Prompt.Lifecycle.Created.*');
  });

  it.each([
    { key: 'p-42', why: 'a safe key is kept as is' },
    { key: 'a.b', why: 'a dot would split the token' },
    { key: 'a*b>c', why: 'wildcards are not allowed in a published subject' },
    { key: 'with space', why: 'whitespace is not allowed' },
    { key: '%25', why: 'percent is escaped so the encoding is reversible' },
    { key: '', why: 'an empty key still yields a token' },
    { key: 'ünï/ç', why: 'non-ASCII' },
  ])('token for $key is one safe, reversible token: $why', ({ key }) => {
    const token = keyToken(key);
    expect(token, 'one non-empty token with no NATS specials').toMatch(/^[^.*>\s]+$/);
    if (key !== '') expect(decodeURIComponent(token)).toBe(key);
  });

  it('keeps distinct keys distinct', () => {
    const keys = ['a.b', 'a_b', 'a%2Eb', 'a b', 'a+b'];
    expect(new Set(keys.map(keyToken)).size).toBe(keys.length);
  });

  it.each([
    ['evc.A.B.C.*', 'evc.A.B.C.k1', true],
    ['evc.A.B.C.*', 'evc.A.B.C.k1.x', false],
    ['evc.A.B.C.*', 'evc.A.B.D.k1', false],
    ['evc.>', 'evc.A.B.C.k1', true],
    ['evc.>', 'evc', false],
    ['evc.*.B.>', 'evc.A.B.C.k', true],
  ])('%s matches %s: %s', (filter, subject, expected) => expect(subjectMatches(filter, subject)).toBe(expected));

  it.each([
    ['evc.A.B.C.k1', true, 'matches the first prefix filter'],
    ['evc.X.Y.Z.k', true, 'matches the second prefix filter'],
    ['evc.A.B.C.k1.more', false, 'one token after the base only'],
    ['evc.A.B.CD.k', false, 'prefix must end at a token boundary'],
    ['other.Q.k', true, 'falls back to full wildcard matching'],
  ])('compiled filters: %s → %s (%s)', (subject, expected) => {
    const match = compileSubjectFilters(['evc.A.B.C.*', 'evc.X.Y.Z.*', 'other.>']);
    expect(match(subject)).toBe(expected);
    expect(match(subject), 'agrees with subjectMatches').toBe(['evc.A.B.C.*', 'evc.X.Y.Z.*', 'other.>'].some((f) => subjectMatches(f, subject)));
  });
});
