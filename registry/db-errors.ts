/**
 * Recognises database failures that are not the request's fault: the server is
 * unreachable or went away (→ 503/50001), or a concurrent writer won a race that the
 * locks should have prevented (→ 409, retry). drizzle wraps driver errors in `cause`.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

const chain = (error: unknown): Array<Record<string, unknown>> => {
  const out: Array<Record<string, unknown>> = [];
  let current = error;
  for (let i = 0; i < 8 && current && typeof current === 'object'; i++) {
    out.push(current as Record<string, unknown>);
    current = (current as { cause?: unknown }).cause;
  }
  return out;
};

export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    // SQLSTATE class 08 = connection exception; 57P01-57P03 = admin shutdown / cannot connect now.
    return (
      UNREACHABLE_CODES.has(code) ||
      code.startsWith('08') ||
      /^57P0[123]$/.test(code) ||
      code === '57014' || // query_canceled: a statement timeout (a stuck or queued statement), retryable
      /PGlite is closed|Connection terminated|connect ECONNREFUSED/i.test(message)
    );
  });
}

/** 23505 unique violation, 40001 serialization failure, 40P01 deadlock. */
export function isWriteConflict(error: unknown): boolean {
  return chain(error).some((e) => e.code === '23505' || e.code === '40001' || e.code === '40P01');
}
