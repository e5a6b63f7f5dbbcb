/**
 * Per-subject owners: a `publish` token may be scoped to subjects (event types), each
 * pattern an exact name (`prompt.studio.PromptSaved`) or a prefix ending in `*`
 * (`prompt.studio.*`). A scoped token may register only within its scope; reads are
 * unaffected, and unscoped tokens (scope null) may write every subject.
 */
export const MAX_SCOPE_PATTERNS = 50;
const PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,199}\*?$|^\*$/;

export type Scope = readonly string[] | null;

/** Validates patterns for a new token; the error names the first bad one. */
export function parseScope(patterns: readonly string[] | undefined, role: string): { scope: string[] | null } | { error: string } {
  if (patterns === undefined) return { scope: null };
  if (role !== 'publish') return { error: `scope applies to publish tokens only (a ${role} token is not limited to subjects)` };
  if (patterns.length === 0 || patterns.length > MAX_SCOPE_PATTERNS) return { error: `scope must list 1 to ${MAX_SCOPE_PATTERNS} patterns` };
  for (const p of patterns) {
    if (!PATTERN.test(p)) return { error: `scope pattern ${JSON.stringify(p)} is not an event type or a prefix ending in * (letters, digits, _ . : -), e.g. prompt.studio.*` };
  }
  return { scope: [...new Set(patterns)].sort() };
}

export const inScope = (scope: Scope, subject: string): boolean =>
  scope === null || scope.some((p) => (p.endsWith('*') ? subject.startsWith(p.slice(0, -1)) : subject === p));

/** The subjects outside `scope`, in their given order. */
export const outOfScope = (scope: Scope, subjects: readonly string[]): string[] => subjects.filter((s) => !inScope(scope, s));
