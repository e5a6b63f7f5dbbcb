/**
 * Document validation: which validator runs, and memoisation of its verdict.
 * - `fast` (default): the AsyncAPI JSON Schema compiled ahead of time plus the parser's 3.x core
 *   rules re-implemented as data (spec/). A few milliseconds per document.
 * - `spectral`: @asyncapi/parser's own validation (validate-spectral.ts), about a second per
 *   document. Used on request (`evc lint --spectral`) and for AsyncAPI versions the fast
 *   validator has no compiled schema for (it covers 3.0.0).
 * spec/validator-agreement.test.ts holds both to the same verdicts.
 */
import { createHash } from 'node:crypto';
import { dedupeDiagnostics, type Diagnostic } from './errors.ts';
import type { DocumentSet } from './refs.ts';
import { isFastVersion, validateFast } from './spec/validate-fast.ts';
import { validateWithSpectral } from './validate-spectral.ts';

export { resolverStats } from './validate-spectral.ts';

export type Validator = 'fast' | 'spectral';

/**
 * Results are memoised per process by the content of every document in the set (every
 * command and many tests load the same seed), and by validator.
 */
const memo = new Map<string, Promise<Diagnostic[]>>();
const MEMO_LIMIT = 32;

/** Forgets memoised validations (tests and benches that must watch a validator run). */
export const clearValidationMemo = (): void => memo.clear();

export async function validateDocument(set: DocumentSet, validator: Validator = 'fast'): Promise<Diagnostic[]> {
  const chosen: Validator = validator === 'fast' && isFastVersion((set.root.data as { asyncapi?: unknown }).asyncapi) ? 'fast' : 'spectral';
  const hash = createHash('sha256').update(`${chosen}\0`);
  for (const [key, doc] of [...set.documents].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${key}\0${set.display(key)}\0${doc.text}\0`);
  const key = hash.digest('hex');
  let result = memo.get(key);
  if (!result) {
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
    result = chosen === 'fast' ? validateFast(set).then(dedupeDiagnostics) : validateWithSpectral(set);
    memo.set(key, result);
    result.catch(() => memo.delete(key));
  }
  return (await result).map((d) => ({ ...d }));
}
