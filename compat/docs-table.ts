/**
 * The README table "change kind → verdict per policy → bump", rendered from the rules
 * table and the fixtures (pure). A test keeps the top-level README.md in step with it.
 */
import { CHANGE_KINDS, RULES } from './rules.ts';

export interface FixtureCase {
  description: string;
  changes: [string, string][];
  STRICT: 'full' | 'backward' | 'forward' | 'none';
  LENIENT: 'full' | 'backward' | 'forward' | 'none';
  bump: string;
}

const CONFLUENT_OWN = new Set([
  'EXAMPLES_CHANGED', 'DEPRECATED_CHANGED', 'ANNOTATION_CHANGED', 'FALSE_SCHEMA_REPLACED', 'FALSE_SCHEMA_INTRODUCED',
  'CONTAINS_ADDED', 'CONTAINS_REMOVED', 'COMBINED_TYPE_ADDED', 'COMBINED_TYPE_REMOVED', 'NOT_TYPE_ADDED', 'NOT_TYPE_REMOVED',
  'CONDITION_ADDED', 'CONDITION_REMOVED', 'CONDITION_CHANGED',
  'FORMAT_ADDED', 'FORMAT_REMOVED', 'FORMAT_CHANGED', 'CONTENT_ENCODING_ADDED', 'CONTENT_ENCODING_REMOVED', 'CONTENT_ENCODING_CHANGED',
  'CONTENT_MEDIA_TYPE_ADDED', 'CONTENT_MEDIA_TYPE_REMOVED', 'CONTENT_MEDIA_TYPE_CHANGED',
]);

const yes = (ok: boolean) => (ok ? '✅' : '❌');
const levels = (d: FixtureCase['STRICT']) => ({ full: 'FULL', backward: 'BACKWARD only', forward: 'FORWARD only', none: 'neither' })[d];

export function renderKindsTable(fixtures: FixtureCase[]): string {
  const rows = CHANGE_KINDS.map((kind) => {
    const rule = RULES[kind];
    const example = fixtures.find((f) => f.changes.length === 1 && f.changes[0]![0] === kind) ?? fixtures.find((f) => f.changes.some(([k]) => k === kind));
    const name = CONFLUENT_OWN.has(kind) ? `\`${kind}\` (evc)` : `\`${kind}\``;
    const bump = rule.category === 'annotation' ? 'patch' : 'minor';
    const seen = example ? `${levels(example.STRICT)} / ${levels(example.LENIENT)}` : '';
    return `| ${name} | ${yes(rule.backward.STRICT)} | ${yes(rule.backward.LENIENT)} | ${bump} | ${example?.description ?? ''} | ${seen} |`;
  });
  return [
    '| change kind | backward STRICT | backward LENIENT | bump when neither direction breaks (a break needs a major) | example (test/fixtures/compat) | example holds under STRICT / LENIENT |',
    '|---|:-:|:-:|:-:|---|---|',
    ...rows,
  ].join('\n');
}
