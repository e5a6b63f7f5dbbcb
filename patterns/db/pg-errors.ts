/**
 * Recognises PostgreSQL unique violations (SQLSTATE 23505) through drizzle's
 * `DrizzleQueryError` wrapper, for both drivers: postgres-js reports the constraint as
 * `constraint_name`, PGlite as `constraint`.
 */
const UNIQUE_VIOLATION = '23505';

export function uniqueViolation(error: unknown): { constraint: string } | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (candidate.code === UNIQUE_VIOLATION) {
      const constraint = candidate.constraint_name ?? candidate.constraint;
      return { constraint: typeof constraint === 'string' ? constraint : '' };
    }
  }
  return undefined;
}
