/**
 * The `evc diff` renderers over a real catalog diff with schema reports (consumer annotations,
 * both directions, proposals, document changes), and the view of a schema report, each built
 * inside the test that judges it. Then the formatting corners on hand-built views: the root
 * pointer, breaks seen only from the new schema back to the old one, unversioned files, notes.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog, EventContract, JsonSchema } from '#catalog/model.ts';
import { diffCatalogs } from './catalog-diff.ts';
import { checkCompatibility } from './check.ts';
import { renderGithub, renderMarkdown, renderText, viewOfCatalogDiff, viewOfSchemaReport, type DiffSection, type DiffView } from './render.ts';

const obj = (properties: Record<string, unknown>, required: string[] = ['id']): JsonSchema => ({ type: 'object', required, properties });
const sub = (agent: string, reads?: string[]) => ({ agent, role: 'handler', operationId: `${agent}.receive`, ...(reads ? { reads } : {}) });

function ev(eventType: string, line: number, o: Partial<EventContract> = {}): EventContract {
  const schema = o.schema ?? obj({ id: { type: 'string' } });
  return {
    eventType,
    version: '1.0.0',
    name: eventType,
    channel: { id: 'c', address: 'shop.v1' },
    schema,
    payloadSchema: schema,
    enveloped: false,
    publishers: ['checkout'],
    subscribers: [],
    examples: [],
    schemaFormat: 'application/schema+json;version=draft-07',
    source: { file: 'new.yaml', pointer: `/components/messages/${eventType}`, line, col: 5 },
    ...o,
  };
}
const catalog = (file: string, events: EventContract[]): Catalog => ({ asyncapi: '3.0.0', title: 'Shop', version: '1.0.0', events, agents: [], sagas: [], aggregates: [], source: { file, sha256: '' } });

// Order.Placed: id string → integer (breaks both ways, read by nobody), total string → string|integer
// (old readers break; mailer reads /total), note added (compatible). Proposed as 1.1.0: refused.
const placedBefore = obj({ id: { type: 'string' }, total: { type: 'string' } });
const placedAfter = obj({ id: { type: 'integer' }, total: { type: ['string', 'integer'] }, note: { type: 'string' } });

/** The catalog diff under FULL/LENIENT, built fresh for each test. */
function catalogDiff() {
  const mailer = [sub('mailer', ['/total'])];
  const before = catalog('old.yaml', [
    ev('Order.Placed', 10, { schema: placedBefore, subscribers: mailer }),
    ev('Order.Same', 20),
    ev('Order.Gone', 30, { version: '3.1.0' }),
    ev('Order.Bumped', 40),
    ev('Order.Shared', 50),
  ]);
  const after = catalog('new.yaml', [
    ev('Order.Placed', 11, { schema: placedAfter, version: '1.1.0', subscribers: mailer }),
    ev('Order.Same', 21),
    ev('Order.Bumped', 41, { version: '1.0.1' }),
    ev('Order.Shared', 51, { publishers: ['checkout', 'backoffice'] }),
    ev('Order.New', 61, { version: '0.1.0' }),
  ]);
  return diffCatalogs(before, after, { level: 'FULL', policy: 'LENIENT' });
}

const ID_BACK = 'type changed from "string" to "integer" at /properties/id/type';
const ID_FWD = 'type changed from "integer" to "string" at /properties/id/type';
const TOTAL_FWD = 'type narrowed from ["string","integer"] to "string" at /properties/total/type';
const TOTAL_BACK = 'type widened from "string" to ["string","integer"] at /properties/total/type';
const NOTE = 'optional property added to an open object at /properties/note';
const NOTE_HINT = 'under STRICT, old data may already carry /properties/note with any value: close the object (additionalProperties: false) first, use the LENIENT policy, or release it as a new major version';
const UNREAD = ' [read by no registered consumer]';
const MAILER = ' [read by mailer (mailer.receive)]';
const ID_HINT = 'add a new field with the new type instead of changing /properties/id/type, or release it as a new major version';
const REASONS = [
  `breaks backward compatibility with 1.0.0 under LENIENT: ${ID_BACK}`,
  `breaks forward compatibility with 1.0.0 under LENIENT: ${ID_FWD}; ${TOTAL_FWD}`,
  'a FULL break needs a new major version: use 2.0.0',
];
const SUMMARY = '6 events: 3 changed, 1 added, 1 removed, 1 unchanged; 2 incompatible. INCOMPATIBLE under FULL/LENIENT. Required bump: major.';
const REMOVED = 'Order.Gone 3.1.0 removed: subscribers and stored events still use it: deprecate it first, remove it in a major release';
const PUBLISHER = 'backoffice now publishes Order.Shared: one more producer of the same contract';
const ADDED = 'Order.New 0.1.0 added: a new contract; nobody depends on it yet';
const HIGHER = '1.0.1 is higher than needed: 1.0.0 would do (the changes need no release)';

describe('the view of a catalog diff with schema reports', () => {
  it('one section per event, with its status, versions, line and verdict', () => {
    const view = viewOfCatalogDiff(catalogDiff());
    // why: the view is about the new document
    expect(view).toMatchObject({ kind: 'asyncapi', level: 'FULL', policy: 'LENIENT', compatible: false, requiredBump: 'major', file: 'new.yaml' });
    // why: events present on both sides show "old → new"; added/removed show their one version; removed ones point at line 1
    expect(view.sections.map((s) => [s.title, s.status, s.versions, s.line, s.compatible, s.requiredBump])).toEqual([
      ['Order.Placed', 'changed', '1.0.0 → 1.1.0', 11, false, 'major'],
      ['Order.Same', 'unchanged', '1.0.0 → 1.0.0', 21, true, 'none'],
      ['Order.Bumped', 'changed', '1.0.0 → 1.0.1', 41, true, 'none'],
      ['Order.Shared', 'changed', '1.0.0 → 1.0.0', 51, true, 'minor'],
      ['Order.New', 'added', '0.1.0', 61, true, 'minor'],
      ['Order.Gone', 'removed', '3.1.0', 1, false, 'major'],
    ]);
  });

  it('a schema change is breaking where the backward check says so, with the consumer-annotated message', () => {
    const [placed] = viewOfCatalogDiff(catalogDiff()).sections;
    // why: id breaks old data (backward): its message is the violation's, naming who reads it; total and note do not
    expect(placed!.changes).toEqual([
      { breaking: false, kind: 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', path: '/properties/note', message: NOTE, hint: NOTE_HINT },
      { breaking: true, kind: 'TYPE_CHANGED', path: '/properties/id/type', message: `${ID_BACK}${UNREAD}`, hint: ID_HINT },
      { breaking: false, kind: 'TYPE_EXTENDED', path: '/properties/total/type', message: TOTAL_BACK, hint: '' },
    ]);
    // why: old readers (forward) break on both id and total; mailer reads total
    expect(placed!.forward).toEqual([{ against: '1.0.0', changes: [expect.objectContaining({ kind: 'TYPE_CHANGED', message: `${ID_FWD}${UNREAD}` }), expect.objectContaining({ kind: 'TYPE_NARROWED', message: `${TOTAL_FWD}${MAILER}` })] }]);
    expect(placed!).toMatchObject({ suggestedVersion: '2.0.0', documentChanges: [], proposal: { version: '1.1.0', acceptable: false, reasons: REASONS } });
    expect(placed).not.toHaveProperty('lines');
  });

  it('sections without a report carry only their document changes', () => {
    const sections = viewOfCatalogDiff(catalogDiff()).sections;
    const added = sections.find((s) => s.title === 'Order.New')!;
    // why: an added event has no schema to compare
    expect(added).toEqual({ title: 'Order.New', status: 'added', compatible: true, requiredBump: 'minor', line: 61, versions: '0.1.0', changes: [], forward: [], documentChanges: [expect.objectContaining({ kind: 'EVENT_ADDED', message: ADDED })] });
    // why: an unchanged event with the same version proposes nothing
    expect(sections.find((s) => s.title === 'Order.Same')).not.toHaveProperty('proposal');
  });

  it('prints as text: what changed, one line per edit, hints where it breaks, notes and refusals', () => {
    expect(renderText(viewOfCatalogDiff(catalogDiff())).split('\n')).toEqual([
      'Order.Placed 1.0.0 → 1.1.0 [changed] INCOMPATIBLE, needs major (suggested 2.0.0)',
      `  ✓ OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL /properties/note: ${NOTE}`,
      // why: the backward message already names its readers; the forward suffix is not repeated
      `  ✗ TYPE_CHANGED /properties/id/type: ${ID_BACK}${UNREAD}; readers of 1.0.0 cannot read new data`,
      `      hint: ${ID_HINT}`,
      // why: compatible backward, but old readers break: the forward readers are named
      `  ✗ TYPE_EXTENDED /properties/total/type: ${TOTAL_BACK}; readers of 1.0.0 cannot read new data${MAILER}`,
      ...REASONS.map((r) => `  version: ${r}`),
      // why: nothing changed but the version: no bump needed, so no suggestion is printed
      'Order.Bumped 1.0.0 → 1.0.1 [changed] compatible, needs none',
      `  note: ${HIGHER}`,
      // why: the schema is unchanged but a publisher was added (minor): the suggestion follows the event's bump
      'Order.Shared 1.0.0 → 1.0.0 [changed] compatible, needs minor (suggested 1.1.0)',
      `  ✓ PUBLISHER_ADDED: ${PUBLISHER}`,
      'Order.New 0.1.0 [added] compatible, needs minor',
      `  ✓ EVENT_ADDED: ${ADDED}`,
      'Order.Gone 3.1.0 [removed] INCOMPATIBLE, needs major',
      `  ✗ EVENT_REMOVED: ${REMOVED}`,
      SUMMARY,
    ]);
  });

  it('prints as markdown: a table per section that has rows, then refusals and notes', () => {
    expect(renderMarkdown(viewOfCatalogDiff(catalogDiff())).split('\n')).toEqual([
      '## evc diff: ❌ incompatible (FULL, LENIENT)',
      '',
      SUMMARY,
      '',
      '### ❌ `Order.Placed` 1.0.0 → 1.1.0 — changed, needs **major** (2.0.0)',
      '',
      '| | change | pointer | explanation |',
      '|---|---|---|---|',
      `| ✅ | OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL | \`/properties/note\` | ${NOTE} |`,
      `| ❌ | TYPE_CHANGED | \`/properties/id/type\` | ${ID_BACK}${UNREAD} — _${ID_HINT}_ |`,
      `| ✅ | TYPE_EXTENDED | \`/properties/total/type\` | ${TOTAL_BACK} |`,
      `| ❌ | TYPE_CHANGED (readers of 1.0.0, new → old) | \`/properties/id/type\` | ${ID_FWD}${UNREAD} |`,
      `| ❌ | TYPE_NARROWED (readers of 1.0.0, new → old) | \`/properties/total/type\` | ${TOTAL_FWD}${MAILER} |`,
      '',
      ...REASONS.map((r) => `- version: ${r}`),
      // why: a version-only change has no rows: no empty table
      '### ✅ `Order.Bumped` 1.0.0 → 1.0.1 — changed, needs **none**',
      '',
      `- note: ${HIGHER}`,
      expect.stringMatching(/^### ✅ `Order\.Shared` 1\.0\.0 → 1\.0\.0 — changed, needs \*\*minor\*\*( |$)/),
      '',
      '| | change | pointer | explanation |',
      '|---|---|---|---|',
      `| ✅ | PUBLISHER_ADDED | | ${PUBLISHER} |`,
      '',
      '### ✅ `Order.New` 0.1.0 — added, needs **minor**',
      '',
      '| | change | pointer | explanation |',
      '|---|---|---|---|',
      `| ✅ | EVENT_ADDED | | ${ADDED} |`,
      '',
      '### ❌ `Order.Gone` 3.1.0 — removed, needs **major**',
      '',
      '| | change | pointer | explanation |',
      '|---|---|---|---|',
      `| ❌ | EVENT_REMOVED | | ${REMOVED} |`,
      '',
    ]);
  });

  it('prints as GitHub annotations: breaks on the event line, compatible document changes left out', () => {
    const title = (t: string) => `title=${t.replaceAll(':', '%3A').replaceAll(',', '%2C')}`;
    expect(renderGithub(viewOfCatalogDiff(catalogDiff()), 'new.yaml').split('\n')).toEqual([
      // why: catalog sections have no per-change lines: every annotation sits on the event's line
      `::error file=new.yaml,line=11,${title('Order.Placed: TYPE_CHANGED')}::${ID_BACK}${UNREAD}. ${ID_HINT}`,
      `::error file=new.yaml,line=11,${title('Order.Placed: readers of 1.0.0 cannot read new data')}::TYPE_CHANGED (new → old): ${ID_FWD}${UNREAD}`,
      `::error file=new.yaml,line=11,${title('Order.Placed: readers of 1.0.0 cannot read new data')}::TYPE_NARROWED (new → old): ${TOTAL_FWD}${MAILER}`,
      ...REASONS.map((r) => `::warning file=new.yaml,line=11,${title('Order.Placed: version')}::${r}`),
      `::error file=new.yaml,line=1,${title('Order.Gone: EVENT_REMOVED')}::${REMOVED}`,
      `::notice title=evc diff::${SUMMARY}`,
    ]);
  });
});

describe('the view of a schema report, built inside the test', () => {
  const report = () =>
    checkCompatibility({
      history: [{ version: '1.0.0', schema: obj({ id: { type: 'string' }, n: { type: 'integer' } }, []) }],
      candidate: { schema: obj({ id: { type: 'integer' }, n: { type: ['integer', 'string'] }, note: { type: 'string' } }, []), version: '1.1.0' },
      level: 'FULL',
      policy: 'LENIENT',
    });
  const lineOf: Record<string, number> = { '/properties/id/type': 7, '/properties/n/type': 9, '/properties/note': 11 };

  it('is one changed section whose line is its first change, each change and forward break on its own line', () => {
    const view = viewOfSchemaReport('event.json', report(), (p) => lineOf[p] ?? 1);
    // why: a schema file is one section named after the file
    expect(view).toMatchObject({ kind: 'schema', level: 'FULL', policy: 'LENIENT', compatible: false, requiredBump: 'major', file: 'event.json' });
    const [s] = view.sections;
    // why: the first change (note, line 11) places the section; every change has its own line
    expect(s).toMatchObject({ title: 'event.json', status: 'changed', line: 11, lines: [11, 7, 9], documentChanges: [] });
    expect(s!.forward.map((f) => [f.against, f.lines])).toEqual([['1.0.0', [7, 9]]]);
    expect(s!.changes.map((c) => c.breaking)).toEqual([false, true, false]);
  });

  it('with only forward breaks the section sits on the first of them', () => {
    // n: integer → integer|string is backward compatible, but old readers reject strings
    const r = checkCompatibility({ history: [{ version: '1.0.0', schema: obj({ n: { type: 'integer' } }, []) }], candidate: { schema: obj({ n: { type: ['integer', 'string'] } }, []) }, level: 'FORWARD', policy: 'LENIENT' });
    const s = viewOfSchemaReport('e.json', { ...r, changes: [] }, (p) => lineOf[p] ?? 3).sections[0]!;
    // why: no backward change to point at: the forward break at /properties/n/type (line 9)
    expect([s.status, s.line, s.lines]).toEqual(['unchanged', 9, []]);
  });
});

/** A hand-built section: the renderers are pure over the view. */
const section = (o: Partial<DiffSection>): DiffSection => ({ title: 's.json', status: 'changed', compatible: true, requiredBump: 'minor', line: 1, changes: [], forward: [], documentChanges: [], ...o });
const view = (sections: DiffSection[], o: Partial<DiffView> = {}): DiffView => ({ kind: 'schema', level: 'BACKWARD', policy: 'STRICT', compatible: true, requiredBump: 'minor', file: 's.json', sections, ...o });
const change = (kind: string, path: string, message: string) => ({ kind: kind as never, path, before: 1, after: 2, message, hint: `fix ${kind}` });

describe('formatting corners', () => {
  it('the root pointer is printed as "/", in both directions', () => {
    const v = view([section({
      changes: [{ breaking: true, kind: 'FALSE_SCHEMA_INTRODUCED', path: '', message: 'm', hint: 'h' }],
      forward: [{ against: '1.0.0', changes: [change('FALSE_SCHEMA_REPLACED', '', 'f')] }],
    })]);
    // why: an empty JSON pointer is the whole document
    expect(renderText(v).split('\n').slice(1, 3)).toEqual(['  ✗ FALSE_SCHEMA_INTRODUCED /: m; readers of 1.0.0 cannot read new data', '      hint: h']);
    expect(renderMarkdown(v)).toContain('| ❌ | FALSE_SCHEMA_INTRODUCED | `/` | m — _h_ |');
    expect(renderMarkdown(v)).toContain('| ❌ | FALSE_SCHEMA_REPLACED (readers of 1.0.0, new → old) | `/` | f |');
  });

  it('breaks seen only from the new schema back to the old one get their own block', () => {
    const v = view([section({
      changes: [{ breaking: true, kind: 'REQUIRED_PROPERTY_ADDED', path: '/required', message: 'b', hint: 'hb' }, { breaking: false, kind: 'ENUM_ARRAY_EXTENDED', path: '/enum', message: 'e', hint: 'he' }],
      forward: [{ against: '1.2.0', changes: [change('ENUM_ARRAY_NARROWED', '/const', 'n'), change('FALSE_SCHEMA_INTRODUCED', '', 'r'), change('ENUM_ARRAY_NARROWED', '/enum', 'x')] }],
    })]);
    expect(renderText(v).split('\n')).toEqual([
      's.json [changed] compatible, needs minor',
      // why: a backward break without a forward one still shows its hint
      '  ✗ REQUIRED_PROPERTY_ADDED /required: b',
      '      hint: hb',
      // why: compatible backward but broken forward at the same pointer: one line, the hint shown
      '  ✗ ENUM_ARRAY_EXTENDED /enum: e; readers of 1.2.0 cannot read new data',
      '      hint: he',
      // why: the other forward breaks have no backward line to join
      '  ✗ readers of 1.2.0 cannot read new data (seen from the new schema back to the old one):',
      '      ENUM_ARRAY_NARROWED /const: n',
      '      FALSE_SCHEMA_INTRODUCED /: r',
      '0 changes. compatible under BACKWARD/STRICT. Required bump: minor.'.replace('0 changes', '2 changes'),
    ]);
    // why: forward breaks all at backward pointers: no extra block
    const joined = view([section({ changes: [{ breaking: false, kind: 'K', path: '/a', message: 'a', hint: '' }], forward: [{ against: '1.0.0', changes: [change('F', '/a', 'f')] }] })]);
    expect(renderText(joined)).not.toContain('seen from the new schema');
    // why: a forward violation with nothing left after removing joined pointers prints nothing
    expect(renderText(joined).split('\n')).toHaveLength(3);
  });

  it('unversioned files name no bump; a view without sections has 0 changes', () => {
    const v = view([section({ suggestedVersion: '1.1.0', documentChanges: [{ kind: 'PUBLISHER_ADDED', eventType: 'x', message: 'p', compatible: true, bump: 'minor' }, { kind: 'EVENT_REMOVED', eventType: 'x', message: 'r', compatible: false, bump: 'major' }] })], { unversioned: true });
    // why: two bare schema files have no versions to bump
    expect(renderText(v).split('\n')).toEqual(['s.json [changed] compatible', '  ✓ PUBLISHER_ADDED: p', '  ✗ EVENT_REMOVED: r', '0 changes. compatible under BACKWARD/STRICT.']);
    // why: nothing to count, nothing to crash on
    expect(renderText(view([]))).toBe('0 changes. compatible under BACKWARD/STRICT. Required bump: minor.');
  });

  it('a suggestion is shown only when a release is needed; a section without versions shows none', () => {
    const none = view([section({ requiredBump: 'none', suggestedVersion: '1.0.0' })]);
    expect(renderText(none).split('\n')[0]).toBe('s.json [changed] compatible, needs none');
    expect(renderMarkdown(none).split('\n')[4]).toBe('### ✅ `s.json` — changed, needs **none**');
    const minor = view([section({ suggestedVersion: '1.1.0', proposal: { version: '1.0.1', acceptable: false, notes: ['n1'], reasons: ['r1'] } })]);
    // why: reasons before notes in markdown, notes before reasons in text
    expect(renderText(minor).split('\n').slice(0, 3)).toEqual(['s.json [changed] compatible, needs minor (suggested 1.1.0)', '  note: n1', '  version: r1']);
    expect(renderMarkdown(minor).split('\n').slice(4)).toEqual(['### ✅ `s.json` — changed, needs **minor** (1.1.0)', '', '- version: r1', '- note: n1']);
    // why: markdown cells escape pipes and flatten lines in notes and reasons too
    const piped = view([section({ proposal: { version: '1', acceptable: true, notes: ['a|b\nc'], reasons: [] } })]);
    expect(renderMarkdown(piped).split('\n').at(-1)).toBe('- note: a\\|b c');
  });

  it('GitHub: a per-change line where known, else the section line; % CR LF and property characters escaped', () => {
    const v = view([section({
      title: 'a,b',
      line: 5,
      lines: [8],
      changes: [{ breaking: true, kind: 'K1', path: '/a', message: '50%\r\ndone', hint: 'h:1' }, { breaking: true, kind: 'K2', path: '/b', message: 'm2', hint: 'h2' }],
      forward: [{ against: '1.0.0', changes: [change('F1', '/x', 'fx'), change('F2', '/y', 'fy')], lines: [9] }],
    })]);
    expect(renderGithub(v, 'dir/f:1.json').split('\n').slice(0, 4)).toEqual([
      '::error file=dir/f%3A1.json,line=8,title=a%2Cb%3A K1::50%25%0D%0Adone. h:1',
      // why: no line for the second change: the section's
      '::error file=dir/f%3A1.json,line=5,title=a%2Cb%3A K2::m2. h2',
      '::error file=dir/f%3A1.json,line=9,title=a%2Cb%3A readers of 1.0.0 cannot read new data::F1 (new → old): fx',
      '::error file=dir/f%3A1.json,line=5,title=a%2Cb%3A readers of 1.0.0 cannot read new data::F2 (new → old): fy',
    ]);
  });
});

describe('the readers suffix', () => {
  it('is the last " [read by …]" of the forward message, not one inside a property name', () => {
    const name = ' [read by z]';
    const v = view([section({
      changes: [{ breaking: false, kind: 'TYPE_EXTENDED', path: `/properties/${name}/type`, message: 'w', hint: '' }],
      forward: [{ against: '1.0.0', changes: [change('TYPE_NARROWED', `/properties/${name}/type`, `narrowed at /properties/${name}/type [read by a (op), b]`)] }],
    })]);
    // why: the suffix compat/consumers.ts appends is at the end of the message
    expect(renderText(v).split('\n')[1]).toBe(`  ✗ TYPE_EXTENDED /properties/${name}/type: w; readers of 1.0.0 cannot read new data [read by a (op), b]`);
    const plain = view([section({ changes: [{ breaking: false, kind: 'K', path: '/a', message: 'w', hint: '' }], forward: [{ against: '1.0.0', changes: [change('F', '/a', 'f [read by x] then more')] }] })]);
    // why: no suffix at the end: no readers named
    expect(renderText(plain).split('\n')[1]).toBe('  ✗ K /a: w; readers of 1.0.0 cannot read new data');
  });
});
