/**
 * Parses `Authorization` strictly (RFC 9110 §11.6.2, RFC 6750 §2.1, RFC 7617 §2): exactly
 * one scheme, one space run, one credential, nothing after it. Anything else is refused
 * with 401 and the reason, instead of guessing (`Bearer <token> junk` used to be
 * accepted as `<token>`). Basic (Confluent clients send an API key and secret) carries the
 * token as the password.
 */
export type ParsedAuthorization =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  /** Well-formed Basic credentials with an empty password: no token was sent. */
  | { kind: 'empty' }
  | { kind: 'malformed'; reason: string };

/** token68 (RFC 9110 §11.2): the character set of a Bearer credential. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (header === undefined) return { kind: 'none' };
  const match = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?: +(\S*))?$/.exec(header);
  if (!header.trim()) return { kind: 'malformed', reason: 'the Authorization header is empty' };
  if (!match) return { kind: 'malformed', reason: 'the Authorization header must be "Bearer <token>" or "Basic <base64>", with nothing after the credential' };
  const scheme = match[1]!.toLowerCase();
  const credential = match[2] ?? '';
  if (scheme !== 'bearer' && scheme !== 'basic') return { kind: 'malformed', reason: `unsupported authorization scheme "${match[1]}"; use Bearer (or Basic for Confluent clients)` };
  if (!credential) return { kind: 'malformed', reason: `the ${match[1]} credential is empty` };
  if (scheme === 'bearer') {
    return TOKEN68.test(credential) ? { kind: 'token', token: credential } : { kind: 'malformed', reason: 'the Bearer token has characters a token cannot contain' };
  }
  if (!BASE64.test(credential)) return { kind: 'malformed', reason: 'the Basic credential is not valid base64' };
  const bytes = Buffer.from(credential, 'base64');
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'malformed', reason: 'the Basic credential is not UTF-8 text' };
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'malformed', reason: 'the Basic credential has no ":" between user and password (send the token as the password)' };
  const password = decoded.slice(colon + 1);
  return password ? { kind: 'token', token: password } : { kind: 'empty' };
}
