/**
 * The one error the engine throws: the input schema cannot be compared (an invalid
 * regular expression, an unresolvable or remote `$ref`, nesting beyond what we walk).
 * It says what, where (a JSON pointer into the schema) and what to do next.
 */
export class CompatError extends Error {
  constructor(
    message: string,
    /** JSON pointer into the schema where the problem is. */
    readonly pointer: string,
    readonly hint: string,
    /** Which schema: `before` (old) or `after` (new). */
    readonly side?: 'before' | 'after',
  ) {
    super(`${message} (at ${pointer || '/'}${side ? ` in the ${side === 'before' ? 'old' : 'new'} schema` : ''})`);
    this.name = 'CompatError';
  }
}
