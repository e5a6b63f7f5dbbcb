/**
 * Pure renderers for `evc diff`: one view model built from a schema report or a catalog
 * diff, printed as text, markdown (PR comments) or GitHub workflow annotations. No IO.
 */
import type { Bump, CatalogDiff, Change, CompatReport, DocumentChange, Level, Policy } from './types.ts';
import { isVersion, nextVersion } from './semver.ts';

export interface SectionChange {
  breaking: boolean;
  kind: string;
  path: string;
  message: string;
  hint: string;
}

export interface DiffSection {
  title: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  compatible: boolean;
  requiredBump: Bump;
  /** 1-based line in the new document (for annotations). */
  line: number;
  /** Per-change lines, when each change can be located (schema files). */
  lines?: number[];
  versions?: string;
  suggestedVersion?: string;
  changes: SectionChange[];
  /** Breaks seen from old readers receiving new data (the swapped diff). */
  forward: { against: string; changes: Change[]; lines?: number[] }[];
  documentChanges: DocumentChange[];
  proposal?: CompatReport['proposal'];
}

export interface DiffView {
  kind: 'asyncapi' | 'schema';
  level: Level;
  policy: Policy;
  compatible: boolean;
  requiredBump: Bump;
  file: string;
  sections: DiffSection[];
  /** Two bare schema files without `x-version`: no bump or version is mentioned. */
  unversioned?: boolean;
}

function sectionFromReport(title: string, report: CompatReport, line: number): Omit<DiffSection, 'status' | 'documentChanges'> {
  // Violation messages may carry more (e.g. "[read by ui-ux-designer]" from compat/consumers.ts).
  const backward = new Map(report.violations.filter((v) => v.direction === 'backward').flatMap((v) => v.changes.map((c) => [`${c.kind} ${c.path}`, c.message] as const)));
  return {
    title,
    compatible: report.compatible,
    requiredBump: report.requiredBump,
    line,
    suggestedVersion: report.suggestedVersion,
    changes: report.changes.map((c) => {
      const violation = backward.get(`${c.kind} ${c.path}`);
      return { breaking: violation !== undefined, kind: c.kind, path: c.path, message: violation ?? c.message, hint: c.hint };
    }),
    forward: report.violations.filter((v) => v.direction === 'forward').map((v) => ({ against: v.against, changes: v.changes })),
    ...(report.proposal ? { proposal: report.proposal } : {}),
  };
}

export function viewOfSchemaReport(file: string, report: CompatReport, locate: (pointer: string) => number): DiffView {
  const base = sectionFromReport(file, report, 1);
  const section: DiffSection = { ...base, status: report.changes.length > 0 ? 'changed' : 'unchanged', documentChanges: [] };
  return { kind: 'schema', level: report.level, policy: report.policy, compatible: report.compatible, requiredBump: report.requiredBump, file, sections: [withLines(section, locate)] };
}

/** In schema mode every change can point at its own line of the new file. */
function withLines(section: DiffSection, locate: (pointer: string) => number): DiffSection {
  const forward = section.forward.map((f) => ({ ...f, lines: f.changes.map((c) => locate(c.path)) }));
  const first = section.changes[0] ?? section.forward[0]?.changes[0];
  return { ...section, forward, line: first ? locate(first.path) : 1, lines: section.changes.map((c) => locate(c.path)) };
}

export function viewOfCatalogDiff(diff: CatalogDiff): DiffView {
  const sections = diff.events.map((e): DiffSection => {
    const base = e.report
      ? sectionFromReport(e.eventType, e.report, e.source.line)
      : { title: e.eventType, compatible: e.compatible, requiredBump: e.requiredBump, line: e.source.line, changes: [], forward: [] };
    return {
      ...base,
      title: e.eventType,
      status: e.status,
      compatible: e.compatible,
      requiredBump: e.requiredBump,
      line: e.status === 'removed' ? 1 : e.source.line,
      versions: e.beforeVersion && e.afterVersion ? `${e.beforeVersion} → ${e.afterVersion}` : (e.afterVersion ?? e.beforeVersion),
      // The event's bump counts its document changes too (a publisher added is a minor), not only the schema's.
      ...(e.report && e.beforeVersion && isVersion(e.beforeVersion) ? { suggestedVersion: nextVersion(e.beforeVersion, e.requiredBump) } : {}),
      documentChanges: e.documentChanges,
    };
  });
  return { kind: 'asyncapi', level: diff.level, policy: diff.policy, compatible: diff.compatible, requiredBump: diff.requiredBump, file: diff.after.file, sections };
}

const verdict = (ok: boolean) => (ok ? 'compatible' : 'INCOMPATIBLE');
/** The " [read by …]" suffix compat/consumers.ts appends to a violation's message, if any. */
const readersOf = (message: string): string => / \[read by [^\]]*\]$/.exec(message)?.[0] ?? '';
const interesting = (s: DiffSection) => s.status !== 'unchanged';

function summary(view: DiffView): string {
  const count = (status: DiffSection['status']) => view.sections.filter((s) => s.status === status).length;
  const broken = view.sections.filter((s) => !s.compatible).length;
  const what = view.kind === 'asyncapi'
    ? `${view.sections.length} events: ${count('changed')} changed, ${count('added')} added, ${count('removed')} removed, ${count('unchanged')} unchanged; ${broken} incompatible.`
    : `${view.sections[0]?.changes.length ?? 0} changes.`;
  return `${what} ${verdict(view.compatible)} under ${view.level}/${view.policy}.${view.unversioned ? '' : ` Required bump: ${view.requiredBump}.`}`;
}

export function renderText(view: DiffView): string {
  const lines: string[] = [];
  for (const s of view.sections.filter(interesting)) {
    const versions = s.versions ? ` ${s.versions}` : '';
    const suggestion = s.suggestedVersion && s.requiredBump !== 'none' ? ` (suggested ${s.suggestedVersion})` : '';
    lines.push(`${s.title}${versions} [${s.status}] ${verdict(s.compatible)}${view.unversioned ? '' : `, needs ${s.requiredBump}${suggestion}`}`);
    for (const d of s.documentChanges) lines.push(`  ${d.compatible ? '✓' : '✗'} ${d.kind}: ${d.message}`);
    // One edit, one line: a change that also breaks old readers (the swapped diff finds it at
    // the same pointer) is not listed a second time under "readers of … cannot read new data".
    const forwardAt = new Map(s.forward.flatMap((f) => f.changes.map((c) => [c.path, { change: c, against: f.against }] as const)));
    for (const c of s.changes) {
      const fwd = forwardAt.get(c.path);
      const also = fwd ? `; readers of ${fwd.against} cannot read new data${c.breaking ? '' : readersOf(fwd.change.message)}` : '';
      lines.push(`  ${c.breaking || fwd ? '✗' : '✓'} ${c.kind} ${c.path || '/'}: ${c.message}${also}`);
      if ((c.breaking || fwd) && c.hint) lines.push(`      hint: ${c.hint}`);
    }
    const backwardPaths = new Set(s.changes.map((c) => c.path));
    for (const f of s.forward) {
      const only = f.changes.filter((c) => !backwardPaths.has(c.path));
      if (only.length === 0) continue;
      lines.push(`  ✗ readers of ${f.against} cannot read new data (seen from the new schema back to the old one):`);
      for (const c of only) lines.push(`      ${c.kind} ${c.path || '/'}: ${c.message}`);
    }
    for (const n of s.proposal?.notes ?? []) lines.push(`  note: ${n}`);
    for (const r of s.proposal?.reasons ?? []) lines.push(`  version: ${r}`);
  }
  lines.push(summary(view));
  return lines.join('\n');
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function renderMarkdown(view: DiffView): string {
  const out = [`## evc diff: ${view.compatible ? '✅ compatible' : '❌ incompatible'} (${view.level}, ${view.policy})`, '', summary(view), ''];
  for (const s of view.sections.filter(interesting)) {
    out.push(`### ${s.compatible ? '✅' : '❌'} \`${s.title}\`${s.versions ? ` ${s.versions}` : ''} — ${s.status}, needs **${s.requiredBump}**${s.suggestedVersion && s.requiredBump !== 'none' ? ` (${s.suggestedVersion})` : ''}`, '');
    const rows = [
      ...s.documentChanges.map((d) => `| ${d.compatible ? '✅' : '❌'} | ${d.kind} | | ${cell(d.message)} |`),
      ...s.changes.map((c) => `| ${c.breaking ? '❌' : '✅'} | ${c.kind} | \`${cell(c.path || '/')}\` | ${cell(c.message)}${c.breaking && c.hint ? ` — _${cell(c.hint)}_` : ''} |`),
      ...s.forward.flatMap((f) => f.changes.map((c) => `| ❌ | ${c.kind} (readers of ${f.against}, new → old) | \`${cell(c.path || '/')}\` | ${cell(c.message)} |`)),
    ];
    if (rows.length > 0) out.push('| | change | pointer | explanation |', '|---|---|---|---|', ...rows, '');
    for (const r of s.proposal?.reasons ?? []) out.push(`- version: ${cell(r)}`);
    for (const n of s.proposal?.notes ?? []) out.push(`- note: ${cell(n)}`);
  }
  return out.join('\n');
}

/** GitHub workflow commands: `::error file=…,line=…::message` (data and properties escaped per the toolkit). */
const escapeData = (s: string) => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (s: string) => escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');

export function renderGithub(view: DiffView, file: string): string {
  const out: string[] = [];
  for (const s of view.sections) {
    s.changes.forEach((c, i) => {
      if (!c.breaking) return;
      const line = s.lines?.[i] ?? s.line;
      out.push(`::error file=${escapeProperty(file)},line=${line},title=${escapeProperty(`${s.title}: ${c.kind}`)}::${escapeData(`${c.message}. ${c.hint}`)}`);
    });
    for (const f of s.forward) {
      f.changes.forEach((c, i) => out.push(`::error file=${escapeProperty(file)},line=${f.lines?.[i] ?? s.line},title=${escapeProperty(`${s.title}: readers of ${f.against} cannot read new data`)}::${escapeData(`${c.kind} (new → old): ${c.message}`)}`));
    }
    for (const d of s.documentChanges) {
      if (!d.compatible) out.push(`::error file=${escapeProperty(file)},line=${s.line},title=${escapeProperty(`${s.title}: ${d.kind}`)}::${escapeData(d.message)}`);
    }
    for (const r of s.proposal?.reasons ?? []) out.push(`::warning file=${escapeProperty(file)},line=${s.line},title=${escapeProperty(`${s.title}: version`)}::${escapeData(r)}`);
  }
  out.push(`::notice title=evc diff::${escapeData(summary(view))}`);
  return out.join('\n');
}
