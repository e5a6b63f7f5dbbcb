/**
 * Renders a document registration report (from `POST /v1/documents`) for `evc publish`
 * and `evc check`: text for terminals, JSON for tools, Markdown for pull requests, and
 * GitHub workflow commands that annotate the document at each offending event.
 */
import type { DocumentReport, EventOutcome } from '../domain/register-document.ts';

export const FORMATS = ['text', 'json', 'markdown', 'github'] as const;
export type Format = (typeof FORMATS)[number];

const ICON: Record<EventOutcome['status'], string> = { registered: '+', unchanged: '=', rejected: '✗' };

const verdict = (report: DocumentReport): string => {
  const { registered, unchanged, rejected } = report.summary;
  const what = report.dryRun ? 'would register' : 'registered';
  if (!report.ok) {
    return `REJECTED: ${rejected} event(s) rejected${report.document.status === 'rejected' ? ', document version conflict' : ''}; nothing was registered.`;
  }
  return `OK: ${what} ${registered} event(s), ${unchanged} unchanged (document ${report.document.version}${report.dryRun ? ', dry run' : ''}).`;
};

const changeLine = (c: EventOutcome['changes'][number]) => `${c.kind} at ${c.path || '/'}: ${c.message}`;

/** What a status means to the reader: a dry run (`evc check`) registers nothing. */
const statusWord = (status: EventOutcome['status'], dryRun: boolean): string => (dryRun && status === 'registered' ? 'would register' : status);

function text(report: DocumentReport, verbose = false): string {
  const lines = [`${report.document.title} ${report.document.version}`];
  if (report.document.message) lines.push(`  document: ${report.document.message}`);
  const unchanged = report.events.filter((e) => e.status === 'unchanged' && e.messages.length === 0);
  for (const e of report.events) {
    if (!verbose && unchanged.includes(e)) continue;
    const version = e.status === 'unchanged' ? e.version : e.declaredVersion;
    lines.push(`  ${ICON[e.status]} ${e.eventType} ${version} ${statusWord(e.status, report.dryRun)}${e.requiredBump && e.status !== 'unchanged' ? ` (required bump: ${e.requiredBump})` : ''}`);
    if (e.status === 'rejected') {
      lines.push(`      at ${e.source.file}:${e.source.line}:${e.source.col}`);
      for (const m of e.messages) lines.push(`      - ${m}`);
      for (const c of e.changes) lines.push(`      · ${changeLine(c)}`);
      if (e.smallestAcceptableVersion) lines.push(`      smallest acceptable version: ${e.smallestAcceptableVersion} (set x-version)`);
    } else {
      for (const m of e.messages) lines.push(`      note: ${m}`);
    }
  }
  // Unchanged events are one line: they are most of a typical document and need no action.
  if (!verbose && unchanged.length > 0) lines.push(`  ${ICON.unchanged} ${unchanged.length} event(s) unchanged (--verbose lists them)`);
  lines.push(verdict(report));
  return lines.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdown(report: DocumentReport): string {
  const lines = [
    `### ${report.ok ? '✅' : '❌'} Event contracts: ${cell(report.document.title)} ${report.document.version}${report.dryRun ? ' (dry run)' : ''}`,
    '',
    verdict(report),
    '',
    '| Event | Declared | Status | Required bump | Smallest acceptable |',
    '| --- | --- | --- | --- | --- |',
    ...report.events.map(
      (e) => `| \`${e.eventType}\` | ${e.declaredVersion} | ${statusWord(e.status, report.dryRun)} | ${e.requiredBump ?? ''} | ${e.smallestAcceptableVersion ?? ''} |`,
    ),
  ];
  const rejected = report.events.filter((e) => e.status === 'rejected');
  if (report.document.message) lines.push('', `**Document:** ${cell(report.document.message)}`);
  for (const e of rejected) {
    lines.push('', `<details open><summary><code>${e.eventType}</code> ${e.declaredVersion} — ${e.source.file}:${e.source.line}</summary>`, '');
    for (const m of e.messages) lines.push(`- ${cell(m)}`);
    for (const c of e.changes) lines.push(`- \`${c.kind}\` at \`${c.path || '/'}\`: ${cell(c.message)}${c.hint ? ` _(${cell(c.hint)})_` : ''}`);
    lines.push('', '</details>');
  }
  return lines.join('\n');
}

/** GitHub workflow command escaping (docs.github.com, "Workflow commands for GitHub Actions"). */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function github(report: DocumentReport): string {
  const lines: string[] = [];
  for (const e of report.events) {
    if (e.status !== 'rejected') continue;
    const body = [...e.messages, ...e.changes.map(changeLine), ...(e.smallestAcceptableVersion ? [`Smallest acceptable version: ${e.smallestAcceptableVersion}`] : [])].join('\n');
    const props = `file=${escapeProperty(e.source.file)},line=${e.source.line},col=${e.source.col},title=${escapeProperty(`${e.eventType} ${e.declaredVersion} rejected`)}`;
    lines.push(`::error ${props}::${escapeData(body)}`);
  }
  if (report.document.message) lines.push(`::error title=Document version conflict::${escapeData(report.document.message)}`);
  lines.push(report.ok ? `::notice title=Event contracts::${escapeData(verdict(report))}` : `::error title=Event contracts::${escapeData(verdict(report))}`);
  return lines.join('\n');
}

export function formatReport(report: DocumentReport, format: Format, options: { verbose?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'markdown':
      return markdown(report);
    case 'github':
      return github(report);
    case 'text':
      return text(report, options.verbose ?? false);
  }
}
