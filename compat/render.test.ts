/**
 * The `evc diff` renderers on their own (the CLI tests drive them through the command): a real
 * schema report and a hand-built catalog diff, printed as text, markdown and GitHub annotations.
 * The expected outputs were read line by line against what each format must say.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check.ts';
import { renderGithub, renderMarkdown, renderText, viewOfCatalogDiff, viewOfSchemaReport } from './render.ts';
import type { CatalogDiff, EventDiff, JsonSchema } from './types.ts';

const obj = (properties: Record<string, unknown>): JsonSchema => ({ type: 'object', properties });

// id: string → integer (breaks both ways), n: integer → integer|string (breaks old readers only),
// note added (compatible under LENIENT); proposed as a minor, so the version is refused.
const report = checkCompatibility({
  history: [{ version: '1.0.0', schema: obj({ id: { type: 'string' }, n: { type: 'integer' } }) }],
  candidate: { schema: obj({ id: { type: 'integer' }, n: { type: ['integer', 'string'] }, note: { type: 'string' } }), version: '1.1.0' },
  level: 'FULL',
  policy: 'LENIENT',
});
const lineOf: Record<string, number> = { '/properties/id/type': 7, '/properties/n/type': 9, '/properties/note': 11 };
const schemaView = viewOfSchemaReport('event.json', report, (pointer) => lineOf[pointer] ?? 1);

const ID_BACK = 'type changed from "string" to "integer" at /properties/id/type';
const ID_FWD = 'type changed from "integer" to "string" at /properties/id/type';
const N_FWD = 'type narrowed from ["integer","string"] to "integer" at /properties/n/type';
const ID_HINT = 'add a new field with the new type instead of changing /properties/id/type, or release it as a new major version';
const REASONS = [
  `breaks backward compatibility with 1.0.0 under LENIENT: ${ID_BACK}`,
  `breaks forward compatibility with 1.0.0 under LENIENT: ${ID_FWD}; ${N_FWD}`,
  'a FULL break needs a new major version: use 2.0.0',
];

describe('a schema report', () => {
  it('becomes one section whose changes point at their own lines', () => {
    const [s] = schemaView.sections;
    expect(schemaView).toMatchObject({ kind: 'schema', level: 'FULL', policy: 'LENIENT', compatible: false, requiredBump: 'major', file: 'event.json' });
    expect(s).toMatchObject({ title: 'event.json', status: 'changed', compatible: false, suggestedVersion: '2.0.0', line: 11, lines: [11, 7, 9], documentChanges: [] });
    expect(s!.changes.map((c) => [c.kind, c.breaking])).toEqual([['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', false], ['TYPE_CHANGED', true], ['TYPE_EXTENDED', false]]);
    expect(s!.forward).toEqual([expect.objectContaining({ against: '1.0.0', lines: [7, 9] })]);
    expect(s!.proposal?.reasons).toEqual(REASONS);
  });

  it('prints as text: one line per edit, old readers named where they break, the hint where it breaks', () => {
    expect(renderText(schemaView).split('\n')).toEqual([
      'event.json [changed] INCOMPATIBLE, needs major (suggested 2.0.0)',
      '  ✓ OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL /properties/note: optional property added to an open object at /properties/note',
      `  ✗ TYPE_CHANGED /properties/id/type: ${ID_BACK}; readers of 1.0.0 cannot read new data`,
      `      hint: ${ID_HINT}`,
      '  ✗ TYPE_EXTENDED /properties/n/type: type widened from "integer" to ["integer","string"] at /properties/n/type; readers of 1.0.0 cannot read new data',
      ...REASONS.map((r) => `  version: ${r}`),
      '3 changes. INCOMPATIBLE under FULL/LENIENT. Required bump: major.',
    ]);
  });

  it('prints as markdown: a table per section, both directions, the hint in italics on breaks', () => {
    expect(renderMarkdown(schemaView).split('\n')).toEqual([
      '## evc diff: ❌ incompatible (FULL, LENIENT)',
      '',
      '3 changes. INCOMPATIBLE under FULL/LENIENT. Required bump: major.',
      '',
      '### ❌ `event.json` — changed, needs **major** (2.0.0)',
      '',
      '| | change | pointer | explanation |',
      '|---|---|---|---|',
      '| ✅ | OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL | `/properties/note` | optional property added to an open object at /properties/note |',
      `| ❌ | TYPE_CHANGED | \`/properties/id/type\` | ${ID_BACK} — _${ID_HINT}_ |`,
      '| ✅ | TYPE_EXTENDED | `/properties/n/type` | type widened from "integer" to ["integer","string"] at /properties/n/type |',
      `| ❌ | TYPE_CHANGED (readers of 1.0.0, new → old) | \`/properties/id/type\` | ${ID_FWD} |`,
      `| ❌ | TYPE_NARROWED (readers of 1.0.0, new → old) | \`/properties/n/type\` | ${N_FWD} |`,
      '',
      ...REASONS.map((r) => `- version: ${r}`),
    ]);
  });

  it('prints as GitHub annotations on the changed lines, with the file name escaped as a property', () => {
    const title = (t: string) => `title=event.json%3A ${t}`;
    expect(renderGithub(schemaView, 'a,b:c.json').split('\n')).toEqual([
      `::error file=a%2Cb%3Ac.json,line=7,${title('TYPE_CHANGED')}::${ID_BACK}. ${ID_HINT}`,
      `::error file=a%2Cb%3Ac.json,line=7,${title('readers of 1.0.0 cannot read new data')}::TYPE_CHANGED (new → old): ${ID_FWD}`,
      `::error file=a%2Cb%3Ac.json,line=9,${title('readers of 1.0.0 cannot read new data')}::TYPE_NARROWED (new → old): ${N_FWD}`,
      ...REASONS.map((r) => `::warning file=a%2Cb%3Ac.json,line=11,${title('version')}::${r}`),
      '::notice title=evc diff::3 changes. INCOMPATIBLE under FULL/LENIENT. Required bump: major.',
    ]);
  });

  it('an unchanged schema is one summary line; unversioned files mention no bump', () => {
    const same = checkCompatibility({ history: [{ version: '1.0.0', schema: obj({}) }], candidate: { schema: obj({}) }, level: 'BACKWARD', policy: 'STRICT' });
    const view = viewOfSchemaReport('s.json', same, () => 5);
    expect(view.sections[0]).toMatchObject({ status: 'unchanged', line: 1, lines: [] });
    expect(renderText(view)).toBe('0 changes. compatible under BACKWARD/STRICT. Required bump: none.');
    expect(renderText({ ...view, unversioned: true })).toBe('0 changes. compatible under BACKWARD/STRICT.');
    expect(renderGithub(view, 's.json')).toBe('::notice title=evc diff::0 changes. compatible under BACKWARD/STRICT. Required bump: none.');
  });
});

const source = (line: number) => ({ file: 'after.yaml', line, col: 3, pointer: '/components/messages/x' });
const event = (e: Partial<EventDiff> & Pick<EventDiff, 'eventType' | 'status'>): EventDiff =>
  ({ documentChanges: [], compatible: true, requiredBump: 'none', source: source(4), ...e });

describe('a catalog diff', () => {
  const diff: CatalogDiff = {
    level: 'BACKWARD',
    policy: 'STRICT',
    compatible: false,
    requiredBump: 'major',
    before: { title: 'T', version: '1.0.0', file: 'before.yaml' },
    after: { title: 'T', version: '2.0.0', file: 'after.yaml' },
    events: [
      event({ eventType: 'a.same', status: 'unchanged', beforeVersion: '1.0.0', afterVersion: '1.0.0' }),
      event({ eventType: 'b.new', status: 'added', afterVersion: '1.0.0', requiredBump: 'minor', source: source(20) }),
      event({
        eventType: 'c.gone', status: 'removed', beforeVersion: '3.1.0', compatible: false, requiredBump: 'major', source: source(30),
        documentChanges: [{ kind: 'EVENT_REMOVED', eventType: 'c.gone', message: 'c.gone | removed\nwith 100% of its readers', compatible: false, bump: 'major' }],
      }),
    ],
  };
  const view = viewOfCatalogDiff(diff);

  it('keeps each event\'s status, versions and line (removed events point at line 1 of the new file)', () => {
    expect(view).toMatchObject({ kind: 'asyncapi', file: 'after.yaml', compatible: false, requiredBump: 'major' });
    expect(view.sections.map((s) => [s.title, s.status, s.versions, s.line])).toEqual([
      ['a.same', 'unchanged', '1.0.0 → 1.0.0', 4],
      ['b.new', 'added', '1.0.0', 20],
      ['c.gone', 'removed', '3.1.0', 1],
    ]);
  });

  it('text and markdown list only what changed, with the counts in the summary; cells are escaped', () => {
    const summary = '3 events: 0 changed, 1 added, 1 removed, 1 unchanged; 1 incompatible. INCOMPATIBLE under BACKWARD/STRICT. Required bump: major.';
    expect(renderText(view).split('\n')).toEqual([
      'b.new 1.0.0 [added] compatible, needs minor',
      'c.gone 3.1.0 [removed] INCOMPATIBLE, needs major',
      '  ✗ EVENT_REMOVED: c.gone | removed\nwith 100% of its readers',
      summary,
    ].join('\n').split('\n'));
    const md = renderMarkdown(view);
    expect(md).toContain('### ✅ `b.new` 1.0.0 — added, needs **minor**\n');
    expect(md).toContain('| ❌ | EVENT_REMOVED | | c.gone \\| removed with 100% of its readers |');
    expect(md).not.toContain('a.same');
    expect(md.split('\n')[2]).toBe(summary);
  });

  it('GitHub annotations escape %, CR and LF in messages and point at the event line', () => {
    expect(renderGithub(view, 'after.yaml').split('\n')).toEqual([
      '::error file=after.yaml,line=1,title=c.gone%3A EVENT_REMOVED::c.gone | removed%0Awith 100%25 of its readers',
      '::notice title=evc diff::3 events: 0 changed, 1 added, 1 removed, 1 unchanged; 1 incompatible. INCOMPATIBLE under BACKWARD/STRICT. Required bump: major.',
    ]);
  });
});
