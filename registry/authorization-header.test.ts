import { describe, expect, it } from 'vitest';
import { parseAuthorization } from './authorization-header.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('parseAuthorization', () => {
  it.each([
    ['no header', undefined, { kind: 'none' }],
    ['Bearer with a token', 'Bearer evc_abc-DEF_123', { kind: 'token', token: 'evc_abc-DEF_123' }],
    ['scheme names are case-insensitive (RFC 9110 §11.1)', 'bearer evc_x', { kind: 'token', token: 'evc_x' }],
    ['a base64 token with padding (token68)', 'Bearer abc+/def==', { kind: 'token', token: 'abc+/def==' }],
    ['Basic: the password is the token', `Basic ${b64('key:evc_secret')}`, { kind: 'token', token: 'evc_secret' }],
    ['Basic with an empty password: no token sent', `Basic ${b64('key:')}`, { kind: 'empty' }],
  ] as const)('accepts %s', (_name, header, expected) => {
    expect(parseAuthorization(header)).toEqual(expected);
  });

  it.each([
    ['junk after the token (was accepted as the token)', 'Bearer evc_token junk', /nothing after the credential/],
    ['an empty header', '', /empty/],
    ['an empty bearer', 'Bearer ', /credential is empty/],
    ['a bare scheme', 'Bearer', /credential is empty/],
    ['an unknown scheme', 'Token evc_x', /unsupported authorization scheme "Token"/],
    ['Digest', 'Digest username="a"', /nothing after the credential|unsupported/],
    ['Basic with bad base64', 'Basic not*base64', /not valid base64/],
    ['Basic with base64 missing its padding', 'Basic YWJj', /no ":"|not valid base64/],
    ['Basic without a colon', `Basic ${b64('justatoken')}`, /no ":"/],
    ['Basic that is not UTF-8', `Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`, /not UTF-8/],
    ['a bearer with a quote', 'Bearer "evc_x"', /characters a token cannot contain/],
    ['a tab instead of a space', 'Bearer\tevc_x', /nothing after the credential/],
  ] as const)('refuses %s', (_name, header, reason) => {
    const parsed = parseAuthorization(header);
    expect(parsed.kind, `${JSON.stringify(header)} is malformed`).toBe('malformed');
    expect(parsed.kind === 'malformed' && parsed.reason, 'the reason says what is wrong').toMatch(reason);
  });
});
